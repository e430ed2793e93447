// Environments of wrangler.toml inherit main and triggers but not vars or bindings, so the demo
// ([env.demo]) repeats the top level's (production). This finds where the repetition has drifted:
// a queue or var added to production and not to the demo is never run by npm start or the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimental_readRawConfig } from 'wrangler';

type Json = Record<string, unknown>;

/** Top-level keys wrangler does not copy into environments, per its own config schema. */
function nonInheritableKeys(root: string): string[] {
  const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'wrangler', 'config-schema.json'), 'utf8')) as { definitions: { RawConfig: { properties: Record<string, { description?: string }> } } };
  return Object.entries(schema.definitions.RawConfig.properties)
    .filter(([, property]) => property.description?.includes('not automatically inherited'))
    .map(([key]) => key);
}

/** What must be equal in both: vars without FORMS, D1 bindings without their account-specific ids. */
function comparable(key: string, value: unknown): string {
  if (key === 'vars' && value && typeof value === 'object') {
    const { FORMS: _forms, ...rest } = value as Json;
    return JSON.stringify(rest);
  }
  if (key === 'd1_databases' && Array.isArray(value)) {
    return JSON.stringify(value.map(({ database_id: _id, preview_database_id: _preview, ...rest }: Json) => rest));
  }
  return JSON.stringify(value ?? null);
}

/** One sentence per setting that differs between the top level and `[env.<env>]`. */
export function envDrift(root: string, configPath: string, env: string): string[] {
  const { rawConfig } = experimental_readRawConfig({ config: configPath });
  const top = rawConfig as Json;
  const target = (rawConfig.env?.[env] ?? {}) as Json;
  return nonInheritableKeys(root)
    .filter((key) => (key in top || key in target) && comparable(key, top[key]) !== comparable(key, target[key]))
    .map((key) => `"${key}" of [env.${env}] differs from the top level of wrangler.toml (environments do not inherit it; copy it, FORMS and database_id excepted)`);
}
