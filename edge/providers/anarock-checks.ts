// Anarock's `last-lead-data` check: an operator operation, and how the edge makes sure a lead
// whose answer was lost did not arrive before it sends it again.
import * as v from 'valibot';
import { anarockBaseUrl, authParams, okResponse, type AnarockOptions } from './anarock-wire.ts';
import { fieldValue } from './mapping.ts';
import { errorReason, isSuccess, parseJsonObject } from './response.ts';
import type { Confirmation, OperationResult, ProviderAdapter, ProviderLead, ProviderOperation } from './types.ts';

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

/** Anarock's answer to a key it does not accept, as issue 16 reports it (anarock.txt documents no error answers). */
const KEY_REFUSED = /api key is wrong/i;

/** The answer says the form's key is wrong (whatever its HTTP status). */
export const isAnarockKeyRefusal = (bodyText: string): boolean => {
  const message = parseJsonObject(bodyText)?.['message'];
  return typeof message === 'string' && KEY_REFUSED.test(message);
};

const digits = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : '');
const folded = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : undefined);

/** When the stored lead was created, epoch ms, if the answer says so (anarock.txt's sample does not). */
function createdAt(stored: Record<string, unknown>): number | undefined | 'unreadable' {
  const value = stored['created_at'] ?? stored['createdAt'];
  if (value === undefined || value === null) return undefined;
  // Epoch seconds, as every other time in anarock.txt (current_time, contact_date), or an ISO date.
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : 'unreadable';
}

/** Why the stored lead may not be ours: the first identifying field that differs, or undefined when all match. */
function mismatch(stored: Record<string, unknown>, lead: ProviderLead, options: AnarockOptions): string | undefined {
  const phone = digits(stored['phone']);
  if (!lead.phone || (phone !== digits(lead.phone.e164) && phone !== digits(lead.phone.national))) return 'phone';
  for (const field of ['name', 'email'] as const) {
    const ours = fieldValue(lead, field, options);
    if (ours !== undefined && folded(stored[field]) !== folded(ours)) return field;
  }
  // The project Anarock filed it under: our listing_name, or the campaign_id that picks the project.
  const projects = [fieldValue(lead, 'listing_name', options), options.campaignId].map(folded);
  const project = folded(stored['project_name']);
  if (project === undefined || !projects.includes(project)) return 'project_name';
  const created = createdAt(stored);
  // Created before we had the lead: an older lead of the same person. Whole seconds, as Anarock counts.
  if (created === 'unreadable' || (created !== undefined && created < Math.floor(lead.receivedAt / 1000) * 1000)) return 'creation time';
  return undefined;
}

/**
 * Before resending a lead whose earlier answer was lost: ask `last-lead-data` for its phone. It
 * returns the last lead stored for that phone, which may be an older lead of the same person, so
 * it counts as ours only when phone, every identifying field we sent (name, email, project) and,
 * where the answer has one, a creation time after we took the lead all match. Anything else,
 * a 404 included (anarock.txt does not say what one means), cannot tell: resend, flagged.
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
      const answer = operation.classifyResponse(status, bodyText);
      if (!answer.ok) return { kind: 'unknown', reason: answer.reason };
      const stored = answer.body as Record<string, unknown>;
      const differs = mismatch(stored, lead, options);
      if (differs) return { kind: 'unknown', reason: `the last lead Anarock has for this phone differs in ${differs}: an older lead, or ours changed` };
      const leadId = stored['lead_id'];
      return typeof leadId === 'number' || typeof leadId === 'string' ? { kind: 'delivered', providerId: String(leadId) } : { kind: 'delivered' };
    },
  };
}

/** Query parameters are text. */
const stringify = (record: Record<string, string | number>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));

