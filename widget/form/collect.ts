// What a form holds, read without the validation code: the npm entries and widget.js read it at
// once, while the checks come with the lazy submit path.
import { FIELD_NAME_PATTERN } from '../../shared/constants.ts';
import { HONEYPOT_FIELD } from '../constants.ts';

/**
 * The filled-in text fields of a form, as the lead schema expects them. Empty inputs, files,
 * the honeypot and names the schema would refuse are left out; repeated names (checkbox
 * groups) join with commas.
 */
export function collectFields(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, raw] of new FormData(form)) {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value && name !== HONEYPOT_FIELD && FIELD_NAME_PATTERN.test(name)) fields[name] = fields[name] ? `${fields[name]},${value}` : value;
  }
  return fields;
}

/** Names of the form's required inputs. */
export const requiredNames = (form: HTMLFormElement): string[] =>
  Array.from(form.querySelectorAll<HTMLInputElement>('[required][name]'), (input) => input.name);
