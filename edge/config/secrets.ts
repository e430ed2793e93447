import type { FormConfig } from './forms.ts';
import type { ProviderSecrets } from '../providers/types.ts';

const isSet = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The form's secret values from the Worker env, or the name of the first one that is not set. */
export function resolveSecrets(form: FormConfig, env: Readonly<Record<string, unknown>>): { ok: true; secrets: ProviderSecrets } | { ok: false; missing: string } {
  const secrets: Record<string, string> = {};
  for (const [name, envName] of Object.entries(form.secrets)) {
    const value = env[envName];
    if (!isSet(value)) return { ok: false, missing: `FORMS.${form.id}.secrets.${name} names ${envName}, which is not set (wrangler secret put ${envName})` };
    secrets[name] = value;
  }
  return { ok: true, secrets };
}

/**
 * Every Worker secret the form names and the Worker does not have, as `setting: NAME`: provider
 * secrets, `serverToken`, `turnstileSecret`. A form with one is misconfigured as a whole: without
 * its Turnstile secret it would take leads unchecked, so it takes none.
 */
export function missingSecrets(form: FormConfig, env: Readonly<Record<string, unknown>>): string[] {
  // Checked on every lead: nothing is built for a secret that is set.
  const missing: string[] = [];
  for (const [name, envName] of Object.entries(form.secrets)) if (!isSet(env[envName])) missing.push(notSet(form, `secrets.${name}`, envName));
  const { serverToken, turnstileSecret } = form.guard;
  if (serverToken !== undefined && !isSet(env[serverToken])) missing.push(notSet(form, 'serverToken', serverToken));
  if (turnstileSecret !== undefined && !isSet(env[turnstileSecret])) missing.push(notSet(form, 'turnstileSecret', turnstileSecret));
  return missing;
}

const notSet = (form: FormConfig, setting: string, envName: string): string => `FORMS.${form.id}.${setting}: ${envName} is not set (wrangler secret put ${envName})`;
