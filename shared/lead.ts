import * as v from 'valibot';
import { VisitorFieldsSchema } from './visitor-fields.ts';
import {
  CAMPAIGN_KEYS,
  FIELD_NAME_PATTERN,
  IDEMPOTENCY_KEY_PATTERN,
  MAX_FIELD_COUNT,
  MAX_VALUE_LENGTH,
  LOCALE_PATTERN,
} from './constants.ts';

/**
 * Text as it may travel on: control characters (other than tab and line breaks) removed, and
 * lone UTF-16 surrogates, which no provider can store, replaced with U+FFFD.
 */
export const cleanText = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').toWellFormed();

const ShortText = v.pipe(v.string(), v.transform(cleanText), v.maxLength(MAX_VALUE_LENGTH, `Use at most ${MAX_VALUE_LENGTH} characters`));
const TrimmedText = v.pipe(v.string(), v.transform(cleanText), v.trim(), v.maxLength(MAX_VALUE_LENGTH, `Use at most ${MAX_VALUE_LENGTH} characters`));

/** Form fields as the visitor typed them: names are safe identifiers, values are bounded text. */
export const LeadFieldsSchema = v.pipe(
  v.record(v.pipe(v.string(), v.regex(FIELD_NAME_PATTERN, 'Field names are letters, digits, _ and -')), TrimmedText),
  v.check((fields) => Object.keys(fields).length <= MAX_FIELD_COUNT, `Send at most ${MAX_FIELD_COUNT} fields`),
  // Reached only when the record passed (a pipe stops at a schema after an issue): every value is
  // cleaned, trimmed and bounded already, so the other fields are taken as they are, not cleaned twice.
  v.objectWithRest(VisitorFieldsSchema.entries, v.string()),
);

const campaignEntries = Object.fromEntries(CAMPAIGN_KEYS.map((key) => [key, v.optional(ShortText)])) as {
  [K in (typeof CAMPAIGN_KEYS)[number]]: v.OptionalSchema<typeof ShortText, undefined>;
};

/** One touch point: the campaign parameters, referrer and landing page of one visit. */
export const TouchSchema = v.object({
  ...campaignEntries,
  referrer: v.optional(ShortText),
  landing_page: v.optional(ShortText),
  /** When this touch was first seen, epoch milliseconds. */
  captured_at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/** The page a lead was submitted on: where the visitor converted, next to where they arrived. */
export const PageSchema = v.object({
  url: ShortText,
  title: v.optional(ShortText),
});

/** Where the lead came from: the visitor's first and most recent campaign touch, and the page of the submit. */
export const AttributionSchema = v.object({
  first: v.optional(TouchSchema),
  last: v.optional(TouchSchema),
  page: v.optional(PageSchema),
});

/** The body the widget posts to `POST /v1/forms/{formId}/leads`. */
export const LeadSubmissionSchema = v.object({
  fields: LeadFieldsSchema,
  attribution: v.optional(AttributionSchema, {}),
  idempotencyKey: v.pipe(v.string(), v.regex(IDEMPOTENCY_KEY_PATTERN, 'Must be 16–64 letters, digits, _ or -')),
  /** Filled only by bots: the widget's hidden honeypot input. */
  honeypot: v.optional(v.pipe(v.string(), v.maxLength(MAX_VALUE_LENGTH))),
  /** A Cloudflare Turnstile token, for forms that require one. */
  turnstileToken: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  /** Milliseconds between the form appearing and its submission (people take seconds, bots do not). */
  elapsedMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The page's language (`<html lang>`), which some providers take as the lead's language. */
  locale: v.optional(v.pipe(v.string(), v.regex(LOCALE_PATTERN, 'Must be a language tag such as en or ar-EG'))),
});

export type LeadFields = v.InferOutput<typeof LeadFieldsSchema>;
export type Touch = v.InferOutput<typeof TouchSchema>;
export type CampaignKey = (typeof CAMPAIGN_KEYS)[number];
export type Attribution = v.InferOutput<typeof AttributionSchema>;
export type LeadSubmission = v.InferOutput<typeof LeadSubmissionSchema>;
export type LeadSubmissionInput = v.InferInput<typeof LeadSubmissionSchema>;
