import * as v from 'valibot';
import { FIELD_NAME_PATTERN } from '../shared/constants.ts';
import { toFieldErrors, type FieldErrors } from '../shared/field-errors.ts';
import { LeadFieldsSchema, type LeadFields } from '../shared/lead.ts';
import type { Messages } from './messages.ts';

/**
 * The filled-in text fields of a form, as the lead schema expects them. Empty inputs, files and
 * names the schema would refuse are left out; repeated names (checkbox groups) join with commas.
 */
export function collectFields(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, raw] of new FormData(form)) {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value && FIELD_NAME_PATTERN.test(name)) fields[name] = fields[name] ? `${fields[name]},${value}` : value;
  }
  return fields;
}

/** Checks required inputs and the shared lead schema; the same schema the edge applies. */
export function validateFields(
  form: HTMLFormElement,
  fields: Record<string, string>,
  text: Messages,
): { ok: true; fields: LeadFields } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('[required][name]')) {
    if (!fields[input.name]?.trim()) errors[input.name] = text.required;
  }
  const result = v.safeParse(LeadFieldsSchema, fields);
  if (!result.success) return { ok: false, errors: { ...toFieldErrors(result.issues), ...errors } };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, fields: result.output };
}
