import { parsePhoneNumberFromString, type CountryCode } from '../phone-metadata.ts';
import * as v from 'valibot';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { FormFieldName } from '../config/names.ts';
import { leadMapper, type MapResult } from './mapped.ts';
import { CampaignKeySchema, campaignValue, defaultValue, fieldValue, flattenAttribution, formFieldFor, isEmail, fieldCarrier, leftoverFields, mappingOptions, namedFormFields, splitName, visitorFieldFor } from './mapping.ts';
import { PROPERTY_FIELDS, propertyFromForm } from './realgeeks-activities.ts';
import { realgeeksOperations } from './realgeeks-operations.ts';
import { isEmptyJsonObject, normalizeRole, realgeeksRequest, realgeeksTime, realgeeksUrl, REALGEEKS_ROLES } from './realgeeks-wire.ts';
import { errorReason, heldForCredentials, isCredentialFailure, isSuccess, isTransient } from './response.ts';
import type { DeliveryResult, ProviderDefinition, ProviderLead, ProviderRequest, ProviderSecrets } from './types.ts';

// Real Geeks Leads fields page: the lead fields a form fills. `id`, `phone`, `created` and
// `activities` are not mappable: they come from the lead itself (its id, parsed phone, time, message).
const TEXT_FIELDS = ['address', 'street_address', 'city', 'state', 'zip', 'region'] as const;
const EMAIL_FIELDS = ['email', 'second_email'] as const;
// Leads fields page: the fields marked "optional *"; we read the cut-off legend as "at least one of them".
const CONTACT_FIELDS = ['email', 'second_email', 'first_name', 'last_name', 'phone', 'phone2', 'address', 'street_address', 'city', 'state'] as const;
const MAPPABLE_FIELDS = ['source', 'source_details', ...EMAIL_FIELDS, 'first_name', 'last_name', 'phone2', ...TEXT_FIELDS, 'role'] as const;
/**
 * Fields that steer Real Geeks rather than describe the person: `source` is the site the lead came
 * from (the operator's name for it, required), `role` routes the lead. Only config sets them,
 * unless a form maps a field to one by name in `fieldMap` (a "Buyer / Seller" select).
 */
const CONTROL_FIELDS: readonly string[] = ['source', 'role'];

const RealgeeksOptionsSchema = v.pipe(
  v.strictObject({
    /** realgeeks.txt: "Each Real Geeks client has a unique identifier called Site UUID", in the path. */
    siteUuid: v.pipe(v.string(), v.uuid('Must be the Site UUID of the Real Geeks client, e.g. 106994a2-ad21-4ab7-ad89-1c4ccd9ae8a5')),
    ...mappingOptions(MAPPABLE_FIELDS),
    /**
     * `source` <- this campaign key of the visitor's touch; default "none": `source` is the site's
     * name from config (the Leads fields page: where the lead came from), and the campaign goes in
     * source_details and the activity description.
     */
    attribution: v.optional(v.object({ source: v.optional(v.union([CampaignKeySchema, v.literal('none')]), 'none') }), {}),
    /** The form field whose text becomes the lead's first activity. */
    messageField: v.optional(FormFieldName, 'message'),
    /** The type of that activity (realgeeks.txt sample: contact_emailed). */
    activityType: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{1,63}$/, 'Must be an activity type such as contact_emailed')), 'contact_emailed'),
    /** Activities page `notify_users`: notify the assigned agent/lender of the message. */
    notifyUsers: v.optional(v.boolean(), false),
    /** Property field <- form field, attached to the message activity (a listing page's form). */
    propertyMap: v.optional(
      v.pipe(
        v.record(v.string(), FormFieldName),
        v.check((map) => Object.keys(map).every((key) => (PROPERTY_FIELDS as readonly string[]).includes(key)), `Keys must be property fields: ${PROPERTY_FIELDS.join(', ')}`),
      ),
      {},
    ),
  }, 'Unknown option: see docs/providers/realgeeks.md'),
  // Leads fields page: `source` is required, so every form must name one to fall back on.
  v.forward(v.check((options) => Boolean((options.fixed['source'] ?? defaultValue('source', options))?.trim()), 'Real Geeks requires a source: set fixed.source, e.g. "Acme website"'), ['fixed', 'source']),
  v.forward(v.check((options) => [options.values, options.defaults, options.fixed].every((record) => record['role'] === undefined || normalizeRole(record['role']) !== undefined), `Must be one of: ${REALGEEKS_ROLES.join(', ')}`), ['fixed', 'role']),
);

/** Real Geeks options of one form, as written in the FORMS config. */
export type RealgeeksOptions = v.InferOutput<typeof RealgeeksOptionsSchema>;

type Activity = Record<string, unknown>;
/** The JSON body of `POST /sites/{site-uuid}/leads`. */
export type RealgeeksLead = Record<string, string | Activity[]>;

/** realgeeks.txt/Leads fields page: "International number format: +55 83 1234-1234". */
function internationalPhone(text: string, country: CountryCode | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {});
  return parsed?.isValid() ? parsed.formatInternational() : undefined;
}

/** The campaign as readable `key: value` parts (Leads fields page: source_details "is displayed to users so provide a readable value"). */
function campaignParts(lead: ProviderLead, sentAsSource: string | undefined): string[] {
  const flat = flattenAttribution(lead.attribution);
  if (sentAsSource) delete flat[sentAsSource];
  return Object.entries(flat).map(([key, value]) => `${key}: ${key.endsWith('captured_at') && /^\d+$/.test(value) ? realgeeksTime(Number(value)) : value}`);
}

/** Maps a lead to the Real Geeks create-lead body, or to errors named by form field. */
export function mapRealgeeksLead(lead: ProviderLead, options: RealgeeksOptions): MapResult<RealgeeksLead> {
  const errors: FieldErrors = {};
  const text = (field: string) => fieldValue(lead, field, options, CONTROL_FIELDS);
  const sourceKey = options.attribution.source;
  const campaignSource = sourceKey === 'none' ? undefined : campaignValue(lead, sourceKey);
  const source = campaignSource ?? text('source') ?? '';
  const campaign = campaignParts(lead, campaignSource === undefined ? undefined : sourceKey);
  const details = [text('source_details'), ...campaign].filter(Boolean).join('; ');
  const name = splitName(lead, { full: 'name', first: formFieldFor('first_name', options), last: formFieldFor('last_name', options) });
  const body: RealgeeksLead = { id: lead.id, source, ...(details ? { source_details: details } : {}) };
  for (const field of EMAIL_FIELDS) {
    const value = text(field);
    if (value && !isEmail(value)) errors[formFieldFor(field, options)] = 'Enter a valid email address';
    else if (value) body[field] = value;
  }
  const first = name.first ?? defaultValue('first_name', options);
  const last = name.last ?? defaultValue('last_name', options);
  if (first) body['first_name'] = first;
  if (last) body['last_name'] = last;
  if (lead.phone) body['phone'] = lead.phone.international;
  const phone2 = text('phone2');
  if (phone2) {
    const formatted = internationalPhone(phone2, lead.phone?.country);
    if (formatted) body['phone2'] = formatted;
    else errors[formFieldFor('phone2', options)] = 'Enter a valid phone number, with its country code';
  }
  for (const field of TEXT_FIELDS) {
    const value = text(field);
    if (value) body[field] = value;
  }
  const roleText = text('role');
  const role = roleText === undefined ? undefined : normalizeRole(roleText);
  if (roleText !== undefined && !role) errors[formFieldFor('role', options)] = 'Choose Buyer, Seller, Buyer and Seller or Renter';
  else if (role) body['role'] = role;
  if (!CONTACT_FIELDS.some((field) => field in body)) {
    errors[formFieldFor('email', options)] = 'Enter an email address or a phone number';
    errors['phone'] = 'Enter a phone number or an email address';
  }
  body['created'] = realgeeksTime(lead.receivedAt);
  const taken = new Set(['name', options.messageField, ...Object.values(options.propertyMap), ...MAPPABLE_FIELDS.map((field) => visitorFieldFor(field, options, CONTROL_FIELDS)).filter((field) => field !== undefined)]);
  const { extra, withheld } = leftoverFields(lead, taken, CONTROL_FIELDS);
  const activity = messageActivity(lead, options, source, [...Object.entries(extra).map(([field, value]) => `${field}: ${value}`), ...(campaign.length > 0 ? [`Campaign: ${campaign.join('; ')}`] : [])]);
  Object.assign(errors, activity.errors);
  if (activity.activity) body['activities'] = [activity.activity];
  return Object.keys(errors).length > 0 ? { ok: false, fields: errors } : { ok: true, payload: body, notForwarded: withheld };
}

/**
 * realgeeks.txt sample: the visitor's message as a `contact_emailed` activity, with its time and
 * any property. Its description also carries the form's other fields and the campaign, `more`,
 * which agents read in the lead's activity feed; with no message, those alone make the activity.
 */
function messageActivity(lead: ProviderLead, options: RealgeeksOptions, source: string, more: readonly string[]): { activity?: Activity; errors: FieldErrors } {
  const { property, errors } = propertyFromForm(lead.fields, options.propertyMap);
  const description = [lead.fields[options.messageField]?.trim(), more.join('\n')].filter(Boolean).join('\n\n');
  if (!description) return { errors }; // Activities page: description is required, so nothing to say, no activity
  const activity: Activity = { type: options.activityType, source, description, ...(property ? { property } : {}), created: realgeeksTime(lead.receivedAt) };
  if (options.notifyUsers) activity['notify_users'] = true;
  return { activity, errors };
}

/** Maps each lead once (edge/providers/mapped.ts). */
const realgeeksMapper = (options: RealgeeksOptions) => leadMapper('realgeeks', options, (lead) => mapRealgeeksLead(lead, options));

/** Builds `POST /sites/{site-uuid}/leads` for a lead mapRealgeeksLead accepts. Same lead, same bytes, at any time. */
export function buildRealgeeksRequest(lead: ProviderLead, options: RealgeeksOptions, secrets: ProviderSecrets, mapper = realgeeksMapper(options)): ProviderRequest {
  return realgeeksRequest('POST', realgeeksUrl(options, '/leads'), mapper.payloadOf(lead), secrets);
}

/**
 * realgeeks.txt: 201 with `{}` is created (the lead keeps the id we sent); 400, 401 and 422 carry
 * `{"error": "..."}`; 500 and 503 are unspecified server trouble. Any 2xx is a delivery: the lead
 * carries our own id, so Real Geeks has it under that id, and a resend could only update it.
 */
export function classifyRealgeeksResponse(status: number, bodyText: string, leadId: string): DeliveryResult {
  if (status === 201 && isEmptyJsonObject(bodyText)) return { kind: 'delivered', status, providerId: leadId };
  if (isSuccess(status)) return { kind: 'delivered', status, providerId: leadId, note: `not the documented 201 {}: ${errorReason(status, bodyText)}` };
  // realgeeks.txt: 401 when the credentials are wrong or lack permission for this site.
  if (isCredentialFailure(status)) return heldForCredentials(status, bodyText);
  return { kind: isTransient(status) ? 'retry' : 'rejected', status, reason: errorReason(status, bodyText) };
}

/** Real Geeks Incoming Leads API, with HTTP Basic auth from the form's `username` and `password`. */
export const realgeeks: ProviderDefinition<RealgeeksOptions> = {
  secretNames: ['username', 'password'],
  secretsSentAsIs: {}, // Basic auth sends them base64-encoded, never as they are
  signatureInputs: 'no signature: Authorization: Basic base64(username:password)',
  testVariant: () => undefined, // realgeeks.txt documents no test site or mode
  optionsSchema: RealgeeksOptionsSchema,
  create(options) {
    // Not oneLeadPerRequest: its classifier never sees the lead, and the provider id is the lead's id.
    const mapper = realgeeksMapper(options);
    const reads = namedFormFields(MAPPABLE_FIELDS, options, CONTROL_FIELDS, [options.messageField, ...Object.values(options.propertyMap)]);
    return {
      maxBatchSize: 1,
      checkLead: mapper.checkLead,
      mapLead: mapper.mapLead,
      readsFields: reads,
      carriesField: fieldCarrier(reads, CONTROL_FIELDS, true), // the activity description takes the rest
      requiredFields: [],
      buildRequest: async (leads, secrets) => {
        const [lead] = leads;
        if (!lead || leads.length > 1) throw new Error(`[edge] [realgeeks] takes exactly one lead per request, got ${leads.length}`);
        return buildRealgeeksRequest(lead, options, secrets, mapper);
      },
      classifyResponse: (status, bodyText, leads) => leads.map((lead) => classifyRealgeeksResponse(status, bodyText, lead.id)),
      duplicateGuard: 'idempotent', // realgeeks.txt: the lead id we send is our own, so a resend cannot make a second lead
      operations: realgeeksOperations(options),
    };
  },
};
