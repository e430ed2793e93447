// Anarock's `last-lead-data` check: an operator operation, and how the edge makes sure a lead
// whose answer was lost did not arrive before it sends it again.
import * as v from 'valibot';
import { anarockBaseUrl, authParams, okResponse, type AnarockOptions } from './anarock-wire.ts';
import { fieldValue } from './mapping.ts';
import { errorReason, isSuccess } from './response.ts';
import type { Confirmation, OperationResult, ProviderAdapter, ProviderOperation } from './types.ts';

const LastLeadInput = v.object({ phone: v.pipe(v.string(), v.regex(/^\d{4,14}$/, 'Phone number without country code, digits only')) });

/** anarock.txt: `last-lead-data` GET, to check that a lead arrived with every parameter captured. */
export function lastLeadData(options: AnarockOptions): ProviderOperation {
  return {
    description: 'Shows the last lead Anarock stored for a phone number (integration check)',
    async buildRequest(input, secrets, now) {
      const parsed = v.safeParse(LastLeadInput, input);
      if (!parsed.success) return { ok: false, fields: { phone: parsed.issues[0].message } };
      const query = new URLSearchParams({ phone: parsed.output.phone, ...stringify(await authParams(secrets['key'] ?? '', now)) });
      const url = `${anarockBaseUrl(options)}/api/v0/${encodeURIComponent(options.channel)}/last-lead-data?${query}`;
      return { ok: true, request: { method: 'GET', url, headers: { accept: 'application/json' } } };
    },
    classifyResponse(status, bodyText): OperationResult {
      const response = isSuccess(status) ? okResponse(bodyText) : undefined;
      return response ? { ok: true, status, body: response } : { ok: false, status, reason: errorReason(status, bodyText) };
    },
  };
}

/**
 * Before resending a lead whose earlier answer was lost: ask `last-lead-data` for its phone.
 * It returns the last lead stored for that phone, which could be an older lead of the same person,
 * so it counts as ours only when the name or email also match.
 */
export function anarockConfirmation(options: AnarockOptions): NonNullable<ProviderAdapter['confirmation']> {
  const operation = lastLeadData(options);
  return {
    async buildRequest(lead, secrets, now) {
      const built = await operation.buildRequest({ phone: lead.phone?.national ?? '' }, secrets, now);
      if (!built.ok) throw new Error('[edge] [anarock] a stored lead always has a national phone');
      return built.request;
    },
    classify(status, bodyText, lead): Confirmation {
      if (status === 404) return { kind: 'absent' };
      const answer = operation.classifyResponse(status, bodyText);
      if (!answer.ok) return { kind: 'unknown', reason: answer.reason };
      const stored = answer.body as Record<string, unknown>;
      const same = (field: string) => {
        const ours = fieldValue(lead, field, options);
        return ours !== undefined && stored[field] === ours;
      };
      if (!same('name') && !same('email')) return { kind: 'absent' };
      const leadId = stored['lead_id'];
      return typeof leadId === 'number' || typeof leadId === 'string' ? { kind: 'delivered', providerId: String(leadId) } : { kind: 'delivered' };
    },
  };
}

/** Query parameters are text. */
const stringify = (record: Record<string, string | number>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));

