import { FIELD_TYPES, type FieldSpec, type FieldType } from '../../shared/form-fields.ts';

export type { FieldSpec, FieldType };

// NAME, a star when required, `:TYPE`, and `(…)` for a select's choices (split by |) or a
// hidden field's or checkbox's value: `budget*:select(Under 1M|1M-2M)`, `source:hidden(Website)`.
const FIELD_ITEM = /^([A-Za-z][\w-]*)(\*?)(?::([a-z]+))?(?:\((.*)\))?$/s;

/**
 * Parses `data-fields="name*, phone*, email, consent*:checkbox, budget:select(A|B), message"`.
 * Commas inside parentheses belong to the item. Throws on an item it cannot read, naming it,
 * so a typo shows in the console instead of becoming a wrong form.
 */
export function parseFieldList(list: string): FieldSpec[] {
  return list
    .split(/,(?![^(]*\))/)
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [, name = '', star, type, argument] = FIELD_ITEM.exec(item) ?? [];
      const takesArgument = type === 'select' || type === 'hidden' || type === 'checkbox';
      const known = !type || (FIELD_TYPES as readonly string[]).includes(type);
      if (!name || !known || (argument !== undefined && !takesArgument)) throw new Error(`data-fields: cannot read "${item}" (types: ${FIELD_TYPES.join(', ')})`);
      const spec: FieldSpec = { name, required: star === '*' };
      if (type) spec.type = type as FieldType;
      if (argument !== undefined && type === 'select') spec.options = argument.split('|').map((option) => option.trim());
      else if (argument !== undefined) spec.value = argument.trim();
      return spec;
    });
}

// How many forms of each id this page has rendered, so a second one gets ids of its own.
const rendered: Record<string, number> = {};

/**
 * The prefix of the element ids of one rendered form: the form id for the first form of that id
 * on the page, then `<id>-2`, `<id>-3`: two forms of one id never share a label target.
 */
export function idPrefixFor(formId: string): string {
  const count = (rendered[formId] = (rendered[formId] ?? 0) + 1);
  return count === 1 ? formId : `${formId}-${count}`;
}
