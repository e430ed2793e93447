import type { FieldErrors } from '../../shared/field-errors.ts';
import { VISITOR_FIELD_CHECKS } from '../../shared/field-checks.ts';
import { invalidMessage, type Messages } from '../i18n/catalogue.ts';

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
