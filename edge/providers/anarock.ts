import type { FieldErrors } from '../../shared/field-errors.ts';
import { anarockConfirmation, isAnarockKeyRefusal, lastLeadData } from './anarock-checks.ts';
import {
  anarockBaseUrl,
  AnarockOptionsSchema,
  ATTRIBUTION_FIELDS,
  authParams,
  BOOLEAN_FIELDS,
  INTEGER_FIELDS,
  MAPPABLE_FIELDS,
  okResponse,
  type AnarockOptions,
} from './anarock-wire.ts';
import { campaignValue, derivedSource, fieldValue, flattenAttribution, formFieldFor, parseBoolean, parseInteger, mappingProblems } from './mapping.ts';
import { errorReason, heldForCredentials, isCredentialFailure, isSuccess, isTransient, parseJsonObject } from './response.ts';
import { oneLeadPerRequest } from './single.ts';
import type { DeliveryResult, ProviderDefinition, ProviderLead, ProviderRequest } from './types.ts';

export { anarockBaseUrl, signAnarock, type AnarockOptions } from './anarock-wire.ts';

type WireValue = string | number | boolean | Record<string, string>;
type Payload = Record<string, WireValue>;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Maps a lead to Anarock's parameters (everything but `current_time` and `hash`), or field errors. */
export function mapAnarockLead(lead: ProviderLead, options: AnarockOptions): { ok: true; payload: Payload } | { ok: false; fields: FieldErrors } {
  if (!lead.phone) return { ok: false, fields: { phone: 'Enter a phone number' } };
  const payload: Payload = {};
  const fields: FieldErrors = {};
  for (const field of MAPPABLE_FIELDS) {
    const value = isOneOf(ATTRIBUTION_FIELDS, field)
      ? (campaignValue(lead, options.attribution[field]) ?? (field === 'source' ? derivedSource(lead) : undefined) ?? options.values[field])
      : fieldValue(lead, field, options);
    if (value === undefined) continue;
    if (isOneOf(INTEGER_FIELDS, field)) {
      const number = parseInteger(value);
      if (number === undefined) fields[formFieldFor(field, options)] = 'Enter a whole number';
      else payload[field] = number;
    } else if (isOneOf(BOOLEAN_FIELDS, field)) {
      const flag = parseBoolean(value);
      if (flag === undefined) fields[formFieldFor(field, options)] = 'Choose yes or no';
      else payload[field] = flag;
    } else {
      payload[field] = value;
    }
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const details = flattenAttribution(lead.attribution);
  return {
    ok: true,
    payload: {
      ...payload,
      // anarock.txt: "phone number without country code" and an ISO 3166-1 alpha-2 country_code.
      phone: lead.phone.national,
      ...(lead.phone.country ? { country_code: lead.phone.country } : {}),
      purpose: 'buy', // anarock.txt: "This should be hardcoded"
      contact_date: payload['contact_date'] ?? Math.floor(lead.receivedAt / 1000),
      ...(Object.keys(details).length > 0 ? { extra_details: details } : {}),
      campaign_id: options.campaignId,
    },
  };
}

/** Encodes the signed payload as the form chose: JSON, or form-encoded like the PHP sample. */
function encodeBody(payload: Payload, encoding: AnarockOptions['encoding']): { contentType: string; body: string } {
  if (encoding === 'json') return { contentType: 'application/json', body: JSON.stringify(payload) };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(payload)) params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  return { contentType: 'application/x-www-form-urlencoded', body: params.toString() };
}

/** Builds the signed `sync-lead` request for a lead that mapAnarockLead accepts. */
export async function buildAnarockRequest(lead: ProviderLead, options: AnarockOptions, key: string, now: Date): Promise<ProviderRequest> {
  const mapped = mapAnarockLead(lead, options);
  if (!mapped.ok) throw new Error(`[edge] [anarock] lead ${lead.id} does not map: ${Object.keys(mapped.fields).join(', ')}`);
  const { contentType, body } = encodeBody({ ...mapped.payload, ...(await authParams(key, now)) }, options.encoding);
  return {
    method: 'POST',
    url: `${anarockBaseUrl(options)}/api/v0/${encodeURIComponent(options.channel)}/sync-lead`,
    headers: { 'content-type': contentType, accept: 'application/json' },
    body,
  };
}

/**
 * anarock.txt documents only the success shape: `{"status":"OK","message":"success","response":{"lead_id":17863}}`.
 * A 401/403, or Anarock's "API key is wrong" under any status, is the form's key: held, not rejected.
 */
export function classifyAnarockResponse(status: number, bodyText: string): DeliveryResult {
  if (isCredentialFailure(status) || isAnarockKeyRefusal(bodyText)) return heldForCredentials(status, bodyText);
  if (isSuccess(status)) {
    const leadId = okResponse(bodyText)?.['lead_id'];
    if (typeof leadId === 'number' || typeof leadId === 'string') return { kind: 'delivered', status, providerId: String(leadId) };
    const stated = parseJsonObject(bodyText)?.['status'];
    if (typeof stated === 'string' && stated !== 'OK') return { kind: 'rejected', status, reason: errorReason(status, bodyText) };
    // A 2xx we cannot read may or may not have stored the lead: never call it delivered.
    return { kind: 'retry', status, reason: `unexpected ${status} answer: ${errorReason(status, bodyText)}` };
  }
  return { kind: isTransient(status) ? 'retry' : 'rejected', status, reason: errorReason(status, bodyText) };
}

/** Anarock Leads API (`sync-lead`), signed with the form's `key` secret. */
export const anarock: ProviderDefinition<AnarockOptions> = {
  secretNames: ['key'],
  secretsSentAsIs: {}, // the key only ever feeds the HMAC
  signatureInputs: 'hash = HMAC-SHA256(key, current_time), lowercase hex; current_time is sent alongside',
  // anarock.txt: "You must test first with staging KEY": a staging form is its own test path.
  testVariant: (options) => (options.environment === 'staging' ? { options, path: 'Anarock staging' } : undefined),
  optionsSchema: AnarockOptionsSchema,
  create(options) {
    return oneLeadPerRequest({
      checkLead: (lead) => mappingProblems(mapAnarockLead(lead, options)),
      buildLeadRequest: (lead, secrets, now) => buildAnarockRequest(lead, options, secrets['key'] ?? '', now),
      classifyLeadResponse: classifyAnarockResponse,
      duplicateGuard: 'confirm',
      confirmation: anarockConfirmation(options),
      operations: { 'last-lead-data': lastLeadData(options) },
    });
  },
};
