import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envDrift } from '../../scripts/env-drift.ts';
import { ROOT } from '../../scripts/local-stack.ts';

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.tmp', 'env-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = (text: string): string => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.toml`);
  writeFileSync(path, `name = "x"\nmain = "index.ts"\ncompatibility_date = "2026-11-09"\n${text}`);
  return path;
};

const TOP = `
[[d1_databases]]
binding = "DB"
database_name = "leadrelay"
database_id = "00000000-0000-0000-0000-000000000000"

[[queues.producers]]
binding = "LEADS_QUEUE"
queue = "leadrelay-leads"

[vars]
RETENTION_DAYS = "30"

[vars.FORMS.demo]
provider = "anarock"
`;

describe('envDrift', () => {
  it('accepts an environment that repeats the top level, with its own FORMS and no database_id', () => {
    const twin = TOP.replaceAll('[[', '[[env.production.').replace('[vars', '[env.production.vars').replace('[vars.FORMS.demo]', '[env.production.vars.FORMS.shop]').replace(/database_id = .*\n/, '');
    expect(envDrift(ROOT, config(`${TOP}\n[env.production]\n${twin}`), 'production')).toEqual([]);
  });

  it('names each binding or var the environment lacks or changes', () => {
    const partial = '[[env.production.d1_databases]]\nbinding = "DB"\ndatabase_name = "leadrelay"\n\n[env.production.vars]\nRETENTION_DAYS = "7"\n';
    expect(envDrift(ROOT, config(`${TOP}\n[env.production]\n${partial}`), 'production')).toEqual([
      expect.stringMatching(/^"vars" of \[env\.production\] differs/),
      expect.stringMatching(/^"queues" of \[env\.production\] differs/),
    ]);
  });
});
