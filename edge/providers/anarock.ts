import type { FieldErrors } from '../../shared/field-errors.ts';
import { anarockConfirmation, isAnarockKeyRefusal, lastLeadData } from './anarock-checks.ts';
import {
  anarockBaseUrl,
  AnarockOptionsSchema,
  ATTRIBUTION_FIELDS,
  authParams,
  BOOLEAN_FIELDS,
  CONTROL_FIELDS,
  INTEGER_FIELDS,
  MAPPABLE_FIELDS,
  okResponse,
  type AnarockOptions,
} from './anarock-wire.ts';
import { leadMapper, type MapResult } from './mapped.ts';
import { campaignValue, defaultValue, derivedSource, fieldValue, flattenAttribution, formFieldFor, leftoverFields, fieldCarrier, namedFormFields, parseBoolean, parseInteger, visitorFieldFor } from './mapping.ts';
import { errorReason, heldForCredentials, isCredentialFailure, isSuccess, isTransient, parseJsonObject } from './response.ts';
import { oneLeadPerRequest } from './single.ts';
import type { DeliveryResult, ProviderDefinition, ProviderLead, ProviderRequest } from './types.ts';

export { anarockBaseUrl, signAnarock, type AnarockOptions } from './anarock-wire.ts';

type WireValue = string | number | boolean | Record<string, string>;
type Payload = Record<string, WireValue>;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** anarock.txt: country_code "Defaults to "IN"": what Anarock assumes for a number without a region (`+800…`), sent all the same. */
const DEFAULT_COUNTRY_CODE = 'IN';

/** anarock.txt's extra_details example names the search term `keyword`; every other captured key keeps its name. */
const renameTerm = (flat: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(flat).map(([key, value]) => [key === 'utm_term' ? 'keyword' : key, value]));

/** One attribution field: fixed, else the campaign key of the touch (a derived source for `source`), else the default. */
function attributionValue(lead: ProviderLead, field: (typeof ATTRIBUTION_FIELDS)[number], options: AnarockOptions): string | undefined {
  if (options.fixed[field] !== undefined) return options.fixed[field] || undefined;
  return campaignValue(lead, options.attribution[field]) ?? (field === 'source' ? derivedSource(lead) : undefined) ?? defaultValue(field, options);
}

/** `remarks`: the mapped form field, else the visitor's `remarks` and `message` (README's own form has only `message`). */
function remarksOf(lead: ProviderLead, options: AnarockOptions): { value: string | undefined; fields: string[] } {
  const fields = options.fixed['remarks'] !== undefined ? [] : options.fieldMap['remarks'] ? [options.fieldMap['remarks']] : ['remarks', 'message'];
  const typed = fields.map((field) => lead.fields[field]?.trim()).filter(Boolean);
  return { value: typed.length > 0 ? typed.join('\n\n') : fieldValue(lead, 'remarks', options, CONTROL_FIELDS), fields };
}

/** `name`: the name field, else first and last name joined. */
function nameOf(lead: ProviderLead, options: AnarockOptions): string | undefined {
  const name = fieldValue(lead, 'name', options, CONTROL_FIELDS);
  if (name && (options.fixed['name'] !== undefined || lead.fields[formFieldFor('name', options)]?.trim())) return name;
  const joined = [lead.fields['first_name']?.trim(), lead.fields['last_name']?.trim()].filter(Boolean).join(' ');
  return joined || name;
}

/**
 * Maps a lead to Anarock's parameters (everything but `current_time` and `hash`), or field errors.
 * Every form field no parameter takes goes into `extra_details` next to the attribution; a field
 * named like a control field is not sent (it is on the lead's not-forwarded list).
 */
export function mapAnarockLead(lead: ProviderLead, options: AnarockOptions): MapResult<Payload> {
  if (!lead.phone) return { ok: false, fields: { phone: 'Enter a phone number' } };
  const payload: Payload = {};
  const fields: FieldErrors = {};
  const remarks = remarksOf(lead, options);
  const taken = new Set(['name', 'first_name', 'last_name', ...remarks.fields]);
  for (const field of MAPPABLE_FIELDS) {
    const formField = visitorFieldFor(field, options, CONTROL_FIELDS);
    if (formField !== undefined && !isOneOf(ATTRIBUTION_FIELDS, field)) taken.add(formField);
    const value = isOneOf(ATTRIBUTION_FIELDS, field)
      ? attributionValue(lead, field, options)
      : field === 'remarks'
        ? remarks.value
        : field === 'name'
          ? nameOf(lead, options)
          : fieldValue(lead, field, options, CONTROL_FIELDS);
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
  const { extra, withheld } = leftoverFields(lead, taken, CONTROL_FIELDS);
  const details = { ...renameTerm(flattenAttribution(lead.attribution)), ...extra };
  return {
    ok: true,
    notForwarded: withheld,
    payload: {
      ...payload,
      // anarock.txt: "phone number without country code" and an ISO 3166-1 alpha-2 country_code, mandatory.
      phone: lead.phone.national,
      country_code: lead.phone.country ?? DEFAULT_COUNTRY_CODE,
      purpose: 'buy', // anarock.txt: "This should be hardcoded"
      contact_date: payload['contact_date'] ?? Math.floor(lead.receivedAt / 1000),
      ...(Object.keys(details).length > 0 ? { extra_details: details } : {}),
      campaign_id: options.campaignId,
    },
  };
}

/** Maps each lead once (edge/providers/mapped.ts). */
const anarockMapper = (options: AnarockOptions) => leadMapper('anarock', options, (lead) => mapAnarockLead(lead, options));

/** Encodes the signed payload as the form chose: JSON, or form-encoded like the PHP sample. */
function encodeBody(payload: Payload, encoding: AnarockOptions['encoding']): { contentType: string; body: string } {
  if (encoding === 'json') return { contentType: 'application/json', body: JSON.stringify(payload) };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(payload)) params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  return { contentType: 'application/x-www-form-urlencoded', body: params.toString() };
}

/** Builds the signed `sync-lead` request for a lead that mapAnarockLead accepts. */
export async function buildAnarockRequest(lead: ProviderLead, options: AnarockOptions, key: string, now: Date, mapper = anarockMapper(options)): Promise<ProviderRequest> {
  const { contentType, body } = encodeBody({ ...mapper.payloadOf(lead), ...(await authParams(key, now)) }, options.encoding);
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
    const mapper = anarockMapper(options);
    const reads = namedFormFields(MAPPABLE_FIELDS, options, CONTROL_FIELDS, ['remarks', 'message', 'first_name', 'last_name']);
    return oneLeadPerRequest({
      mapper,
      readsFields: reads,
      carriesField: fieldCarrier(reads, CONTROL_FIELDS, true), // extra_details takes the rest
      buildLeadRequest: (lead, secrets, now) => buildAnarockRequest(lead, options, secrets['key'] ?? '', now, mapper),
      classifyLeadResponse: classifyAnarockResponse,
      duplicateGuard: 'confirm',
      confirmation: anarockConfirmation(options, (lead) => mapper.payloadOf(lead)),
      operations: { 'last-lead-data': lastLeadData(options) },
    });
  },
};
