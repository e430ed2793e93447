// Fault injection against the stand-ins: outages, timeouts and lost answers, per provider. Each
// lead must end delivered exactly once by the stand-in's own count, or dead with the reason.
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../../standins/types.ts';
import { marker, receivedWith, scriptStandIn } from '../helpers.ts';
import { deliveryHarness, leadState, uniquePhone } from './harness.ts';

interface Case {
  provider: string;
  formId: string;
  fields: (mark: string) => Record<string, string>;
  /** How many leads the stand-in created, from what it answered. */
  created: (records: RecordedRequest[]) => number;
  /** 1 where the provider's "already there" after a lost answer may be an older lead (Sakneen). */
  flaggedAfterLostAnswer?: 1;
}

const body = (record: RecordedRequest) => record.response.body as Record<string, unknown>;
const email = (mark: string) => `${mark}@example.com`;
const CASES: Case[] = [
  {
    provider: 'anarock',
    formId: 'anarock-json',
    fields: (mark) => ({ name: `Asha ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: email(mark) }),
    created: (records) => records.filter((record) => record.url.includes('/sync-lead') && record.response.status === 200).length,
  },
  {
    provider: 'realgeeks',
    formId: 'realgeeks-test',
    fields: (mark) => ({ name: `Jack ${mark}`, email: email(mark), phone: '+1 808 263 1234', interest: 'Buyer' }),
    // The same lead id sent twice is one lead at Real Geeks.
    created: (records) => new Set(records.filter((record) => record.response.status === 201).map((record) => (record.parsed as { id: string }).id)).size,
  },
  {
    provider: 'comunik8',
    formId: 'comunik8-test',
    fields: (mark) => ({ name: `John ${mark}`, email: email(mark), phone: uniquePhone('GB', '+447', 9) }),
    created: (records) => records.filter((record) => body(record)['processed'] === true).length,
  },
  {
    provider: 'sakneen',
    formId: 'sakneen-test',
    fields: (mark) => ({ name: `Layla ${mark}`, phone: uniquePhone('AE', '+97150', 7) }),
    created: (records) => records.filter((record) => record.response.status === 201).length,
    // sakneen.txt: duplication rules depend on the organization, so "already exists" proves less.
    flaggedAfterLostAnswer: 1,
  },
  {
    provider: 'hotwire',
    formId: 'hotwire-test',
    fields: (mark) => ({ name: `John ${mark}`, email: email(mark) }),
    created: (records) =>
      records.flatMap((record) => (Array.isArray(record.response.body) ? record.response.body : [])).filter((entry) => (entry as { responseCodes?: unknown }).responseCodes === 'USER_CREATED').length,
  },
];

const submission = (fields: Record<string, string>) => ({ fields, attribution: { last: { utm_source: 'google' } }, idempotencyKey: crypto.randomUUID() });

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
    expect(created(await receivedWith(mark))).toBe(1);
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
    expect(created(await receivedWith(mark))).toBe(1);
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
    expect(created(await receivedWith(mark))).toBe(1);
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
    expect(created(await receivedWith(mark))).toBe(0);
  });
});
