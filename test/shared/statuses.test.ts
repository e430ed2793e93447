// One list of statuses: the README's table and every provider page follow shared/statuses.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES, REPLAYABLE_STATUSES } from '../../shared/statuses.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const PROVIDER_DOCS = readdirSync(new URL('../../docs/providers/', import.meta.url)).filter((name) => name.endsWith('.md'));

describe('lead statuses', () => {
  it('are listed in the README, each once, in the order of LEAD_STATUS_MEANINGS', () => {
    const section = read('README.md').split('### Lead statuses')[1]?.split('\n### ')[0] ?? '';
    const rows = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1]);
    expect(rows).toEqual(LEAD_STATUSES);
  });

  it('replayable ones are statuses', () => {
    for (const status of REPLAYABLE_STATUSES) expect(LEAD_STATUSES).toContain(status);
  });

  it.each(PROVIDER_DOCS)('docs/providers/%s says which statuses its leads end in, naming only real ones', (name) => {
    const sentence = read(`docs/providers/${name}`).match(/Statuses an? [A-Za-z0-9 ]+ lead can end in[^:]*:([\s\S]*?)\.\s/)?.[1];
    expect(sentence, name).toBeDefined();
    const named = [...(sentence ?? '').matchAll(/`([a-z_]+)`/g)].map((match) => match[1]).filter((word) => word !== 'possible_duplicate');
    expect(named.length).toBeGreaterThan(0);
    for (const status of named) expect(LEAD_STATUSES, `${name}: ${status}`).toContain(status);
  });
});
