// Which secret NAMEs a file sets, for `npm run check-config --secrets-from FILE`. Values are read
// only to tell empty from set, and never leave this function.
import { readFileSync } from 'node:fs';
import { readEnvFile } from './local-stack.ts';

/**
 * NAMEs with a non-empty value in a dotenv file (`.dev.vars`) or a JSON secrets file
 * (`{ "KEY": "value" }`, what `wrangler deploy --secrets-file` takes), or every NAME listed by
 * `wrangler secret list` (`[{ "name": "KEY", "type": "secret_text" }]`, after any banner line).
 */
export function secretNamesIn(path: string): Set<string> {
  const text = readFileSync(path, 'utf8');
  const start = text.search(/^\s*[[{]/m);
  if (start >= 0) {
    const value = JSON.parse(text.slice(start)) as unknown;
    if (Array.isArray(value)) return new Set(value.map((item: { name?: unknown }) => item.name).filter((name): name is string => typeof name === 'string'));
    return new Set(Object.entries(value as Record<string, unknown>).filter(([, secret]) => typeof secret === 'string' && secret !== '').map(([name]) => name));
  }
  return new Set(Object.entries(readEnvFile(path)).filter(([, secret]) => secret !== '').map(([name]) => name));
}
