// The local runtime killed mid-send (SIGKILL to wrangler dev and its workerd while every provider's
// stand-in is still holding its request), restarted on the same D1: once the leases run out, the
// cron sweep claims each lead again as an unknown outcome, the provider's duplicate guard runs,
// and each provider ends with exactly one lead while D1 says delivered. Needs `npm run build`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENV_FILE, demoForms, readEnvFile, ROOT, startLocalStack, type LocalStack } from '../../scripts/local-stack.ts';
import type { RecordedRequest } from '../../standins/types.ts';
import { PROVIDER_CASES, providerSubmission } from '../support/provider-cases.ts';

/** Far longer than the first-attempt wait (2.5 s), so every request is still held when the runtime dies. */
const PROVIDER_DELAY_MS = 20_000;
const ADMIN_TOKEN = readEnvFile(DEMO_ENV_FILE)['ADMIN_TOKEN'] ?? '';

let stack: LocalStack;
let persistTo: string;

beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  persistTo = mkdtempSync(join(ROOT, '.tmp', 'crash-'));
  stack = await startLocalStack({ workerPort: 'free', standInPort: 0, persistTo, stdio: 'ignore', retargetDemoForms: true });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(persistTo, { recursive: true, force: true });
}, 60_000);

/** The demo form of a provider (wrangler.toml [env.demo.vars.FORMS]). */
function demoFormOf(provider: string): string {
  const entry = Object.entries(demoForms() ?? {}).find(([, form]) => (form as { provider?: string }).provider === provider);
  if (!entry) throw new Error(`no demo form for ${provider}`);
  return entry[0];
}

const marked = (mark: string, provider: string): RecordedRequest[] => stack.standIns.requests(provider).filter((record) => `${record.url}\n${record.body}`.includes(mark));

async function leadOf(id: string): Promise<{ lead: { status: string; possibleDuplicate: boolean; outcomeUnknown: boolean }; attempts: Array<{ result: string; reason: string | null }> }> {
  const response = await fetch(`${stack.workerUrl}/v1/admin/leads/${id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`GET lead ${id}: ${response.status}`);
  return (await response.json()) as never;
}

describe('the local runtime killed while every provider is answering', () => {
  it('settles each lead, after a restart and the sweep, as exactly one lead at its provider', async () => {
    const leads = PROVIDER_CASES.map((item) => {
      const mark = `K${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
      return { ...item, mark, demoForm: demoFormOf(item.provider) };
    });
    for (const lead of leads) stack.standIns.script(lead.provider, [{ delayMs: PROVIDER_DELAY_MS, match: lead.mark }]);
    const answers = await Promise.all(
      leads.map(async (lead) => {
        const response = await fetch(`${stack.workerUrl}/v1/forms/${lead.demoForm}/leads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: stack.workerUrl },
          body: JSON.stringify({ ...providerSubmission(lead.fields(lead.mark)), elapsedMs: 6000 }),
        });
        return { httpStatus: response.status, ...((await response.json()) as { id: string; status: string }) };
      }),
    );
    expect(answers.map(({ httpStatus, status }) => [httpStatus, status])).toEqual(leads.map(() => [202, 'pending']));
    await expect.poll(() => Object.values(stack.standIns.held()).reduce((sum, n) => sum + n, 0)).toBe(leads.length);

    await stack.crash();
    // Nothing was answered before the kill: every attempt died mid-send.
    expect(leads.flatMap((lead) => marked(lead.mark, lead.provider))).toEqual([]);
    // Each stand-in still stores its lead when its delay ends: the provider has it, D1 never heard.
    await expect.poll(() => leads.map((lead) => lead.created(marked(lead.mark, lead.provider), lead.mark)), { timeout: PROVIDER_DELAY_MS + 30_000 }).toEqual(leads.map(() => 1));

    await stack.restart();
    // The leases (60 s from each insert) run out; the cron sweep (triggered by hand locally) re-queues them.
    await expect
      .poll(
        async () => {
          await fetch(`${stack.workerUrl}/cdn-cgi/local/scheduled?cron=*/5+*+*+*+*`);
          return Promise.all(answers.map(async (answer) => (await leadOf(answer.id)).lead.status));
        },
        { timeout: 240_000, interval: 5_000 },
      )
      .toEqual(leads.map(() => 'delivered'));

    for (const [index, lead] of leads.entries()) {
      const { lead: stored, attempts } = await leadOf(answers[index]?.id ?? '');
      expect({ provider: lead.provider, possibleDuplicate: stored.possibleDuplicate, outcomeUnknown: stored.outcomeUnknown }).toEqual({ provider: lead.provider, possibleDuplicate: lead.flaggedAfterLostAnswer === 1, outcomeUnknown: false });
      expect(attempts[0]).toMatchObject({ result: 'unknown', reason: expect.stringContaining('never recorded') });
      expect({ provider: lead.provider, created: lead.created(marked(lead.mark, lead.provider), lead.mark) }).toEqual({ provider: lead.provider, created: 1 });
    }
  }, 600_000);
});
