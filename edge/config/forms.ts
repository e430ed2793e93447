import { isSupportedCountry, type CountryCode } from '../phone-metadata.ts';
import * as v from 'valibot';
import { providers, type ProviderName } from '../providers/index.ts';
import type { ProviderAdapter, ProviderDefinition } from '../providers/types.ts';
import { isOriginAllowed, isOriginPattern } from '../http/origins.ts';
import { FormFieldName } from './names.ts';
import { MISSING_TIMING } from '../guard/timing.ts';

const SecretName = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/, 'Must be a secret NAME in capitals, not its value'));

/** Channels a new-lead notification can go over: the deployment's alert channels (edge/alerts/config.ts). */
export const NOTIFY_CHANNELS = ['webhook', 'email'] as const;

/** Settings of rate limits, as bindings in wrangler.toml name them (see edge/guard/rate-limit.ts). */
export const RATE_LIMITS = ['default', 'strict', 'relaxed', 'off'] as const;

const FormSchema = v.strictObject({
  provider: v.picklist(Object.keys(providers) as ProviderName[], `Must be one of: ${Object.keys(providers).join(', ')}`),
  /** Sites allowed to post to this form: exact origins or `https://*.example.com`. */
  origins: v.array(
    v.pipe(v.string(), v.check(isOriginPattern, 'Must be an origin such as https://example.com or https://*.example.com (a pattern only below a domain, never *.com)')),
    'Must be a list of origins, e.g. ["https://www.example.com"]',
  ),
  /** Region used to read phone numbers typed without a + country code. */
  defaultCountry: v.optional(
    v.custom<CountryCode>((value) => typeof value === 'string' && isSupportedCountry(value), 'Must be an ISO 3166-1 alpha-2 code such as IN'),
  ),
  /** Provider secret -> name of the Worker secret that holds it. */
  secrets: v.optional(v.record(v.string(), SecretName), {}),
  options: v.unknown(),
  /** Name of a Worker secret that lets a server post without an Origin (`Authorization: Bearer <value>`). */
  serverToken: v.optional(SecretName),
  /** Submits per client IP and minute: default 10, strict 3, relaxed 60, or off. */
  rateLimit: v.optional(v.picklist(RATE_LIMITS, `Must be one of: ${RATE_LIMITS.join(', ')}`), 'default'),
  /** Name of the Worker secret holding this form's Turnstile secret key; set, every lead needs a valid token. */
  turnstileSecret: v.optional(SecretName),
  /** A lead sent sooner than this after the form appeared is a bot's (the widget reports the time). */
  minSubmitMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)), 1500),
  /** The form fields this form takes; others are dropped or refused (unknownFields). Unset: any field. */
  fields: v.optional(v.array(FormFieldName)),
  /** A browser's JSON lead without `elapsedMs`: held for review (default) or accepted as it is (edge/guard/timing.ts). */
  missingTiming: v.optional(v.picklist(MISSING_TIMING, `Must be one of: ${MISSING_TIMING.join(', ')}`), 'review'),
  unknownFields: v.optional(v.picklist(['drop', 'reject'], 'Must be drop or reject'), 'drop'),
  /** Where a plain HTML form's post (no JavaScript) lands once accepted: an https page or one of the form's origins. Unset: the Worker's own thank-you page. */
  thankYouUrl: v.optional(v.pipe(v.string(), v.url('Must be an absolute URL such as https://example.com/thanks'))),
  /** A message per delivered lead, with its fields and attribution, over these alert channels (README, "Operators"). */
  notify: v.optional(v.array(v.picklist(NOTIFY_CHANNELS, `Must be a list of: ${NOTIFY_CHANNELS.join(', ')}`)), []),
}, 'Unknown form setting');

const FormsSchema = v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Form ids are 1–64 letters, digits, _ or -')), v.unknown());

/** One form, ready to use: its validated settings and its provider adapter. */
export interface FormConfig {
  id: string;
  provider: ProviderName;
  origins: string[];
  defaultCountry: CountryCode | undefined;
  /** Provider secret -> Worker secret name. */
  secrets: Record<string, string>;
  adapter: ProviderAdapter;
  /** The provider's own test path for this form (test mode, staging, QA), if it has one. */
  test: { adapter: ProviderAdapter; path: string } | undefined;
  guard: FormGuard;
  /** Where an accepted no-JS form post is sent (303); undefined: the built-in thank-you page. */
  thankYouUrl: string | undefined;
  /** Provider field -> the form field that fills it (every provider's `fieldMap` option), for the snippet. */
  fieldMap: Readonly<Record<string, string>>;
  /** Alert channels that get a message per delivered lead (empty: none). */
  notify: ReadonlyArray<(typeof NOTIFY_CHANNELS)[number]>;
}

/** What a form lets through: its abuse and input settings. */
export interface FormGuard {
  serverToken: string | undefined;
  rateLimit: (typeof RATE_LIMITS)[number];
  turnstileSecret: string | undefined;
  minSubmitMs: number;
  fields: readonly string[] | undefined;
  unknownFields: 'drop' | 'reject';
  missingTiming: (typeof MISSING_TIMING)[number];
}

/** One thing wrong in the forms config, named by its path, e.g. `FORMS.shop.options.channel`. */
export interface ConfigProblem {
  /** The form at fault; undefined when FORMS as a whole is unreadable. */
  formId: string | undefined;
  path: string;
  message: string;
}

/** The usable forms, and every problem of the others (a bad form never takes the good ones down). */
export interface FormsConfig {
  forms: ReadonlyMap<string, FormConfig>;
  problems: readonly ConfigProblem[];
}

/** `FORMS.shop.options.channel: Must be ...` */
export const describeProblem = (problem: ConfigProblem): string => `${problem.path}: ${problem.message}`;

/** A required key that is absent: valibot gives it the object's own message ("Unknown option"). */
const isMissingKey = (issue: v.BaseIssue<unknown>): boolean =>
  (issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object') && issue.received === 'undefined' && (issue.path?.length ?? 0) > 0;

const problemsOf = (formId: string | undefined, prefix: string, issues: readonly v.BaseIssue<unknown>[]): ConfigProblem[] =>
  issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join('.');
    return { formId, path: `${prefix}${path ? `.${path}` : ''}`, message: isMissingKey(issue) ? 'Missing: this setting is required' : issue.message };
  });

function parseForm(id: string, raw: unknown): FormConfig | ConfigProblem[] {
  const prefix = `FORMS.${id}`;
  const form = v.safeParse(FormSchema, raw);
  if (!form.success) return problemsOf(id, prefix, form.issues);
  // Widened: each provider's factory takes only its own options, which its own schema just produced.
  const definition = providers[form.output.provider] as ProviderDefinition<unknown>;
  const options = v.safeParse(definition.optionsSchema, form.output.options ?? {});
  const problems = options.success ? [] : problemsOf(id, `${prefix}.options`, options.issues);
  for (const name of definition.secretNames) {
    if (!form.output.secrets[name]) problems.push({ formId: id, path: `${prefix}.secrets.${name}`, message: `${form.output.provider} needs a secret named "${name}"; map it to a Worker secret name` });
  }
  const thankYou = form.output.thankYouUrl;
  if (thankYou && !isSafeThankYouUrl(thankYou, form.output.origins)) {
    problems.push({ formId: id, path: `${prefix}.thankYouUrl`, message: 'Must be an https URL, or a page on one of the form\'s origins' });
  }
  if (!options.success || problems.length > 0) return problems;
  const adapter = definition.create(options.output);
  for (const field of adapter.requiredFields) {
    if (form.output.fields && !form.output.fields.includes(field)) problems.push({ formId: id, path: `${prefix}.fields`, message: `${form.output.provider} needs the form field "${field}": add it to the list (and to the form)` });
  }
  if (problems.length > 0) return problems;
  return {
    id,
    provider: form.output.provider,
    origins: form.output.origins,
    defaultCountry: form.output.defaultCountry,
    secrets: form.output.secrets,
    adapter,
    test: testAdapter(definition, options.output),
    guard: {
      serverToken: form.output.serverToken,
      rateLimit: form.output.rateLimit,
      turnstileSecret: form.output.turnstileSecret,
      minSubmitMs: form.output.minSubmitMs,
      fields: form.output.fields,
      unknownFields: form.output.unknownFields,
      missingTiming: form.output.missingTiming,
    },
    thankYouUrl: form.output.thankYouUrl,
    // Every provider's options carry mappingOptions (edge/providers/mapping.ts), whose fieldMap defaults to {}.
    fieldMap: (options.output as { fieldMap?: Record<string, string> }).fieldMap ?? {},
    notify: [...new Set(form.output.notify)],
  };
}

/** A thank-you URL a visitor may be sent to: https anywhere (the site's own page), or a page of one of the form's origins (http in development). */
const isSafeThankYouUrl = (url: string, origins: readonly string[]): boolean => {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || isOriginAllowed(parsed.origin, origins);
};

function testAdapter(definition: ProviderDefinition<unknown>, options: unknown): FormConfig['test'] {
  const variant = definition.testVariant(options);
  return variant ? { adapter: definition.create(variant.options), path: variant.path } : undefined;
}

/** Validates the FORMS var (a TOML table, or a JSON string when given with `--var`), form by form. */
export function parseForms(raw: unknown): FormsConfig {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { forms: new Map(), problems: [{ formId: undefined, path: 'FORMS', message: 'is a string but not valid JSON' }] };
    }
  }
  const table = v.safeParse(FormsSchema, value ?? {});
  if (!table.success) return { forms: new Map(), problems: problemsOf(undefined, 'FORMS', table.issues) };
  const forms = new Map<string, FormConfig>();
  const problems: ConfigProblem[] = [];
  for (const [id, rawForm] of Object.entries(table.output)) {
    const form = parseForm(id, rawForm);
    if (Array.isArray(form)) problems.push(...form);
    else forms.set(id, form);
  }
  return { forms, problems };
}
