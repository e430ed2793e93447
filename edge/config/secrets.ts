import type { FormConfig } from './forms.ts';
import type { ProviderSecrets } from '../providers/types.ts';

/** The form's secret values from the Worker env, or the name of the first one that is not set. */
export function resolveSecrets(form: FormConfig, env: Readonly<Record<string, unknown>>): { ok: true; secrets: ProviderSecrets } | { ok: false; missing: string } {
  const secrets: Record<string, string> = {};
  for (const [name, envName] of Object.entries(form.secrets)) {
    const value = env[envName];
    if (typeof value !== 'string' || value === '') return { ok: false, missing: `FORMS.${form.id}.secrets.${name} names ${envName}, which is not set (wrangler secret put ${envName})` };
    secrets[name] = value;
  }
  return { ok: true, secrets };
}
