// Fault injection against the stand-ins: outages, timeouts and lost answers, per provider. Each
// lead must end delivered exactly once by the stand-in's own count, or dead with the reason.
import { describe, expect, it } from 'vitest';
import { marker, receivedWith, scriptStandIn } from '../helpers.ts';
import { PROVIDER_CASES as CASES, providerSubmission as submission } from '../../support/provider-cases.ts';
import { deliveryHarness, leadState } from './harness.ts';

describe.each(CASES)('$provider under faults', ({ provider, formId, fields, created, flaggedAfterLostAnswer = 0 }) => {
  it('retries a provider that answers 503 three times, then delivers once', async () => {
    const mark = marker();
    await scriptStandIn(provider, [1, 2, 3].map(() => ({ status: 503, body: { message: 'overloaded' }, match: mark })));
    const harness = deliveryHarness([0, 0, 0, 0, 0]);
    const answer = await harness.accept(formId, submission(fields(mark)));
    expect(answer.status).toBe('pending');
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', attempts: 4, possible_duplicate: 0 });
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['retry', 'retry', 'retry', 'delivered']);
    expect(attempts[0]).toMatchObject({ http_status: 503 });
    expect(created(await receivedWith(mark), mark)).toBe(1);
  });

  it('after a timeout, makes sure the provider did not already take the lead, and delivers it once', async () => {
    const mark = marker();
    // The stand-in keeps the first request 1.5 s and then stores the lead; our attempt gives up at 0.5 s.
    await scriptStandIn(provider, [{ delayMs: 1_500, match: mark }]);
    const harness = deliveryHarness([0, 2, 0, 0], 500);
    const answer = await harness.accept(formId, submission(fields(mark)));
    const afterFirst = await leadState(answer.id);
    expect(afterFirst.lead).toMatchObject({ status: 'pending', outcome_unknown: 1 });
    expect(afterFirst.attempts).toEqual([expect.objectContaining({ result: 'unknown', reason: 'no answer within 500 ms' })]);
    await harness.drain();
    const { lead } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', outcome_unknown: 0, possible_duplicate: flaggedAfterLostAnswer });
    expect(created(await receivedWith(mark), mark)).toBe(1);
  });

  it('after a dropped connection that lost the answer, delivers the lead once', async () => {
    const mark = marker();
    await scriptStandIn(provider, [{ drop: true, match: mark }]);
    const harness = deliveryHarness([0, 0, 0]);
    const answer = await harness.accept(formId, submission(fields(mark)));
    expect((await leadState(answer.id)).attempts[0]).toMatchObject({ result: 'unknown' });
    await harness.drain();
    const { lead } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', possible_duplicate: flaggedAfterLostAnswer });
    expect(created(await receivedWith(mark), mark)).toBe(1);
  });

  it('marks the lead dead with the reason when the schedule runs out', async () => {
    const mark = marker();
    await scriptStandIn(provider, [1, 2, 3].map(() => ({ status: 503, body: { message: 'down for maintenance' }, match: mark })));
    const harness = deliveryHarness([0, 0, 0]);
    const answer = await harness.accept(formId, submission(fields(mark)));
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(String(lead?.['last_error'])).toContain('503');
    expect(attempts).toHaveLength(3);
    expect(harness.deadLetters).toEqual([{ lead: { leadId: answer.id, formId }, reason: expect.stringContaining('503') }]);
    expect(created(await receivedWith(mark), mark)).toBe(0);
  });
});
