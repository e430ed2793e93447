import type { FieldErrors } from '../../shared/field-errors.ts';
import type { LeadFields } from '../../shared/lead.ts';
import type { FormGuard } from '../config/forms.ts';

/**
 * The visitor fields every form takes without listing them: who the visitor is, how to reach
 * them, what they wrote, and the countries their phone may be read in.
 */
export const STANDARD_FIELDS: readonly string[] = ['name', 'first_name', 'last_name', 'email', 'phone', 'phone_country', 'country', 'message'];

const pick = (fields: LeadFields, keep: (name: string) => boolean): LeadFields => Object.fromEntries(Object.entries(fields).filter(([name]) => keep(name))) as LeadFields;

/**
 * The fields this form takes. With a `fields` list: those, others dropped or refused by name.
 * Without one: the standard fields and those the form's mapping reads (`reads`), so a crafted
 * post cannot slip a provider field past the operator's mapping. A dropped field is named on
 * the lead (`notForwarded`).
 */
export function applyFieldList(
  fields: LeadFields,
  guard: FormGuard,
  reads: ReadonlySet<string>,
): { ok: true; fields: LeadFields; notForwarded: string[] } | { ok: false; errors: FieldErrors } {
  const listed = guard.fields ? new Set(guard.fields) : undefined;
  const allowed = (name: string) => (listed ? listed.has(name) : STANDARD_FIELDS.includes(name) || reads.has(name));
  const unknown = Object.keys(fields).filter((name) => !allowed(name));
  if (unknown.length === 0) return { ok: true, fields, notForwarded: [] };
  if (listed && guard.unknownFields === 'reject') return { ok: false, errors: Object.fromEntries(unknown.map((name) => [name, 'This form does not take this field'])) };
  // Dropped, never silently: the lead keeps the names (not the values) for the operator page.
  return { ok: true, fields: pick(fields, allowed), notForwarded: unknown.filter((name) => fields[name]?.trim()) };
}
