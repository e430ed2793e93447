import { FIELD_NAME_PATTERN } from '../../shared/constants.ts';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { VISITOR_FIELD_CHECKS } from '../../shared/field-checks.ts';
import { HONEYPOT_FIELD } from '../constants.ts';
import { invalidMessage, type Messages } from '../i18n/catalogue.ts';

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

/**
 * Field errors in the visitor's language: `required` names left empty, and known fields the
 * shared checks refuse (the edge applies the same checks, and parses the phone for real).
 */
export function fieldErrors(fields: Record<string, string>, text: Messages, required: Iterable<string> = []): FieldErrors | undefined {
  const errors: FieldErrors = {};
  for (const [name, check] of Object.entries(VISITOR_FIELD_CHECKS)) {
    const value = fields[name];
    if (value !== undefined && !check(value)) errors[name] = invalidMessage(text, name);
  }
  for (const name of required) if (!fields[name]) errors[name] = text.required;
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Names of the form's required inputs. */
export const requiredNames = (form: HTMLFormElement): string[] =>
  Array.from(form.querySelectorAll<HTMLInputElement>('[required][name]'), (input) => input.name);
