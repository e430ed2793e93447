import * as v from 'valibot';
import { CAMPAIGN_KEYS } from '../../shared/constants.ts';
import type { Touch } from '../../shared/lead.ts';
import { hmacSha256Hex } from '../crypto/hmac.ts';
import { FormFieldName } from '../config/names.ts';
import { errorReason, parseJsonObject } from './response.ts';
import type { BuildResult, DeliveryResult, ProviderAdapter, ProviderDefinition, ProviderLead } from './types.ts';

// anarock.txt, parameter table: the optional fields a form may fill, by their wire type.
const TEXT_FIELDS = ['name', 'email', 'listing_id', 'listing_name', 'city', 'locality', 'remarks', 'credit_value', 'apartment_types'] as const;
const INTEGER_FIELDS = ['min_budget', 'max_budget', 'contact_date'] as const;
const BOOLEAN_FIELDS = ['homeloan_required', 'is_otp_verified', 'is_call_verified', 'is_broker'] as const;
const ATTRIBUTION_FIELDS = ['source', 'sub_source', 'placement'] as const;
const MAPPABLE_FIELDS = [...TEXT_FIELDS, ...INTEGER_FIELDS, ...BOOLEAN_FIELDS, ...ATTRIBUTION_FIELDS] as const;
type AnarockField = (typeof MAPPABLE_FIELDS)[number];
type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];
const isAttributionField = (field: AnarockField): field is AttributionField =>
  (ATTRIBUTION_FIELDS as readonly string[]).includes(field);

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0', '']);

const AnarockOptionsSchema = v.object({
  /** anarock.txt: keys are environment specific; test on staging first. */
  environment: v.picklist(['staging', 'production']),
  /** anarock.txt: "example HOST: anarock.com", given by the Anarock point of contact. */
  host: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'Must be a host name such as anarock.com')), 'anarock.com'),
  /** Replaces the documented host entirely (a local stand-in); the API path is appended to it. */
  baseUrl: v.optional(v.pipe(v.string(), v.url('Must be an absolute URL'))),
  /** CHANNEL_NAME in the path, given by Anarock. */
  channel: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]+$/, 'Must be the CHANNEL_NAME Anarock gave you')),
  /** anarock.txt: campaign_id is required; without it the lead is attributed to the wrong project. */
  campaignId: v.pipe(v.string(), v.nonEmpty('Must be the campaign_id Anarock gave you')),
  /** anarock.txt shows JSON (Ruby, axios) and form-encoded (PHP) bodies. */
  encoding: v.optional(v.picklist(['json', 'form']), 'json'),
  /** Anarock field -> form field that fills it; by default a form field of the same name. */
  fieldMap: v.optional(v.record(v.picklist(MAPPABLE_FIELDS), FormFieldName), {}),
  /** Anarock field -> fixed value for every lead of this form, used when the form leaves it empty. */
  values: v.optional(v.record(v.picklist(MAPPABLE_FIELDS), v.string()), {}),
  /** Anarock attribution field -> campaign key of the last touch (first touch when there is none). */
  attribution: v.optional(
    v.object({
      source: v.optional(v.picklist(CAMPAIGN_KEYS), 'utm_source'),
      sub_source: v.optional(v.picklist(CAMPAIGN_KEYS), 'utm_campaign'),
      placement: v.optional(v.picklist(CAMPAIGN_KEYS), 'utm_term'),
    }),
    {},
  ),
});

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

/** Every captured attribution key: last touch as-is, first touch prefixed `first_`. */
export function extraDetails(first: Touch | undefined, last: Touch | undefined): Record<string, string> {
  const details: Record<string, string> = {};
  const add = (touch: Touch | undefined, prefix: string) => {
    for (const [key, value] of Object.entries(touch ?? {})) {
      if (value !== undefined && value !== '') details[prefix + key] = String(value);
    }
  };
  add(last ?? first, '');
  add(first, 'first_');
  return details;
}

/** Maps a lead to Anarock's parameters (everything but `current_time` and `hash`), or field errors. */
export function mapAnarockLead(lead: ProviderLead, options: AnarockOptions): { ok: true; payload: Payload } | { ok: false; fields: Record<string, string> } {
  if (!lead.phone) return { ok: false, fields: { phone: 'Enter a phone number' } };
  const touch = lead.attribution.last ?? lead.attribution.first;
  const formFieldOf = (field: AnarockField) => options.fieldMap[field] ?? field;
  const raw = (field: AnarockField): string | undefined => {
    const captured = isAttributionField(field) ? touch?.[options.attribution[field]] : lead.fields[formFieldOf(field)];
    return captured?.trim() || options.values[field];
  };
  const payload: Payload = {};
  const fields: Record<string, string> = {};
  for (const field of MAPPABLE_FIELDS) {
    const value = raw(field);
    if (value === undefined) continue;
    if ((INTEGER_FIELDS as readonly string[]).includes(field)) {
      if (!/^\d{1,15}$/.test(value)) fields[formFieldOf(field)] = 'Enter a whole number';
      else payload[field] = Number(value);
    } else if ((BOOLEAN_FIELDS as readonly string[]).includes(field)) {
      const word = value.toLowerCase();
      if (TRUE_WORDS.has(word) || FALSE_WORDS.has(word)) payload[field] = TRUE_WORDS.has(word);
      else fields[formFieldOf(field)] = 'Choose yes or no';
    } else {
      payload[field] = value;
    }
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const details = extraDetails(lead.attribution.first, lead.attribution.last);
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

/** Builds the signed `sync-lead` request. */
export async function buildAnarockRequest(lead: ProviderLead, options: AnarockOptions, key: string, now: Date): Promise<BuildResult> {
  const mapped = mapAnarockLead(lead, options);
  if (!mapped.ok) return mapped;
  // anarock.txt: current_time in seconds (not milliseconds), hashed with that same value.
  const currentTime = Math.floor(now.getTime() / 1000);
  const signed = { ...mapped.payload, current_time: currentTime, hash: await signAnarock(key, currentTime) };
  const { contentType, body } = encodeBody(signed, options.encoding);
  return {
    ok: true,
    request: {
      method: 'POST',
      url: `${anarockBaseUrl(options)}/api/v0/${encodeURIComponent(options.channel)}/sync-lead`,
      headers: { 'content-type': contentType, accept: 'application/json' },
      body,
    },
  };
}

/** anarock.txt documents only the success shape: `{"status":"OK","message":"success","response":{"lead_id":17863}}`. */
export function classifyAnarockResponse(status: number, bodyText: string): DeliveryResult {
  const body = parseJsonObject(bodyText);
  if (status >= 200 && status < 300) {
    const response = body?.['response'];
    const leadId = typeof response === 'object' && response !== null ? (response as Record<string, unknown>)['lead_id'] : undefined;
    if (body?.['status'] === 'OK' && (typeof leadId === 'number' || typeof leadId === 'string')) {
      return { kind: 'delivered', status, providerId: String(leadId) };
    }
    if (typeof body?.['status'] === 'string' && body['status'] !== 'OK') {
      return { kind: 'rejected', status, reason: errorReason(status, bodyText) };
    }
    // A 2xx we cannot read may or may not have stored the lead: never call it delivered.
    return { kind: 'retry', status, reason: `unexpected ${status} answer: ${errorReason(status, bodyText)}` };
  }
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', status, reason: errorReason(status, bodyText) };
  return { kind: 'rejected', status, reason: errorReason(status, bodyText) };
}

/** Anarock Leads API (`sync-lead`), signed with the form's `key` secret. */
export const anarock: ProviderDefinition<AnarockOptions> = {
  secretNames: ['key'],
  optionsSchema: AnarockOptionsSchema,
  create(options): ProviderAdapter {
    return {
      buildRequest: (lead, secrets, now) => buildAnarockRequest(lead, options, secrets['key'] ?? '', now),
      classifyResponse: classifyAnarockResponse,
    };
  },
};
