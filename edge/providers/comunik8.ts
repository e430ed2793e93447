import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from '../phone-metadata.ts';
import * as v from 'valibot';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { COMUNIK8_HEADERS, comunik8Cancel, comunik8Url, fieldErrorMessages } from './comunik8-operations.ts';
import { leadMapper, type MapResult } from './mapped.ts';
import { fieldValue, flattenAttribution, formFieldFor, isEmail, fieldCarrier, leftoverFields, mappingOptions, namedFormFields, parseInteger, splitName, visitorFieldFor } from './mapping.ts';
import type { NormalizedPhone } from '../phone.ts';
import { errorReason, heldForCredentials, isCredentialFailure, isSuccess, isTransient, parseJsonObject } from './response.ts';
import { oneLeadPerRequest } from './single.ts';
import type { AnswerContext, DeliveryResult, ProviderDefinition, ProviderLead, ProviderRequest } from './types.ts';

// comunik8.txt, FIELDS of /lead/add that a form field can fill. `mobile` is always the lead's parsed
// `phone`; `type` is the form's own option, never the visitor's choice.
const MAPPABLE_FIELDS = ['email', 'first_name', 'surname', 'other_phone', 'subtype', 'delays'] as const;
// These have typed options of their own, so `defaults`, `fixed` or `values` may not set them a second way.
const OPTION_FIELDS = ['subtype', 'delays'];
/**
 * Fields that steer the dialler rather than describe the person: when to call (`delays` postpones
 * the call without limit), which queue (`type`, `subtype`), and `test` (saves nothing). Only the
 * form's options set them, unless a form maps a field to subtype or delays by name in `fieldMap`.
 */
const CONTROL_FIELDS: readonly string[] = ['type', 'subtype', 'delays', 'test'];

const Comunik8OptionsSchema = v.pipe(
  v.strictObject({
    /** comunik8.txt: `https://{example.com}/lead/add`, "Your website ... will be given to you". */
    host: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'Must be the host name Comunik8 gave you, such as dialler.example.com'))),
    /** comunik8.txt: "a valid type name", given by Comunik8 when you start. */
    type: v.pipe(v.string(), v.trim(), v.nonEmpty('Must be the lead type Comunik8 gave you, such as motor-trade')),
    subtype: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('Must be a lead sub-type, or left out'))),
    /** comunik8.txt: "postpone call by number of seconds". */
    delays: v.optional(v.pipe(v.number(), v.integer('Must be whole seconds'), v.minValue(0, 'Must be 0 or more seconds'))),
    /** comunik8.txt: `test` checks the format and "does not save lead". */
    test: v.optional(v.boolean(), false),
    /** The dialler's own country: its numbers go in national form like the document's "07840258823". */
    homeCountry: v.optional(v.custom<CountryCode>((value) => typeof value === 'string' && isSupportedCountry(value), 'Must be an ISO 3166-1 alpha-2 code such as GB'), 'GB'),
    ...mappingOptions(MAPPABLE_FIELDS),
  }, 'Unknown option: see docs/providers/comunik8.md'),
  v.forward(
    v.partialCheck([['host'], ['baseUrl']], (options) => options.host !== undefined || options.baseUrl !== undefined, 'Must be the host name Comunik8 gave you, such as dialler.example.com'),
    ['host'],
  ),
  v.forward(
    v.partialCheck([['values'], ['defaults'], ['fixed']], (options) => OPTION_FIELDS.every((field) => !(field in options.values || field in options.defaults || field in options.fixed)), 'Set subtype and delays with the options of those names'),
    ['values'],
  ),
);

/** Comunik8 options of one form, as written in the FORMS config. */
export type Comunik8Options = v.InferOutput<typeof Comunik8OptionsSchema>;

/** The /lead/add body, in the order of the document's sample. */
export interface Comunik8Lead {
  first_name: string;
  surname: string;
  mobile: string;
  email: string;
  type: string;
  subtype?: string;
  other_phone?: string;
  delays?: number;
  data?: string;
  test?: 'true';
}

/** Base URL of the customer's Comunik8 site for these options. */
export const comunik8BaseUrl = (options: Comunik8Options): string => (options.baseUrl ?? `https://${options.host ?? ''}`).replace(/\/+$/, '');

/**
 * A phone number as the dialler takes it: national digits with the trunk prefix for numbers of
 * `homeCountry`'s calling code (comunik8.txt's "07840258823"), E.164 for others, which a national
 * form would misdial. Undefined when `raw` is not a valid number.
 */
export function formatComunik8Phone(raw: string, homeCountry: CountryCode, defaultCountry: CountryCode = homeCountry): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry });
  if (!parsed?.isValid()) return undefined;
  return parsed.countryCallingCode === getCountryCallingCode(homeCountry) ? parsed.formatNational().replace(/\D/g, '') : parsed.number;
}

/** The visitor's own mobile as the dialler takes it (see formatComunik8Phone), from the phone parsed at accept. */
const dialledMobile = (phone: NormalizedPhone, homeCountry: CountryCode): string => (phone.callingCode === getCountryCallingCode(homeCountry) ? phone.nationalDigits : phone.e164);

/** The name as first_name and surname, or the error to show on the form field that lacks one. */
function mapName(lead: ProviderLead, options: Comunik8Options): { ok: true; first: string; last: string } | { ok: false; fields: FieldErrors } {
  // The standard `last_name` field fills `surname` when the form has no field of that name.
  const surnameField = options.fieldMap['surname'] ?? (lead.fields['surname'] === undefined ? 'last_name' : 'surname');
  const fields = { full: 'name', first: formFieldFor('first_name', options), last: surnameField };
  const split = splitName(lead, fields);
  const first = split.first ?? options.values['first_name'];
  const last = split.last ?? options.values['surname'];
  if (first && last) return { ok: true, first, last };
  const separate = Boolean(lead.fields[fields.first]?.trim() || lead.fields[fields.last]?.trim() || 'first_name' in options.fieldMap || 'surname' in options.fieldMap);
  // comunik8.txt: first_name and surname are both required, so a one-word full name cannot go.
  if (!separate) return { ok: false, fields: { name: first ? 'Enter your first name and surname' : 'Enter your name' } };
  return { ok: false, fields: { ...(first ? {} : { [fields.first]: 'Enter your first name' }), ...(last ? {} : { [fields.last]: 'Enter your surname' }) } };
}

/** Maps a lead to the /lead/add body, or field errors keyed by the form field to fix. */
export function mapComunik8Lead(lead: ProviderLead, options: Comunik8Options): MapResult<Comunik8Lead> {
  const errors: FieldErrors = {};
  const name = mapName(lead, options);
  if (!name.ok) Object.assign(errors, name.fields);
  const text = (field: string) => fieldValue(lead, field, options, CONTROL_FIELDS);
  const email = text('email');
  if (!email) errors[formFieldFor('email', options)] = 'Enter your email address';
  else if (!isEmail(email)) errors[formFieldFor('email', options)] = 'Enter a valid email address';
  const mobile = lead.phone && dialledMobile(lead.phone, options.homeCountry);
  if (!mobile) errors['phone'] = 'Enter your mobile number';
  const otherPhoneText = text('other_phone');
  const otherPhone = otherPhoneText && formatComunik8Phone(otherPhoneText, options.homeCountry, lead.phone?.country ?? options.homeCountry);
  if (otherPhoneText && !otherPhone) errors[formFieldFor('other_phone', options)] = 'Enter a valid phone number';
  const delaysText = text('delays');
  const delays = delaysText === undefined ? options.delays : parseInteger(delaysText);
  if (delays === undefined && delaysText !== undefined) errors[formFieldFor('delays', options)] = 'Enter a whole number of seconds';
  if (!name.ok || !email || !mobile || Object.keys(errors).length > 0) return { ok: false, fields: errors };

  const subtype = text('subtype') ?? options.subtype;
  const { data, withheld } = comunik8Data(lead, options);
  const body: Comunik8Lead = {
    first_name: name.first,
    surname: name.last,
    mobile,
    email,
    type: options.type,
    ...(subtype ? { subtype } : {}),
    ...(otherPhone ? { other_phone: otherPhone } : {}),
    ...(delays === undefined ? {} : { delays }),
    ...(data ? { data } : {}),
    // comunik8.txt: the field table says `"true" or no data`; its sample's `true` sits in JSON with a missing comma.
    ...(options.test ? { test: 'true' as const } : {}),
  };
  return { ok: true, payload: body, notForwarded: withheld };
}

/**
 * comunik8.txt, DATA: "a JSON string" with "escaped quote marks", holding the attribution and every
 * form field no Comunik8 field took, the visitor's `message` among them (a form field wins over an
 * attribution key of the same name). No `data` when there is nothing: the document rejects an
 * "Empty or invalid" one. A field named like a control field stays out (`withheld`).
 */
export function comunik8Data(lead: ProviderLead, options: Comunik8Options): { data: string | undefined; withheld: string[] } {
  const taken = new Set(['name', 'last_name', ...MAPPABLE_FIELDS.map((field) => visitorFieldFor(field, options, CONTROL_FIELDS)).filter((field) => field !== undefined)]);
  const { extra, withheld } = leftoverFields(lead, taken, CONTROL_FIELDS);
  const data = { ...flattenAttribution(lead.attribution), ...extra };
  return { data: Object.keys(data).length > 0 ? JSON.stringify(data) : undefined, withheld };
}

/** Maps each lead once (edge/providers/mapped.ts). */
const comunik8Mapper = (options: Comunik8Options) => leadMapper('comunik8', options, (lead) => mapComunik8Lead(lead, options));

/** Builds the /lead/add request for a lead that mapComunik8Lead accepts; `key` goes in the query. */
export function buildComunik8Request(lead: ProviderLead, options: Comunik8Options, key: string, mapper = comunik8Mapper(options)): ProviderRequest {
  return { method: 'POST', url: comunik8Url(comunik8BaseUrl(options), 'add', key), headers: { ...COMUNIK8_HEADERS }, body: JSON.stringify(mapper.payloadOf(lead)) };
}

/**
 * comunik8.txt, "Fail States - Creating Leads": `saved: true, processed: false` answers meaning the
 * dialler already has this person. On a first send the dialler will not call this lead (status
 * `duplicate`); after an attempt whose answer was lost, they mean that attempt got through.
 */
const ALREADY_THERE: Readonly<Record<string, string>> = {
  'Existing Contact': 'Comunik8 already had this contact',
  'Another call is already scheduled': 'a call to this number was already queued',
};

/** Classifies a /lead/add answer; `options` says whether the lead went in test mode and with which type. */
export function classifyComunik8Response(
  status: number,
  bodyText: string,
  options: Pick<Comunik8Options, 'type' | 'test'>,
  context: AnswerContext = { afterUnknownOutcome: false },
): DeliveryResult {
  if (isTransient(status)) return { kind: 'retry', status, reason: errorReason(status, bodyText) };
  // comunik8.txt names no answer to a bad key; a 401 or 403 is one, and no lead is at fault.
  if (isCredentialFailure(status)) return heldForCredentials(status, bodyText);
  const body = parseJsonObject(bodyText);
  if (body?.['saved'] === true && body['processed'] === true && isSuccess(status)) {
    return { kind: 'delivered', status, ...(options.test ? { note: 'sent in test mode, but Comunik8 saved it as a real lead' } : {}) };
  }
  if (body?.['saved'] === true && body['processed'] === false) {
    const error = typeof body['error'] === 'string' ? body['error'] : '';
    const meaning = Object.hasOwn(ALREADY_THERE, error) ? ALREADY_THERE[error] : undefined;
    // Never retried: a second send would only meet the same answer.
    if (meaning && context.afterUnknownOutcome) return { kind: 'delivered', status, note: `${error}: ${meaning}, after an attempt whose answer was lost: taken as that attempt` };
    if (meaning) return { kind: 'duplicate', status, reason: errorReason(status, `${error}: ${meaning}; saved, not processed, so the dialler will not call this lead`) };
    if (error === 'Unknown Type') return { kind: 'rejected', status, reason: errorReason(status, `Unknown Type: the form's type option "${options.type}" is not a lead type Comunik8 knows`) };
    return { kind: 'rejected', status, reason: errorReason(status, `saved but not processed: ${error || bodyText}`) };
  }
  if (body?.['test'] === 'ok' && isSuccess(status)) {
    if (options.test) return { kind: 'delivered', status, note: 'test mode: Comunik8 found the format correct and saved nothing' };
    // Nothing was saved, so a later attempt cannot duplicate the lead.
    return { kind: 'retry', status, reason: `${status} answered the test-mode check {"test":"ok"} to a real lead; nothing was saved` };
  }
  const fields = fieldErrorMessages(body);
  if (fields) return { kind: 'rejected', status, reason: errorReason(status, fields) };
  if (isSuccess(status)) return { kind: 'retry', status, reason: `unexpected ${status} answer: ${errorReason(status, bodyText)}` };
  return { kind: 'rejected', status, reason: errorReason(status, bodyText) };
}

/** Comunik8 Leads API (`/lead/add`, `/lead/cancel`), authorised by the `key` query parameter. */
export const comunik8: ProviderDefinition<Comunik8Options> = {
  secretNames: ['key'],
  secretsSentAsIs: { url: ['key'] }, // comunik8.txt: `?key={API_KEY}`
  signatureInputs: 'no signature: the key travels in the URL query',
  // comunik8.txt: `test` "used only for testing whether data provided is valid, does not save lead".
  testVariant: (options) => ({ options: { ...options, test: true }, path: 'Comunik8 test mode (nothing is saved)' }),
  optionsSchema: Comunik8OptionsSchema,
  create(options) {
    const formatPhone = (raw: string) => formatComunik8Phone(raw, options.homeCountry);
    const mapper = comunik8Mapper(options);
    const reads = namedFormFields(MAPPABLE_FIELDS, options, CONTROL_FIELDS, ['last_name']);
    return oneLeadPerRequest({
      mapper,
      readsFields: reads,
      carriesField: fieldCarrier(reads, CONTROL_FIELDS, true), // `data` takes the rest
      buildLeadRequest: (lead, secrets) => Promise.resolve(buildComunik8Request(lead, options, secrets['key'] ?? '', mapper)),
      classifyLeadResponse: (status, bodyText, _lead, context) => classifyComunik8Response(status, bodyText, options, context),
      duplicateGuard: 'detects', // comunik8.txt: a lead it already has is answered Existing Contact, delivered after an unknown outcome
      operations: { cancel: comunik8Cancel({ baseUrl: comunik8BaseUrl(options), type: options.type, formatPhone }) },
    });
  },
};
