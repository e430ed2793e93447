import * as v from 'valibot';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { md5Hex } from '../crypto/md5.ts';
import { classifyHotwireResponse, emailKey } from './hotwire-response.ts';
import { CampaignKeySchema, campaignValue, fieldValue, formFieldFor, isEmail, mappingOptions, parseInteger, splitName, mappingProblems } from './mapping.ts';
import type { ProviderDefinition, ProviderLead, ProviderRequest } from './types.ts';

// hotwire.txt, "Interface Contract": the fields of one lead, in the document's order.
const FIELDS = ['firstName', 'lastName', 'email', 'source', 'gender', 'age'] as const;
// Names and email identify the customer: a fixed per-form value would file every lead as one person.
const FIXABLE_FIELDS: readonly string[] = ['source', 'gender', 'age'];

/** hotwire.txt: "Prod endpoint" and "QA Endpoint" hosts. */
const BASE_URLS = { production: 'https://api.hotwire.com', qa: 'https://api.qa.hotwire.com' } as const;

/**
 * Most leads in one request. hotwire.txt names no limit, but a 400 refuses the whole array, so a
 * small batch bounds how many requests it takes to find the bad lead by halving, and keeps the
 * call well inside the 10 s timeout.
 */
export const HOTWIRE_MAX_BATCH = 20;

/** Ages we send; anything else typed into the age field is a field error (hotwire.txt: age "Integer"). */
const AGE_RANGE = { min: 1, max: 120 } as const;

// hotwire.txt: gender "valid values M/F". Common spellings map onto them; any other answer
// (non-binary, prefer not to say) is a valid answer Hotwire cannot hold, so it is left out.
// A Map, not an object literal: a visitor typing "__proto__" or "constructor" must not find a value.
const GENDERS: ReadonlyMap<string, 'M' | 'F'> = new Map([['m', 'M'], ['male', 'M'], ['man', 'M'], ['f', 'F'], ['female', 'F'], ['woman', 'F']]);

const toGender = (text: string): 'M' | 'F' | undefined => GENDERS.get(text.trim().toLowerCase());

const toAge = (text: string): number | undefined => {
  const age = parseInteger(text.trim());
  return age !== undefined && age >= AGE_RANGE.min && age <= AGE_RANGE.max ? age : undefined;
};

const HotwireOptionsSchema = v.pipe(
  v.strictObject({
    /** hotwire.txt: a QA and a production endpoint; keys presumably differ per environment. */
    environment: v.picklist(['qa', 'production'], 'Must be "qa" or "production"'),
    ...mappingOptions(FIELDS),
    /** Campaign key that fills `source`, before the form's `source` field or fixed value; "none" skips it. */
    attribution: v.optional(
      v.object({ source: v.optional(v.union([CampaignKeySchema, v.literal('none')], 'Must be a campaign key such as utm_source, or "none"'), 'utm_source') }),
      {},
    ),
  }, 'Unknown option: see docs/providers/hotwire.md'),
  v.check((options) => Object.keys(options.values).every((key) => FIXABLE_FIELDS.includes(key)), 'values: only source, gender and age may have a fixed value'),
  v.check(({ values }) => values['gender'] === undefined || toGender(values['gender']) !== undefined, 'values.gender: must be M or F'),
  v.check(({ values }) => values['age'] === undefined || toAge(values['age']) !== undefined, `values.age: must be a whole number from ${AGE_RANGE.min} to ${AGE_RANGE.max}`),
);

/** Hotwire options of one form, as written in the FORMS config. */
export type HotwireOptions = v.InferOutput<typeof HotwireOptionsSchema>;

/** One element of the request array (hotwire.txt, "Request"). */
export interface HotwireLead {
  firstName: string;
  lastName: string;
  email: string;
  source?: string;
  gender?: 'M' | 'F';
  age?: number;
}

/** Base URL of the Hotwire API for these options. */
export function hotwireBaseUrl(options: HotwireOptions): string {
  return options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : BASE_URLS[options.environment];
}

/** hotwire.txt: `sig` is the MD5 of API key + secret key + Unix timestamp, concatenated; lowercase hex. */
export const signHotwire = (apiKey: string, secret: string, unixSeconds: number): Promise<string> => md5Hex(`${apiKey}${secret}${unixSeconds}`);

/** The email a lead is sent with, as typed (trimmed); Hotwire identifies the customer by it. */
export const hotwireEmail = (lead: ProviderLead, options: HotwireOptions): string => lead.fields[formFieldFor('email', options)]?.trim() ?? '';

const typed = (lead: ProviderLead, field: string): boolean => Boolean(lead.fields[field]?.trim());

/** First and last name, or the errors on the form field(s) the visitor should fix. */
function mapName(lead: ProviderLead, options: HotwireOptions, errors: FieldErrors): { first: string; last: string } | undefined {
  const firstField = formFieldFor('firstName', options);
  const lastField = formFieldFor('lastName', options);
  const { first, last } = splitName(lead, { full: 'name', first: firstField, last: lastField });
  if (first && last) return { first, last };
  const mapped = options.fieldMap['firstName'] !== undefined || options.fieldMap['lastName'] !== undefined;
  if (typed(lead, firstField) || typed(lead, lastField) || (mapped && !typed(lead, 'name'))) {
    if (!first) errors[firstField] = 'Enter your first name';
    if (!last) errors[lastField] = 'Enter your last name';
  } else {
    // hotwire.txt: firstName and lastName are both required, so a one-word name cannot go.
    errors['name'] = 'Enter your first and last name';
  }
  return undefined;
}

/** Maps a lead to one element of Hotwire's request array, or field errors keyed by form field. */
export function mapHotwireLead(lead: ProviderLead, options: HotwireOptions): { ok: true; payload: HotwireLead } | { ok: false; fields: FieldErrors } {
  const errors: FieldErrors = {};
  const name = mapName(lead, options, errors);
  const email = hotwireEmail(lead, options);
  if (!email) errors[formFieldFor('email', options)] = 'Enter your email address';
  else if (!isEmail(email)) errors[formFieldFor('email', options)] = 'Enter a valid email address';
  const sourceKey = options.attribution.source;
  const source = (sourceKey === 'none' ? undefined : campaignValue(lead, sourceKey)) ?? fieldValue(lead, 'source', options);
  const genderText = fieldValue(lead, 'gender', options);
  const gender = genderText === undefined ? undefined : toGender(genderText);
  const ageText = fieldValue(lead, 'age', options);
  const age = ageText === undefined ? undefined : toAge(ageText);
  // A typo in the age is the visitor's to fix while still on the page, not a reason to drop the field.
  if (ageText !== undefined && age === undefined) errors[formFieldFor('age', options)] = 'Enter your age in whole years';
  if (!name || Object.keys(errors).length > 0) return { ok: false, fields: errors };
  return {
    ok: true,
    payload: {
      firstName: name.first,
      lastName: name.last,
      email,
      ...(source === undefined ? {} : { source }),
      ...(gender === undefined ? {} : { gender }),
      ...(age === undefined ? {} : { age }),
    },
  };
}

/**
 * Builds the signed POST for leads that mapHotwireLead accepts: one array element per distinct
 * email (hotwire.txt: "Email will be used to uniquely identify the customer"), first lead wins.
 */
export async function buildHotwireRequest(
  leads: readonly ProviderLead[],
  options: HotwireOptions,
  secrets: { apiKey: string; secret: string },
  now: Date,
): Promise<ProviderRequest> {
  // hotwire.txt: an empty request is a 400; an empty batch is a bug of ours.
  if (leads.length === 0) throw new Error('[edge] [hotwire] a request needs at least one lead');
  const byEmail = new Map<string, HotwireLead>();
  for (const lead of leads) {
    const mapped = mapHotwireLead(lead, options);
    if (!mapped.ok) throw new Error(`[edge] [hotwire] lead ${lead.id} does not map: ${Object.keys(mapped.fields).join(', ')}`);
    if (!byEmail.has(emailKey(mapped.payload.email))) byEmail.set(emailKey(mapped.payload.email), mapped.payload);
  }
  // hotwire.txt: the timestamp is not sent; Hotwire accepts a sig made within the last few minutes.
  const unixSeconds = Math.floor(now.getTime() / 1000);
  const query = new URLSearchParams({ apikey: secrets.apiKey, sig: await signHotwire(secrets.apiKey, secrets.secret, unixSeconds) });
  return {
    method: 'POST',
    url: `${hotwireBaseUrl(options)}/api/leads?${query}`,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify([...byEmail.values()]),
  };
}

/** Hotwire New Leads API: soft users for Hotwire's marketing emails, in signed batches. */
export const hotwire: ProviderDefinition<HotwireOptions> = {
  secretNames: ['apiKey', 'secret'],
  secretsSentAsIs: { url: ['apiKey'] }, // hotwire.txt: `?apikey=`; the secret only feeds the MD5 `sig`
  signatureInputs: 'sig = MD5(apiKey + secret + Unix seconds), lowercase hex; the seconds are not sent',
  testVariant: (options) => (options.environment === 'qa' ? { options, path: 'Hotwire QA' } : undefined),
  optionsSchema: HotwireOptionsSchema,
  create(options) {
    return {
      maxBatchSize: HOTWIRE_MAX_BATCH,
      checkLead: (lead) => mappingProblems(mapHotwireLead(lead, options)),
      buildRequest: (leads, secrets, now) => buildHotwireRequest(leads, options, { apiKey: secrets['apiKey'] ?? '', secret: secrets['secret'] ?? '' }, now),
      classifyResponse: (status, bodyText, leads) => classifyHotwireResponse(status, bodyText, leads.map((lead) => hotwireEmail(lead, options))),
      duplicateGuard: 'detects', // hotwire.txt: a user it already has is answered USER_NOT_CREATED, classified delivered
      operations: {}, // hotwire.txt documents a single endpoint, lead creation
    };
  },
};
