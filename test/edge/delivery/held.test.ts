// Credential refusals are the operator's problem, not the lead's: a lead whose provider refuses
// the form's secret is held, retried on the schedule, and goes through by itself once the secret
// is fixed; the form shows as misconfigured meanwhile. Against each provider's stand-in.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { deliverDue } from '../../../edge/delivery/pipeline.ts';
import type { ProviderSecrets } from '../../../edge/providers/types.ts';
import type { RecordedRequest } from '../../../standins/types.ts';
import { TEST_SECRETS } from '../../support/forms.ts';
import { callWorker, marker, postLead, receivedWith } from '../helpers.ts';
import { deliveryHarness, leadState, uniquePhone } from './harness.ts';

/** A valid lead for each provider's test form, its name carrying `mark`. */
const FORMS: Record<string, (mark: string) => Record<string, string>> = {
  'anarock-json': (mark) => ({ name: `Asha ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: `${mark}@example.com` }),
  'realgeeks-test': (mark) => ({ name: `Jack ${mark}`, email: `${mark}@example.com`, phone: '+1 808 263 1234' }),
  'comunik8-test': (mark) => ({ name: `John ${mark}`, email: `${mark}@example.com`, phone: uniquePhone('GB', '+447', 9) }),
  'sakneen-test': (mark) => ({ name: `Layla ${mark}`, phone: uniquePhone('AE', '+97150', 7) }),
  'hotwire-test': (mark) => ({ name: `John ${mark}`, email: `${mark}@example.com` }),
};

/** Leads the stand-in took: authenticated creates it answered with a 2xx. */
const created = (records: RecordedRequest[]) => records.filter((record) => record.method === 'POST' && record.authenticated && record.response.status < 300).length;

/** Every secret of the form replaced by a wrong value until `fix()`, as an operator's typo would. */
function wrongSecretsUntilFixed(harness: ReturnType<typeof deliveryHarness>) {
  const real = harness.deps.secretsOf.bind(harness.deps);
  let fixed = false;
  harness.deps.secretsOf = (form) => {
    const secrets = real(form);
    if (fixed || typeof secrets === 'string') return secrets;
    return Object.fromEntries(Object.keys(secrets).map((name) => [name, `wrong-${name}-NOT-REAL`])) as ProviderSecrets;
  };
  return { fix: () => (fixed = true) };
}

const submission = (fields: Record<string, string>) => ({ fields, attribution: { last: { utm_source: 'google' } }, idempotencyKey: crypto.randomUUID() });

describe.each(Object.entries(FORMS))('%s with refused credentials', (formId, fields) => {
  it('holds the lead (pending to the visitor) and keeps it held, never rejected or dead, to the schedule’s end and past it', async () => {
    const mark = marker();
    const harness = deliveryHarness([0, 0, 0]);
    wrongSecretsUntilFixed(harness);
    const answer = await harness.accept(formId, submission(fields(mark)));
    expect(answer.status).toBe('pending');
    const first = await leadState(answer.id);
    expect(first.lead).toMatchObject({ status: 'held', attempts: 1, last_error: expect.stringContaining('credentials refused') });
    expect(first.attempts).toEqual([expect.objectContaining({ result: 'held', http_status: 401 })]);
    expect(harness.queue).toHaveLength(1);

    // Still wrong, to the end of the schedule and past it: held again, never rejected or dead.
    for (const _ of [2, 3]) await deliverDue(harness.deps, [{ leadId: answer.id, formId }]);
    const { lead } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'held', attempts: 3 });
    expect(Number(lead?.['next_attempt_at'])).toBeGreaterThan(Date.now() + 86_000_000);
    expect(harness.deadLetters).toEqual([]);
    expect(created(await receivedWith(mark))).toBe(0);
  });
});

describe.each(Object.entries(FORMS))('%s once its secret is fixed', (formId, fields) => {
  it('delivers the held lead on its next attempt, exactly once', async () => {
    const mark = marker();
    const harness = deliveryHarness([0, 0, 0]);
    const secrets = wrongSecretsUntilFixed(harness);
    const answer = await harness.accept(formId, submission(fields(mark)));
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'held' });
    secrets.fix();
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', attempts: 2, possible_duplicate: 0 });
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['held', 'delivered']);
    expect(created(await receivedWith(mark))).toBe(1);
  });
});

describe('held leads', () => {
  it('are never given up: past the schedule they are tried again a day later', async () => {
    const mark = marker();
    const harness = deliveryHarness([0]);
    wrongSecretsUntilFixed(harness);
    const before = Date.now();
    const answer = await harness.accept('sakneen-test', submission(FORMS['sakneen-test']!(mark)));
    const { lead } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'held', attempts: 1 });
    expect(Number(lead?.['next_attempt_at'])).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(harness.queue).toEqual([{ lead: { leadId: answer.id, formId: 'sakneen-test' }, at: expect.any(Number) }]);
    expect(harness.deadLetters).toEqual([]);
  });

  it('keep the doubt of an earlier attempt whose answer was lost: a refusal says nothing about it', async () => {
    const harness = deliveryHarness([0, 0, 0]);
    const mark = marker();
    const answer = await harness.accept('sakneen-test', submission(FORMS['sakneen-test']!(mark)));
    // As after a timeout: the last attempt may have reached Sakneen.
    await env.DB.prepare(`UPDATE leads SET status = 'pending', outcome_unknown = 1 WHERE id = ?1`).bind(answer.id).run();
    wrongSecretsUntilFixed(harness);
    await deliverDue(harness.deps, [{ leadId: answer.id, formId: 'sakneen-test' }]);
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'held', outcome_unknown: 1 });
  });

  it('mark their form misconfigured in the admin API, with the refusal, and can be replayed', async () => {
    const mark = marker();
    const posted = await postLead('realgeeks-badauth', { ...submission({ name: `Jack ${mark}`, email: `${mark}@example.com` }), elapsedMs: 4000 });
    const { id, status } = (await posted.json()) as { id: string; status: string };
    expect(status).toBe('pending');
    const admin = (path: string, init: RequestInit = {}) => callWorker(`/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}` } });
    const view = (await (await admin('/forms')).json()) as { forms: Array<{ id: string; misconfigured: unknown }>; problems: Array<{ formId: string; problem: string }> };
    expect(view.forms.find((form) => form.id === 'realgeeks-badauth')?.misconfigured).toEqual({
      formId: 'realgeeks-badauth',
      heldLeads: expect.any(Number),
      lastHeldAt: expect.any(Number),
      reason: expect.stringContaining('401 Authorization header is missing or incorrect'),
    });
    expect(view.forms.find((form) => form.id === 'anarock-form')?.misconfigured).toBeNull(); // no test holds its leads
    expect(view.problems).toContainEqual({ formId: 'realgeeks-badauth', problem: expect.stringContaining('the provider refused its credentials') });
    expect(JSON.stringify(view)).not.toContain(TEST_SECRETS.REALGEEKS_TEST_WRONG_PASSWORD);

    const listed = (await (await admin('/leads?form=realgeeks-badauth&status=held')).json()) as { leads: Array<{ id: string }> };
    expect(listed.leads.map((lead) => lead.id)).toContain(id);
    expect((await admin(`/leads/${id}/replay`, { method: 'POST' })).status).toBe(202);
  });
});
