import * as v from 'valibot';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { hmacSha256Hex } from '../crypto/hmac.ts';
import { CampaignKeySchema, campaignValue, fieldValue, flattenAttribution, formFieldFor, mappingOptions, parseBoolean, parseInteger } from './mapping.ts';
import { errorReason, isSuccess, isTransient, parseJsonObject } from './response.ts';
import { oneLeadPerRequest } from './single.ts';
import type { Confirmation, DeliveryResult, OperationResult, ProviderAdapter, ProviderDefinition, ProviderLead, ProviderOperation, ProviderRequest } from './types.ts';

// anarock.txt, parameter table: the optional fields a form may fill, by their wire type.
// source_id and sub_source_id come from the Ruby sample (integers Anarock assigns per source).
const TEXT_FIELDS = ['name', 'email', 'listing_id', 'listing_name', 'city', 'locality', 'remarks', 'credit_value', 'apartment_types'] as const;
const INTEGER_FIELDS = ['min_budget', 'max_budget', 'contact_date', 'source_id', 'sub_source_id'] as const;
const BOOLEAN_FIELDS = ['homeloan_required', 'is_otp_verified', 'is_call_verified', 'is_broker'] as const;
const ATTRIBUTION_FIELDS = ['source', 'sub_source', 'placement'] as const;
const MAPPABLE_FIELDS = [...TEXT_FIELDS, ...INTEGER_FIELDS, ...BOOLEAN_FIELDS, ...ATTRIBUTION_FIELDS] as const;

const AnarockOptionsSchema = v.strictObject({
  /** anarock.txt: keys are environment specific; test on staging first. */
  environment: v.picklist(['staging', 'production']),
  /** anarock.txt: "example HOST: anarock.com", given by the Anarock point of contact. */
  host: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'Must be a host name such as anarock.com')), 'anarock.com'),
  /** CHANNEL_NAME in the path, given by Anarock. */
  channel: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]+$/, 'Must be the CHANNEL_NAME Anarock gave you')),
  /** anarock.txt: campaign_id is required; without it the lead is attributed to the wrong project. */
  campaignId: v.pipe(v.string(), v.nonEmpty('Must be the campaign_id Anarock gave you')),
  /** anarock.txt shows JSON (Ruby, axios) and form-encoded (PHP) bodies. */
  encoding: v.optional(v.picklist(['json', 'form']), 'json'),
  ...mappingOptions(MAPPABLE_FIELDS),
  /** Anarock attribution field <- campaign key. Default: the PHP sample's mapping. */
  attribution: v.optional(
    v.object({
      source: v.optional(CampaignKeySchema, 'utm_source'),
      sub_source: v.optional(CampaignKeySchema, 'utm_campaign'),
      placement: v.optional(CampaignKeySchema, 'utm_term'),
    }),
    {},
  ),
}, 'Unknown option: see docs/providers/anarock.md');

/** Anarock options of one form, as written in the FORMS config. */
export type AnarockOptions = v.InferOutput<typeof AnarockOptionsSchema>;

type WireValue = string | number | boolean | Record<string, string>;
type Payload = Record<string, WireValue>;

/** Base URL of the Anarock lead API for these options. */
export function anarockBaseUrl(options: AnarockOptions): string {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '');
  return options.environment === 'production' ? `https://lead.${options.host}` : `https://lead-webhook.staging.${options.host}`;
}

/** anarock.txt: `hash` is HMAC-SHA256(key, current_time as decimal seconds), lowercase hex. */
export const signAnarock = (key: string, currentTime: number): Promise<string> => hmacSha256Hex(key, String(currentTime));

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Maps a lead to Anarock's parameters (everything but `current_time` and `hash`), or field errors. */
export function mapAnarockLead(lead: ProviderLead, options: AnarockOptions): { ok: true; payload: Payload } | { ok: false; fields: FieldErrors } {
  if (!lead.phone) return { ok: false, fields: { phone: 'Enter a phone number' } };
  const payload: Payload = {};
  const fields: FieldErrors = {};
  for (const field of MAPPABLE_FIELDS) {
    const value = isOneOf(ATTRIBUTION_FIELDS, field)
      ? (campaignValue(lead, options.attribution[field]) ?? options.values[field])
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

/** anarock.txt: current_time in seconds (not milliseconds), and the hash of that same value. */
async function authParams(key: string, now: Date): Promise<{ current_time: number; hash: string }> {
  const currentTime = Math.floor(now.getTime() / 1000);
  return { current_time: currentTime, hash: await signAnarock(key, currentTime) };
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

/** The documented success body, `{"status":"OK","message":"success","response":{...}}`, or undefined. */
function okResponse(bodyText: string): Record<string, unknown> | undefined {
  const body = parseJsonObject(bodyText);
  const response = body?.['response'];
  return body?.['status'] === 'OK' && typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : undefined;
}

/** anarock.txt documents only the success shape: `{"status":"OK","message":"success","response":{"lead_id":17863}}`. */
export function classifyAnarockResponse(status: number, bodyText: string): DeliveryResult {
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

const LastLeadInput = v.object({ phone: v.pipe(v.string(), v.regex(/^\d{4,14}$/, 'Phone number without country code, digits only')) });

/** anarock.txt: `last-lead-data` GET, to check that a lead arrived with every parameter captured. */
function lastLeadData(options: AnarockOptions): ProviderOperation {
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
function anarockConfirmation(options: AnarockOptions): NonNullable<ProviderAdapter['confirmation']> {
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
      const mapped = mapAnarockLead(lead, options);
      const same = (field: string) => mapped.ok && mapped.payload[field] !== undefined && stored[field] === mapped.payload[field];
      if (!same('name') && !same('email')) return { kind: 'absent' };
      const leadId = stored['lead_id'];
      return typeof leadId === 'number' || typeof leadId === 'string' ? { kind: 'delivered', providerId: String(leadId) } : { kind: 'delivered' };
    },
  };
}

const stringify = (record: Record<string, string | number>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));

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
      checkLead: (lead) => {
        const mapped = mapAnarockLead(lead, options);
        return mapped.ok ? undefined : mapped.fields;
      },
      buildLeadRequest: (lead, secrets, now) => buildAnarockRequest(lead, options, secrets['key'] ?? '', now),
      classifyLeadResponse: classifyAnarockResponse,
      duplicateGuard: 'confirm',
      confirmation: anarockConfirmation(options),
      operations: { 'last-lead-data': lastLeadData(options) },
    });
  },
};
