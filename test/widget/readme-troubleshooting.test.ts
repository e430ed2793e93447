// The README's troubleshooting section is what a site owner reads when a form misbehaves: each
// message it quotes must be what the widget shows, for the answers it names, and its table of
// console fixes must be the widget's own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeadCapture } from '../../widget/capture.ts';
import { SITE_OWNER_FIXES } from '../../widget/form/diagnose.ts';
import { ENGLISH_MESSAGES } from '../../widget/i18n/messages.ts';
import { fakeFetch, type FetchAnswer } from '../support/fake-fetch.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Troubleshooting'), readme.indexOf('\n## ', readme.indexOf('## Troubleshooting') + 1));
const rows = section.split('\n').filter((line) => line.startsWith('| '));
/** The troubleshooting row that quotes `message` as what the page shows. */
const rowFor = (message: string) => rows.find((row) => row.startsWith(`| \`${message}\` | the page |`));

/** What the widget answers the visitor when the edge answers `answer` every time. */
async function shownFor(answer: FetchAnswer, extra: { turnstileToken?: string } = {}) {
  const network = fakeFetch(answer, answer, answer);
  const outcome = await createLeadCapture({ endpoint: 'https://leads.example.com', fetch: network.send, retryDelaysMs: [0, 0] }).submit('villa', { name: 'Asha' }, extra);
  return { message: 'message' in outcome ? outcome.message : undefined, kept: localStorage.getItem('leadrelay_outbox') !== null };
}
const answer = (status: number, code: string): FetchAnswer => ({ status, body: { error: { code, message: code } } });

beforeEach(() => {
  localStorage.clear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('the README troubleshooting section', () => {
  it('quotes every message the widget shows when a lead is not simply taken', () => {
    for (const key of ['refused', 'failed', 'queued', 'rateLimited'] as const) expect(rowFor(ENGLISH_MESSAGES[key]), key).toBeDefined();
  });

  it('names, for the refusal message, exactly the answers that show it, and none of them is kept', async () => {
    const row = rowFor(ENGLISH_MESSAGES.refused) ?? '';
    const statuses = [...row.matchAll(/`(4\d\d)(?: ([a-z_]+))?`/g)].map(([, status, code]) => [Number(status), code ?? 'any'] as const);
    expect(statuses.map(([status]) => status)).toEqual([403, 404, 405, 413, 415]);
    for (const [status, code] of statuses) {
      expect(await shownFor(answer(status, code)), `${status}`).toEqual({ message: ENGLISH_MESSAGES.refused, kept: false });
    }
    expect(row).toContain('status `rejected`');
    expect(await shownFor({ status: 202, body: { id: 'lead-1', status: 'rejected' } })).toEqual({ message: ENGLISH_MESSAGES.refused, kept: false });
  });

  it('is right about what is kept and retried', async () => {
    expect(rowFor(ENGLISH_MESSAGES.rateLimited)).toContain('`429 rate_limited`');
    expect(await shownFor({ ...answer(429, 'rate_limited'), headers: { 'retry-after': '60' } } as FetchAnswer)).toEqual({ message: ENGLISH_MESSAGES.rateLimited, kept: true });
    localStorage.clear();
    expect(rowFor(ENGLISH_MESSAGES.queued)).toMatch(/No answer \(offline, DNS, a POST that hung for 10 s\) or a 5xx/);
    expect(await shownFor(new TypeError('Failed to fetch'))).toEqual({ message: ENGLISH_MESSAGES.queued, kept: true });
    localStorage.clear();
    expect(await shownFor(answer(503, 'form_misconfigured'))).toEqual({ message: ENGLISH_MESSAGES.queued, kept: true });
    localStorage.clear();
    expect(rowFor(ENGLISH_MESSAGES.failed)).toContain('Only a form with Turnstile');
    expect(await shownFor(new TypeError('Failed to fetch'), { turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' })).toEqual({ message: ENGLISH_MESSAGES.failed, kept: false });
  });

  it('lists the console warning’s fixes as the widget prints them', () => {
    const fixRows = section.slice(section.indexOf('| code | fix |')).split('\n').filter((line) => /^\| `[a-z_]+` \|/.test(line));
    expect(fixRows).toEqual(Object.entries(SITE_OWNER_FIXES).map(([code, fix]) => `| \`${code}\` | ${fix} |`));
  });
});
