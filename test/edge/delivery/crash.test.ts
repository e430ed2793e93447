// An attempt that ends unrecorded (here: D1 fails to write it after the provider answered) is an
// unknown outcome: once its lease runs out, the sweep claims the lead again, the provider's
// duplicate guard runs as after a timeout, and the provider ends with exactly one lead. Also: how
// many D1 round trips an accepted lead costs. The killed-runtime version is test/crash/.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LEASE_MS, SWEEP_GRACE_MS } from '../../../edge/constants.ts';
import { deliverDue } from '../../../edge/delivery/pipeline.ts';
import { replayLead } from '../../../edge/store/queries.ts';
import { markDead, strandedLeads } from '../../../edge/store/maintenance.ts';
import { marker, receivedWith, scriptStandIn } from '../helpers.ts';
import { PROVIDER_CASES, providerSubmission } from '../../support/provider-cases.ts';
import { deliveryHarness, leadState } from './harness.ts';
import { watchedD1 } from './watched-d1.ts';

/** The harness on a watched D1. */
function watchedHarness(schedule: readonly number[]) {
  const harness = deliveryHarness(schedule);
  const d1 = watchedD1(env.DB);
  harness.deps.db = d1.db;
  return { harness, d1 };
}

// The lease running out, without waiting a minute: moving our clock instead would put signed
// requests' timestamps a minute ahead of the stand-ins' (Hotwire refuses them).
const runOutLease = (id: string) => env.DB.prepare('UPDATE leads SET lease_until = ?2 WHERE id = ?1').bind(id, Date.now() - 1).run();

describe.each(PROVIDER_CASES)('$provider when D1 fails to record an attempt the provider answered', ({ formId, fields, created, flaggedAfterLostAnswer = 0 }) => {
  it('claims the lead again after the lease as an unknown outcome, and the provider ends with one lead', async () => {
    const mark = marker();
    const { harness, d1 } = watchedHarness([0, 0, 0]);
    d1.failNextBatchWith('INSERT INTO attempts');
    const answer = await harness.accept(formId, providerSubmission(fields(mark)));
    expect(answer.status).toBe('pending');
    expect(created(await receivedWith(mark), mark)).toBe(1);
    const held = await leadState(answer.id);
    expect(held.lead).toMatchObject({ status: 'sending', attempts: 0, outcome_unknown: 0, attempt_started_at: expect.any(Number) });
    expect(held.attempts).toEqual([]);
    // The queue gets the lead back once the lease has run out, not before (a claim would skip it).
    expect(harness.queue).toEqual([{ lead: { leadId: answer.id, formId }, at: expect.any(Number) }]);
    expect(harness.queue[0]?.at).toBeGreaterThan(Date.now() + LEASE_MS - 5_000);

    await runOutLease(answer.id);
    expect(await strandedLeads(env.DB, Date.now(), SWEEP_GRACE_MS, 10_000)).toContainEqual({ leadId: answer.id, formId });
    await deliverDue(harness.deps, [{ leadId: answer.id, formId }]);
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', attempts: 2, outcome_unknown: 0, possible_duplicate: flaggedAfterLostAnswer, attempt_started_at: null });
    expect(attempts[0]).toMatchObject({ result: 'unknown', http_status: null, reason: expect.stringContaining('never recorded') });
    expect(attempts).toHaveLength(2);
    expect(created(await receivedWith(mark), mark)).toBe(1);
  });
});

describe('a lead given up while sending', () => {
  it('keeps its unknown outcome, so a replay runs the duplicate guard and the provider keeps one lead', async () => {
    const [anarock] = PROVIDER_CASES;
    if (!anarock) throw new Error('no provider cases');
    const mark = marker();
    const { harness, d1 } = watchedHarness([0, 0, 0]);
    d1.failNextBatchWith('INSERT INTO attempts');
    const answer = await harness.accept(anarock.formId, providerSubmission(anarock.fields(mark)));
    // The dead-letter queue gives up on its messages while the attempt's record is missing.
    expect(await markDead(env.DB, answer.id, 'its queue messages kept failing', Date.now())).toBe(true);
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'dead', outcome_unknown: 1, claim: null, attempt_started_at: null });

    expect(await replayLead(env.DB, answer.id, Date.now())).toEqual({ formId: anarock.formId });
    await deliverDue(harness.deps, [{ leadId: answer.id, formId: anarock.formId }]);
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', possible_duplicate: 0 });
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['confirmed']);
    expect(anarock.created(await receivedWith(mark), mark)).toBe(1);
  });
});

describe('D1 round trips', () => {
  const [anarock] = PROVIDER_CASES;
  if (!anarock) throw new Error('no provider cases');

  it('costs an accepted lead two: the insert already claimed by its first attempt, then one batch with the attempt and status', async () => {
    const mark = marker();
    const { harness, d1 } = watchedHarness([0, 3600]);
    const answer = await harness.accept(anarock.formId, providerSubmission(anarock.fields(mark)));
    expect(answer.status).toBe('delivered');
    expect(d1.calls).toHaveLength(2);
    expect(d1.calls[0]).toContain('INSERT INTO leads');
    expect(d1.calls[1]).toContain('INSERT INTO attempts');
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'delivered', attempts: 1, claim: null, attempt_started_at: null });
  });

  it('costs a retry from the queue two: the claim, then the record', async () => {
    const mark = marker();
    await scriptStandIn(anarock.provider, [{ status: 503, match: mark }]);
    const { harness, d1 } = watchedHarness([0, 0, 3600]);
    const answer = await harness.accept(anarock.formId, providerSubmission(anarock.fields(mark)));
    expect(answer.status).toBe('pending');
    d1.calls.splice(0);
    await harness.drain();
    expect(d1.calls).toHaveLength(2);
    expect(d1.calls[0]).toContain("status = 'sending'");
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'delivered', attempts: 2, outcome_unknown: 0 });
  });
});
