// One input of a lead form, and the element that shows it. Three renderers write forms: the
// script tag's render.js (DOM), the Preact component, and the snippet a site owner pastes (HTML
// text). They all take the element and attributes from fieldControl, so their markup cannot drift.

/** The kinds of input a lead form can have. */
export const FIELD_TYPES = ['text', 'email', 'tel', 'textarea', 'select', 'checkbox', 'hidden'] as const;

/** One of FIELD_TYPES. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** One input of a form the widget renders. */
export interface FieldSpec {
  name: string;
  required: boolean;
  /** Default: `email` for email, `tel` for phone, `textarea` for message, else `text`. */
  type?: FieldType | undefined;
  /** A select's choices: each is both the value sent and the text shown. */
  options?: readonly string[] | undefined;
  /** A hidden field's value; what a checked checkbox sends (default `yes`). */
  value?: string | undefined;
}

/** How a field is laid out: a label above its control, a checkbox before its label, or nothing shown. */
export type FieldLayout = 'stacked' | 'inline' | 'hidden';

/** An element of a field: its tag, its attributes (`true` for a boolean one) and, for a select, its choices. */
export interface FieldControl {
  tag: 'input' | 'select' | 'textarea';
  attributes: Record<string, string | true>;
  /** A select's options as [value, text]; a required one starts with an empty choice, so a visitor must pick. */
  options?: Array<[value: string, text: string]>;
}

/** The type of a field: the one it names, else the one its name suggests. */
export const fieldType = (spec: FieldSpec): FieldType =>
  spec.type ?? (spec.name === 'email' ? 'email' : spec.name === 'phone' ? 'tel' : spec.name === 'message' ? 'textarea' : 'text');

/** How the field is laid out (see FieldLayout). */
export const fieldLayout = (spec: FieldSpec): FieldLayout => {
  const type = fieldType(spec);
  return type === 'hidden' ? 'hidden' : type === 'checkbox' ? 'inline' : 'stacked';
};

/**
 * How many rows of leadrelay.css the fields take: one per field shown, two for a message box. A
 * page keeps that space for a form the widget renders (`data-rows`), so nothing moves when it arrives.
 */
export const rowsOf = (fields: readonly FieldSpec[]): number =>
  fields.reduce((rows, field) => rows + (fieldLayout(field) === 'hidden' ? 0 : fieldType(field) === 'textarea' ? 2 : 1), 0);

/** The browser autofill hint for a field name (`on` lets the browser guess). */
const AUTOCOMPLETE: Readonly<Record<string, string>> = {
  name: 'name',
  firstName: 'given-name',
  first_name: 'given-name',
  lastName: 'family-name',
  last_name: 'family-name',
  surname: 'family-name',
  email: 'email',
  phone: 'tel',
  city: 'address-level2',
};

/**
 * The element of one field with the id `id`. `choose` is the text of a required select's empty
 * first choice, in the form's language.
 */
export function fieldControl(spec: FieldSpec, id: string, choose: string): FieldControl {
  const type = fieldType(spec);
  const attributes: Record<string, string | true> = { id, name: spec.name };
  if (type === 'hidden') return { tag: 'input', attributes: { ...attributes, type, value: spec.value ?? '' } };
  if (spec.required) attributes['required'] = true;
  if (type === 'textarea') return { tag: 'textarea', attributes: { ...attributes, rows: '3' } };
  if (type === 'checkbox') return { tag: 'input', attributes: { ...attributes, type, value: spec.value ?? 'yes' } };
  const autocomplete = AUTOCOMPLETE[spec.name];
  if (autocomplete) attributes['autocomplete'] = autocomplete;
  if (type === 'select') {
    const choices = (spec.options ?? []).map((option): [string, string] => [option, option]);
    return { tag: 'select', attributes, options: spec.required ? [['', choose], ...choices] : choices };
  }
  return { tag: 'input', attributes: type === 'text' ? attributes : { ...attributes, type } };
}
