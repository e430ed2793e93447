import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import * as v from 'valibot';
import { providers, type ProviderName } from '../providers/index.ts';
import type { ProviderAdapter, ProviderDefinition } from '../providers/types.ts';
import { isOriginPattern } from '../http/origins.ts';

const SecretName = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/, 'Must be a secret NAME in capitals, not its value'));

const FormSchema = v.object({
  provider: v.picklist(Object.keys(providers) as ProviderName[], `Must be one of: ${Object.keys(providers).join(', ')}`),
  /** Sites allowed to post to this form: exact origins or `https://*.example.com`. */
  origins: v.array(v.pipe(v.string(), v.check(isOriginPattern, 'Must be an origin such as https://example.com or https://*.example.com'))),
  /** Region used to read phone numbers typed without a + country code. */
  defaultCountry: v.optional(
    v.custom<CountryCode>((value) => typeof value === 'string' && isSupportedCountry(value), 'Must be an ISO 3166-1 alpha-2 code such as IN'),
  ),
  /** Provider secret -> name of the Worker secret that holds it. */
  secrets: v.optional(v.record(v.string(), SecretName), {}),
  options: v.unknown(),
});

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
}

/** The forms config, or the first problem in it, named by its path (e.g. `FORMS.shop.options.channel`). */
export type FormsParseResult = { ok: true; forms: ReadonlyMap<string, FormConfig> } | { ok: false; error: string };

const describe = (prefix: string, issues: readonly v.BaseIssue<unknown>[]): string => {
  const [issue] = issues;
  const path = issue?.path?.map((item) => String(item.key)).join('.');
  return `${prefix}${path ? `.${path}` : ''}: ${issue?.message ?? 'invalid'}`;
};

function parseForm(id: string, raw: unknown): FormConfig | string {
  const prefix = `FORMS.${id}`;
  const form = v.safeParse(FormSchema, raw);
  if (!form.success) return describe(prefix, form.issues);
  // Widened: each provider's factory takes only its own options, which its own schema just produced.
  const definition = providers[form.output.provider] as ProviderDefinition<unknown>;
  const options = v.safeParse(definition.optionsSchema, form.output.options ?? {});
  if (!options.success) return describe(`${prefix}.options`, options.issues);
  const missing = definition.secretNames.find((name) => !form.output.secrets[name]);
  if (missing) return `${prefix}.secrets.${missing}: ${form.output.provider} needs a secret named "${missing}"; map it to a Worker secret name`;
  return {
    id,
    provider: form.output.provider,
    origins: form.output.origins,
    defaultCountry: form.output.defaultCountry,
    secrets: form.output.secrets,
    adapter: definition.create(options.output),
  };
}

/** Validates the FORMS var (a TOML table, or a JSON string when given with `--var`). */
export function parseForms(raw: unknown): FormsParseResult {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'FORMS: is a string but not valid JSON' };
    }
  }
  const table = v.safeParse(FormsSchema, value ?? {});
  if (!table.success) return { ok: false, error: describe('FORMS', table.issues) };
  const forms = new Map<string, FormConfig>();
  for (const [id, rawForm] of Object.entries(table.output)) {
    const form = parseForm(id, rawForm);
    if (typeof form === 'string') return { ok: false, error: form };
    forms.set(id, form);
  }
  return { ok: true, forms };
}
