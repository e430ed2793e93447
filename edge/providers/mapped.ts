import type { FieldErrors } from '../../shared/field-errors.ts';
import { normalizePhone } from '../phone.ts';
import type { MapOutcome, ProviderLead } from './types.ts';

/** An adapter's own mapping of one lead: its payload and the form fields it could not carry, or field errors. */
export type MapResult<P> = { ok: true; payload: P; notForwarded?: readonly string[] } | { ok: false; fields: FieldErrors };

/** FNV-1a over the options' JSON: short, stable, and enough to tell one form mapping from the next. */
function mappingKey(options: unknown): string {
  const text = JSON.stringify(options);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** A lead stored before phones carried every format gets its phone parsed again from the E.164 it kept; others are as they are. */
const withCurrentPhone = (lead: ProviderLead): ProviderLead =>
  lead.phone === undefined || lead.phone.international !== undefined ? lead : { ...lead, phone: normalizePhone(lead.phone.e164, undefined) };

/** What an adapter needs around its mapping so that each lead is mapped once, when it is accepted. */
export interface LeadMapper<P> {
  mapLead(lead: ProviderLead): MapOutcome;
  checkLead(lead: ProviderLead): FieldErrors | undefined;
  /** The payload to send: the stored one when this mapping made it, else mapped now (a lead from before, or a changed form). */
  payloadOf(lead: ProviderLead): P;
}

/** Wraps an adapter's pure `map` so accept maps once and delivery reuses the stored payload. `provider` names it in errors. */
export function leadMapper<P>(provider: string, options: unknown, map: (lead: ProviderLead) => MapResult<P>): LeadMapper<P> {
  const key = mappingKey(options);
  const current = (lead: ProviderLead): boolean => lead.mapped?.mappingKey === key;
  return {
    mapLead(lead) {
      const result = map(lead);
      return result.ok ? { ok: true, mapped: { payload: result.payload, mappingKey: key }, notForwarded: [...(result.notForwarded ?? [])] } : result;
    },
    checkLead(lead) {
      if (current(lead)) return undefined;
      const result = map(withCurrentPhone(lead));
      return result.ok ? undefined : result.fields;
    },
    payloadOf(lead) {
      // Our own stored output of this very mapping (same key), read back from D1.
      if (current(lead)) return lead.mapped?.payload as P;
      const result = map(withCurrentPhone(lead));
      if (!result.ok) throw new Error(`[edge] [${provider}] lead ${lead.id} does not map: ${Object.keys(result.fields).join(', ')}`);
      return result.payload;
    },
  };
}
