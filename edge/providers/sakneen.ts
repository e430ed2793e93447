import * as v from 'valibot';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { fieldValue, formFieldFor, mappingOptions, isEmail, mappingProblems } from './mapping.ts';
import { errorReason, heldForCredentials, isCredentialFailure, isSuccess, isTransient, parseJsonObject } from './response.ts';
import { oneLeadPerRequest } from './single.ts';
import type { AnswerContext, DeliveryResult, ProviderDefinition, ProviderLead, ProviderRequest } from './types.ts';

// sakneen.txt, request body schema: name and phoneNumber required, email and project optional.
// phoneNumber is not mappable: it is always the visitor's parsed `phone` field, in E.164.
const MAPPABLE_FIELDS = ['name', 'email', 'project'] as const;

/** sakneen.txt: "/external/apis/v1.0/leads" below the customer's own domain. */
const LEADS_PATH = '/external/apis/v1.0/leads';


const SakneenOptionsSchema = v.pipe(
  v.strictObject({
    /** sakneen.txt: `https://${SAKNEEN_DOMAIN}/...`, the host of the customer's own Sakneen system. */
    domain: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'Must be a host name such as crm.your-company.com, without https:// or a path'),
      ),
    ),
    /** sakneen.txt: `language` header ('en', 'ar'); `page` follows the page's `<html lang>`. */
    language: v.optional(v.picklist(['page', 'en', 'ar'], 'Must be page, en or ar'), 'page'),
    ...mappingOptions(MAPPABLE_FIELDS),
  }, 'Unknown option: see docs/providers/sakneen.md'),
  v.forward(
    v.partialCheck([['domain'], ['baseUrl']], (options) => Boolean(options.domain || options.baseUrl), 'Must be the host name of your Sakneen system (or set baseUrl)'),
    ['domain'],
  ),
  v.forward(
    v.partialCheck([['values']], (options) => options.values['email'] === undefined || isEmail(options.values['email']), 'Must be a valid email address'),
    ['values'],
  ),
);

/** Sakneen options of one form, as written in the FORMS config. */
export type SakneenOptions = v.InferOutput<typeof SakneenOptionsSchema>;

/** The JSON body of sakneen.txt's create-lead request, in the document's field order. */
export interface SakneenLeadBody {
  name: string;
  phoneNumber: string;
  email?: string;
  project?: string;
}

/** The create-lead URL for these options: the stand-in/test base URL, else https on the customer's domain. */
export function sakneenLeadsUrl(options: SakneenOptions): string {
  const base = options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : `https://${options.domain ?? ''}`;
  return base + LEADS_PATH;
}

/** The `language` header: the form's fixed choice, or `ar` for an Arabic page (`ar`, `ar-EG`) and `en` otherwise. */
export function sakneenLanguage(choice: SakneenOptions['language'], locale: string | undefined): 'en' | 'ar' {
  if (choice !== 'page') return choice;
  return /^ar(-|$)/i.test(locale ?? '') ? 'ar' : 'en';
}

/** Maps a lead to Sakneen's body, or errors keyed by the form field the visitor has to fix. */
export function mapSakneenLead(lead: ProviderLead, options: SakneenOptions): { ok: true; body: SakneenLeadBody } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const name = fieldValue(lead, 'name', options);
  const email = fieldValue(lead, 'email', options);
  const project = fieldValue(lead, 'project', options);
  // sakneen.txt: name "Required, non-empty string"; phoneNumber "Required, non-empty string".
  if (!name) fields[formFieldFor('name', options)] = 'Enter your name';
  if (!lead.phone) fields['phone'] = 'Enter your phone number';
  // sakneen.txt: email "valid email format when provided"; a mapped field has not been checked yet.
  if (email !== undefined && !isEmail(email)) fields[formFieldFor('email', options)] = 'Enter a valid email address';
  if (!name || !lead.phone || Object.keys(fields).length > 0) return { ok: false, fields };
  // sakneen.txt has no field for attribution or free text: nothing else is sent.
  return {
    ok: true,
    body: { name, phoneNumber: lead.phone.e164, ...(email ? { email } : {}), ...(project ? { project } : {}) },
  };
}

/** Builds the create-lead request of sakneen.txt: JSON body, `api-key` and `language` headers. */
export function buildSakneenRequest(lead: ProviderLead, options: SakneenOptions, apiKey: string): ProviderRequest {
  const mapped = mapSakneenLead(lead, options);
  if (!mapped.ok) throw new Error(`[edge] [sakneen] lead ${lead.id} does not map: ${Object.keys(mapped.fields).join(', ')}`);
  return {
    method: 'POST',
    url: sakneenLeadsUrl(options),
    headers: { 'api-key': apiKey, 'content-type': 'application/json', language: sakneenLanguage(options.language, lead.locale) },
    body: JSON.stringify(mapped.body),
  };
}

/** sakneen.txt, success response: `{"newLead":{"_id":"64f…","leadId":1001,…}}`. */
const SuccessSchema = v.object({
  newLead: v.object({ _id: v.pipe(v.string(), v.nonEmpty()), leadId: v.optional(v.union([v.number(), v.string()])) }),
});

const DUPLICATE_PHONE = 'phone number already exists for this organization';
const FORM_NOT_FOUND = 'public create lead form not found';

const describeEntry = (key: string, value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.toLowerCase().includes(key.toLowerCase()) ? text : `${key}: ${text}`;
};

/**
 * The messages of a Sakneen error body, readable. sakneen.txt shows `message` as a string
 * ("Access Denied, API key not valid"), an array of strings, and an array of `{field: text}`.
 */
export function sakneenMessages(bodyText: string): string[] {
  const message = parseJsonObject(bodyText)?.['message'];
  const items: unknown[] = Array.isArray(message) ? message : message === undefined || message === null ? [] : [message];
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) return Object.entries(item).map(([key, value]) => describeEntry(key, value));
    return [JSON.stringify(item)];
  });
}

const isDuplicatePhoneMessage = (message: string): boolean => message.trim().toLowerCase() === DUPLICATE_PHONE;

/** sakneen.txt: "Phone number already exists for this organization" is among the messages (a 400). */
export const isSakneenDuplicatePhone = (bodyText: string): boolean => sakneenMessages(bodyText).some(isDuplicatePhoneMessage);

/**
 * The duplicate phone is the only complaint: the person is in Sakneen's CRM and nothing else was
 * wrong with the lead. Kept apart because after an attempt with an unknown outcome it means that
 * attempt probably created the lead.
 */
const onlyDuplicatePhone = (bodyText: string): boolean => {
  const messages = sakneenMessages(bodyText);
  return messages.length > 0 && messages.every(isDuplicatePhoneMessage);
};

/** A permanent failure, with Sakneen's own message(s) kept readable and a hint for the two that need one. */
function rejected(status: number, bodyText: string): DeliveryResult {
  const messages = sakneenMessages(bodyText);
  if (messages.length === 0) return { kind: 'rejected', status, reason: errorReason(status, bodyText) };
  const hint = isSakneenDuplicatePhone(bodyText)
    ? ' (duplicate: Sakneen already has a lead with this phone number)'
    : // sakneen.txt: "Missing Public Form Configuration": no lead arrives until the operator sets one up.
      messages.some((message) => message.trim().toLowerCase() === FORM_NOT_FOUND)
      ? ' (config: this Sakneen organization has no public lead form; set one up in Sakneen)'
      : '';
  return { kind: 'rejected', status, reason: errorReason(status, messages.join('; ') + hint) };
}

/**
 * Classifies every answer sakneen.txt documents; a 2xx without `newLead._id` is never delivered.
 * "Phone number already exists" on a first send: the person is in the CRM already (`duplicate`).
 * After an attempt whose outcome is unknown it is taken as that attempt, flagged as a possible
 * duplicate: sakneen.txt says duplication rules depend on the organization, so the phone may
 * equally be an older lead of the same person.
 */
export function classifySakneenResponse(status: number, bodyText: string, context: AnswerContext = { afterUnknownOutcome: false }): DeliveryResult {
  if (!isSuccess(status) && onlyDuplicatePhone(bodyText)) {
    if (context.afterUnknownOutcome) {
      return { kind: 'delivered', status, possibleDuplicate: true, note: 'Sakneen already had this phone after an attempt whose answer was lost: taken as that attempt, though it may be an older lead' };
    }
    return { kind: 'duplicate', status, reason: errorReason(status, 'Phone number already exists for this organization (Sakneen already has this person; no new lead was made)') };
  }
  if (isSuccess(status)) {
    const created = v.safeParse(SuccessSchema, parseJsonObject(bodyText));
    if (created.success) {
      const { _id, leadId } = created.output.newLead;
      // _id is Sakneen's unique id; leadId is the per-organization number its users see.
      return { kind: 'delivered', status, providerId: _id, ...(leadId === undefined ? {} : { note: `Sakneen leadId ${leadId}` }) };
    }
    // A 2xx carrying the documented error shape ({"statusCode":400,"message":…}) failed for good.
    const stated = parseJsonObject(bodyText)?.['statusCode'];
    if (typeof stated === 'number' && stated >= 400 && stated < 500 && !isTransient(stated)) return rejected(status, bodyText);
    // Anything else may or may not have stored the lead: try again (a repeat would get the duplicate 400).
    return { kind: 'retry', status, reason: `unexpected ${status} answer: ${errorReason(status, bodyText)}` };
  }
  if (isTransient(status)) return { kind: 'retry', status, reason: errorReason(status, bodyText) };
  // sakneen.txt: 401 "API key not provided" / "API key not valid": the form's secret, not the lead.
  if (isCredentialFailure(status)) return heldForCredentials(status, bodyText);
  // sakneen.txt: 400 validation, phone format, a duplicate phone among other complaints, and a
  // missing public form: all permanent.
  return rejected(status, bodyText);
}

/** Sakneen Leads API (`POST /external/apis/v1.0/leads`), authenticated by the form's `apiKey` secret. */
export const sakneen: ProviderDefinition<SakneenOptions> = {
  secretNames: ['apiKey'],
  secretsSentAsIs: { headers: ['apiKey'] }, // sakneen.txt: "api-key: YOUR_API_KEY"
  signatureInputs: 'no signature: the api-key header',
  testVariant: () => undefined, // sakneen.txt documents no test mode
  optionsSchema: SakneenOptionsSchema,
  create(options) {
    return oneLeadPerRequest({
      checkLead: (lead) => mappingProblems(mapSakneenLead(lead, options)),
      buildLeadRequest: (lead, secrets) => Promise.resolve(buildSakneenRequest(lead, options, secrets['apiKey'] ?? '')),
      classifyLeadResponse: (status, bodyText, _lead, context) => classifySakneenResponse(status, bodyText, context),
      duplicateGuard: 'detects',
      // sakneen.txt documents no endpoint besides creating a lead.
      operations: {},
    });
  },
};
