import type { FieldErrors } from '../../shared/field-errors.ts';
import { VISITOR_FIELD_CHECKS } from '../../shared/field-checks.ts';
import type { Messages } from '../i18n/catalogue.ts';

/** The message for a field the shared checks refused (here, with the checks, so only the submit path carries it). */
export const invalidMessage = (text: Messages, field: string): string =>
  field === 'name' ? text.invalidName : field === 'email' ? text.invalidEmail : field === 'phone' ? text.invalidPhone : text.invalidField;

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
