// What `npm run check-config` says about each form: provider, environment, origins, secrets and
// every problem. Validation is the Worker's own parseForms; this file only adds what the Worker
// cannot know at request time: which secrets exist, and what makes no sense in a deploy.
import { getDomain } from 'tldts';
import { describeProblem, parseForms, type ConfigProblem, type FormConfig } from '../edge/config/forms.ts';
import './phone-metadata.ts';

/** Secret NAMEs found in one place (values are never read into a report). */
export interface SecretSource {
  label: string;
  names: ReadonlySet<string>;
}

export interface CheckOptions {
  /** Where secrets were looked for; undefined when they could not be checked (a remote account). */
  secretSources: readonly SecretSource[] | undefined;
  /** `[env.<name>]` being checked, or undefined for the top level (production). */
  env: string | undefined;
  /** True for the local demo ([env.demo]): its stand-in URLs and local origins are right there. */
  local?: boolean;
  /** Worker secrets besides the forms' (`secrets.required` of the config). */
  requiredSecrets?: readonly string[];
  /** Worker secrets that turn a feature on, by NAME: reported, never a problem when missing. */
  optionalSecrets?: Readonly<Record<string, string>>;
}

/** One provider secret of a form and the Worker secret NAME it reads. */
export interface SecretStatus {
  secret: string;
  /** The NAME, or undefined when the config holds something that is not a NAME (never printed). */
  name: string | undefined;
  /** Label of the source that has it; null when missing; undefined when not checked. */
  foundIn: string | null | undefined;
}

export interface FormReport {
  id: string;
  provider: string;
  environment: string;
  /** True for staging, QA and test modes: leads do not reach the production CRM. */
  testEnvironment: boolean;
  /** baseUrl and what it is, when the form overrides the provider's URL. */
  baseUrl: string | undefined;
  origins: string[];
  secrets: SecretStatus[];
  problems: string[];
  warnings: string[];
}

export interface ConfigReport {
  forms: FormReport[];
  /** Problems of FORMS as a whole, and of Worker secrets. */
  problems: string[];
  /** `feature`: what an optional secret turns on (missing, it is off). */
  workerSecrets: Array<{ name: string; foundIn: string | null | undefined; feature?: string }>;
}

type RawRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is RawRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Hosts Cloudflare's network cannot reach: loopback and private (RFC 1918) addresses. */
function unreachableFromCloudflare(url: string): 'a local stand-in' | 'a private address' | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host) || host === '0.0.0.0') return 'a local stand-in';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host)) return 'a private address';
  return undefined;
}

/**
 * `https://*.co.uk` passes the Worker's own check (two labels after `*.`), yet admits every site
 * under a public suffix: only the public-suffix list (tldts, too big for the Worker) tells.
 * Private suffixes count too: `*.github.io` is everyone's GitHub Pages.
 */
function wildcardOverPublicSuffix(origin: string): string | undefined {
  const star = origin.indexOf('://*.');
  if (star < 0) return undefined;
  const suffix = origin.slice(star + 5).replace(/:\d+$/, '');
  return getDomain(suffix, { allowPrivateDomains: true }) === null ? suffix : undefined;
}

/** The provider environment a form's options select (anarock: staging, hotwire: qa, comunik8: test). */
function environmentOf(options: RawRecord): { label: string; test: boolean } {
  if (typeof options['environment'] === 'string') return { label: options['environment'], test: options['environment'] !== 'production' };
  if (options['test'] === true) return { label: 'test mode (the provider checks each lead and does not save it)', test: true };
  return { label: 'production (this provider has no test environment option)', test: false };
}

/**
 * Problems parseForms did not reach: it stops at the first failing common field (origins,
 * defaultCountry, secret NAMEs) before the provider's options. Parsing again with those fields
 * neutral checks the options with the same code the Worker runs.
 */
function deeperProblems(id: string, raw: RawRecord, first: readonly ConfigProblem[]): ConfigProblem[] {
  const common = first.filter((problem) => !problem.path.startsWith(`FORMS.${id}.options`) && !problem.path.startsWith(`FORMS.${id}.secrets.`));
  if (common.length === 0 || first.some((problem) => problem.path === `FORMS.${id}.provider`)) return [];
  const secrets = isRecord(raw['secrets']) ? Object.fromEntries(Object.keys(raw['secrets']).map((key) => [key, 'PLACEHOLDER'])) : {};
  const neutral = { provider: raw['provider'], origins: [], secrets, options: raw['options'] };
  const seen = new Set(first.map((problem) => problem.path));
  return parseForms({ [id]: neutral }).problems.filter((problem) => !seen.has(problem.path) && !(problem.path.startsWith(`FORMS.${id}.secrets.`) && !isRecord(raw['secrets'])));
}

const lookup = (name: string, sources: readonly SecretSource[] | undefined): string | null | undefined =>
  sources === undefined ? undefined : (sources.find((source) => source.names.has(name))?.label ?? null);

const putCommand = (name: string, env: string | undefined): string => `npx wrangler secret put ${name}${env ? ` --env ${env}` : ''}`;

/**
 * What a valid form loses on the way: listed fields its provider has no place for (each lead then
 * names them on the operator page), and `values`, read since fixed values exist as `defaults`.
 */
function fidelityWarnings(form: FormConfig, providerOptions: RawRecord): string[] {
  const warnings: string[] = [];
  const lost = (form.guard.fields ?? []).filter((field) => !form.adapter.carriesField(field));
  // With a fields list, parseForms already refuses a form that lacks one; without, only the page can tell.
  if (!form.guard.fields) for (const field of form.adapter.requiredFields) warnings.push(`every lead needs the form field "${field}" (the edge refuses one without it): make sure the form has it`);
  if (lost.length > 0) warnings.push(`fields ${lost.join(', ')}: ${form.provider} has no place for them, so they are not forwarded (each lead lists them as not forwarded on the operator page)`);
  if (isRecord(providerOptions['values']) && Object.keys(providerOptions['values']).length > 0) {
    warnings.push('options.values is read as options.defaults (used only when the visitor leaves the field empty); rename it to defaults, or to fixed for a value the visitor can never change');
  }
  return warnings;
}

function reportForm(id: string, raw: unknown, problems: readonly ConfigProblem[], options: CheckOptions, parsed: FormConfig | undefined): FormReport {
  const form = isRecord(raw) ? raw : {};
  const providerOptions = isRecord(form['options']) ? form['options'] : {};
  const environment = environmentOf(providerOptions);
  const baseUrl = typeof providerOptions['baseUrl'] === 'string' ? providerOptions['baseUrl'] : undefined;
  const report: FormReport = {
    id,
    provider: typeof form['provider'] === 'string' ? form['provider'] : '(none)',
    environment: environment.label,
    testEnvironment: environment.test,
    baseUrl: baseUrl && `${baseUrl}${unreachableFromCloudflare(baseUrl) ? ` (${unreachableFromCloudflare(baseUrl)})` : ''}`,
    origins: typeof form['origins'] === 'string' ? [form['origins']] : strings(form['origins']),
    secrets: [],
    problems: [...problems, ...deeperProblems(id, form, problems)].map(describeProblem),
    warnings: parsed ? fidelityWarnings(parsed, providerOptions) : [],
  };
  strings(form['origins']).forEach((origin, index) => {
    const suffix = wildcardOverPublicSuffix(origin);
    const path = `FORMS.${id}.origins.${index}`;
    if (suffix && !report.problems.some((problem) => problem.startsWith(`${path}:`))) report.problems.push(`${path}: ${origin} admits every site under .${suffix}, a public suffix; use a pattern below your own domain, such as https://*.example.${suffix}`);
  });
  // The form's own secrets besides the provider's: without them the Worker refuses the form.
  const named = { ...(isRecord(form['secrets']) ? form['secrets'] : {}) };
  const guardSecrets = ['turnstileSecret', 'serverToken'].filter((field) => form[field] !== undefined);
  for (const field of guardSecrets) named[field] = form[field];
  for (const [secret, name] of Object.entries(named)) {
    const isName = typeof name === 'string' && SECRET_NAME.test(name);
    const foundIn = isName ? lookup(name, options.secretSources) : undefined;
    report.secrets.push({ secret, name: isName ? name : undefined, foundIn });
    const path = guardSecrets.includes(secret) ? `FORMS.${id}.${secret}` : `FORMS.${id}.secrets.${secret}`;
    if (isName && foundIn === null) report.problems.push(`${path} names ${name}, which is not set (${putCommand(name, options.env)})`);
  }
  if (!options.local) {
    // Only a deploy makes these wrong: locally the demo forms rightly use both.
    const unreachable = baseUrl && unreachableFromCloudflare(baseUrl);
    if (unreachable) report.problems.push(`FORMS.${id}.options.baseUrl: ${baseUrl} is ${unreachable}, which the deployed Worker cannot reach; remove baseUrl to use the provider's own URL`);
    for (const origin of report.origins.filter((item) => unreachableFromCloudflare(item))) report.warnings.push(`origin ${origin} is a local address: fine for testing, remove it before real sites use the form`);
    if (environment.test) report.warnings.push(`leads go to the provider's ${environment.label.split(' ')[0]} environment, not production`);
  }
  return report;
}

/** Checks the raw FORMS of one config section; every problem is in the report, none is thrown. */
export function checkForms(rawForms: unknown, options: CheckOptions): ConfigReport {
  const parsed = parseForms(rawForms);
  const problems = parsed.problems.filter((problem) => problem.formId === undefined).map(describeProblem);
  let table: RawRecord = {};
  if (typeof rawForms === 'string') {
    try {
      table = JSON.parse(rawForms) as RawRecord;
    } catch {
      // parseForms has reported it.
    }
  } else if (isRecord(rawForms)) table = rawForms;
  if (rawForms === undefined || Object.keys(table).length === 0) problems.push(`FORMS: no form is configured${options.env ? ` in [env.${options.env}]` : ''}: add [${options.env ? `env.${options.env}.` : ''}vars.FORMS.<form id>] tables to wrangler.toml`);
  const forms = Object.entries(table).map(([id, raw]) => reportForm(id, raw, parsed.problems.filter((problem) => problem.formId === id), options, parsed.forms.get(id)));
  const workerSecrets: ConfigReport['workerSecrets'] = (options.requiredSecrets ?? []).map((name) => ({ name, foundIn: lookup(name, options.secretSources) }));
  for (const { name, foundIn } of workerSecrets) if (foundIn === null) problems.push(`${name} (secrets.required) is not set (${putCommand(name, options.env)})`);
  for (const [name, feature] of Object.entries(options.optionalSecrets ?? {})) workerSecrets.push({ name, foundIn: lookup(name, options.secretSources), feature });
  return { forms, problems, workerSecrets };
}

const secretState = (foundIn: string | null | undefined): string => (foundIn === undefined ? 'not checked' : foundIn === null ? 'MISSING' : `set in ${foundIn}`);

/** The report as people read it: one block per form, then a one-line verdict. */
export function formatReport(report: ConfigReport): string {
  const lines: string[] = [];
  for (const form of report.forms) {
    lines.push('', `${form.id} (${form.provider})`);
    lines.push(`  environment  ${form.environment}${form.testEnvironment ? ' [not production]' : ''}`);
    if (form.baseUrl) lines.push(`  baseUrl      ${form.baseUrl}`);
    lines.push(`  origins      ${form.origins.join(', ') || '(none: no site can post to this form)'}`);
    for (const { secret, name, foundIn } of form.secrets) lines.push(`  secret       ${secret} <- ${name ?? '(not a secret NAME, see below)'}: ${name ? secretState(foundIn) : 'not checked'}`);
    for (const warning of form.warnings) lines.push(`  warning      ${warning}`);
    for (const problem of form.problems) lines.push(`  PROBLEM      ${problem}`);
    if (form.problems.length === 0) lines.push('  ok');
  }
  if (report.workerSecrets.length > 0) lines.push('', 'Worker secrets');
  for (const { name, foundIn, feature } of report.workerSecrets) {
    lines.push(`  ${name}: ${feature && foundIn === null ? `not set: ${feature} is off` : `${secretState(foundIn)}${feature ? ` (${feature})` : ''}`}`);
  }
  if (report.problems.length > 0) lines.push('');
  for (const problem of report.problems) lines.push(`PROBLEM ${problem}`);
  const bad = report.forms.filter((form) => form.problems.length > 0).length;
  lines.push('', `${report.forms.length} form(s): ${report.forms.length - bad} ok, ${bad} with problems${report.problems.length > 0 ? `; ${report.problems.length} other problem(s)` : ''}.`);
  return lines.join('\n');
}

/** True when nothing in the report stops a deploy. */
export const reportIsClean = (report: ConfigReport): boolean => report.problems.length === 0 && report.forms.every((form) => form.problems.length === 0);
