import type { FieldErrors } from '../../shared/field-errors.ts';
import type { LeadFields } from '../../shared/lead.ts';
import type { FormGuard } from '../config/forms.ts';

/** The fields this form takes: all of them, or its `fields` list with others dropped or refused by name. */
export function applyFieldList(fields: LeadFields, guard: FormGuard): { ok: true; fields: LeadFields } | { ok: false; errors: FieldErrors } {
  if (!guard.fields) return { ok: true, fields };
  const allowed = new Set(guard.fields);
  const unknown = Object.keys(fields).filter((name) => !allowed.has(name));
  if (unknown.length === 0) return { ok: true, fields };
  if (guard.unknownFields === 'reject') return { ok: false, errors: Object.fromEntries(unknown.map((name) => [name, 'This form does not take this field'])) };
  return { ok: true, fields: Object.fromEntries(Object.entries(fields).filter(([name]) => allowed.has(name))) as LeadFields };
}
