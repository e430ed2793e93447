// The queue consumer, the cron and the guarantees around them: duplicate messages, racing
// consumers, concurrent submits of one idempotency key, batches, stranded leads, retention.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../../edge/index.ts';
import { describe, expect, it } from 'vitest';
import { runMaintenance } from '../../../edge/background.ts';
import { QUEUE_NAMES } from '../../../edge/constants.ts';
import { deliverDue } from '../../../edge/delivery/pipeline.ts';
import { DEFAULT_RETRY_SCHEDULE, parseSchedule } from '../../../edge/delivery/schedule.ts';
import { marker, postLead, receivedWith, scriptStandIn } from '../helpers.ts';
import { uniquePhone } from '../../support/unique-phone.ts';
import { deliveryHarness, leadState } from './harness.ts';

const anarockLead = (mark: string) => ({
  fields: { name: `Asha ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: `${mark}@example.com` },
  attribution: { last: { utm_source: 'google' } },
  idempotencyKey: crypto.randomUUID(),
  elapsedMs: 4000, // the timing signal every browser way in of ours sends
});

describe('retry schedule', () => {
  it('reads RETRY_SCHEDULE, falling back to the default on anything malformed', () => {
    expect(parseSchedule('0, 5 ,60')).toEqual([0, 5, 60]);
    for (const bad of [undefined, '', '0,-1', '0,x', '0,86401', '1.5']) expect(parseSchedule(bad)).toEqual(DEFAULT_RETRY_SCHEDULE);
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([0, 10, 60, 300, 1800, 7200, 21600, 43200, 86400]);
  });

  it('puts a retried lead back in line after the next step of the schedule', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, match: mark }]);
    const harness = deliveryHarness([0, 300, 1800]);
    const before = Date.now();
    const answer = await harness.accept('anarock-json', anarockLead(mark));
    const { lead } = await leadState(answer.id);
    expect(Number(lead?.['next_attempt_at'])).toBeGreaterThanOrEqual(before + 300_000);
    expect(Number(lead?.['next_attempt_at'])).toBeLessThan(Date.now() + 301_000);
    expect(harness.queue).toEqual([{ lead: { leadId: answer.id, formId: 'anarock-json' }, at: expect.any(Number) }]);
  });
});

describe('exactly one delivery', () => {
  it('makes one lead and one delivery of 20 concurrent submits with one idempotency key', async () => {
    const mark = marker();
    const body = anarockLead(mark);
    const answers = await Promise.all(Array.from({ length: 20 }, () => postLead('anarock-json', body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202));
    const ids = new Set(await Promise.all(answers.map(async (answer) => ((await answer.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM leads WHERE idempotency_key = ?1').bind(body.idempotencyKey).first<{ n: number }>();
    expect(rows?.n).toBe(1);
    expect(await receivedWith(mark)).toHaveLength(1);
  });

  it('delivers once when the same message arrives twice and two consumers race', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, match: mark }]);
    const harness = deliveryHarness([0, 0, 0]);
    const answer = await harness.accept('anarock-json', anarockLead(mark));
    const due = { leadId: answer.id, formId: 'anarock-json' };
    await Promise.all([deliverDue(harness.deps, [due, due]), deliverDue(harness.deps, [due]), deliverDue(harness.deps, [due])]);
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await receivedWith(mark)).map((record) => record.response.status)).toEqual([503, 200]);
  });

  it('sends leads of one Hotwire form that are due together in one request', async () => {
    const mark = marker();
    await scriptStandIn('hotwire', [{ status: 503, match: mark }, { status: 503, match: mark }, { status: 503, match: mark }]);
    const harness = deliveryHarness([0, 0, 0]);
    const answers = [];
    for (const name of ['Ann', 'Bob', 'Cyd']) {
      answers.push(await harness.accept('hotwire-test', { fields: { name: `${name} ${mark}`, email: `${name}.${mark}@example.com`, consent: 'yes' }, idempotencyKey: crypto.randomUUID() }));
    }
    await deliverDue(harness.deps, answers.map((answer) => ({ leadId: answer.id, formId: 'hotwire-test' })));
    const batches = (await receivedWith(mark)).filter((record) => record.response.status === 200);
    expect(batches).toHaveLength(1);
    expect((batches[0]?.parsed as unknown[]).length).toBe(3);
    for (const answer of answers) expect((await leadState(answer.id)).lead).toMatchObject({ status: 'delivered' });
  });
});

describe('Anarock after an unknown outcome', () => {
  it('resends and flags a possible duplicate when its last-lead-data check cannot answer', async () => {
    const mark = marker();
    const body = anarockLead(mark);
    const national = body.fields.phone.slice(3);
    // The lead is stored but its answer lost; then the check itself fails.
    await scriptStandIn('anarock', [{ drop: true, match: mark }, { status: 503, match: `phone=${national}` }]);
    const harness = deliveryHarness([0, 0, 0]);
    const answer = await harness.accept('anarock-json', body);
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', possible_duplicate: 1 });
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['unknown', 'delivered']);
  });

  it('takes the lead as delivered when last-lead-data shows it arrived', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ drop: true, match: mark }]);
    const harness = deliveryHarness([0, 0, 0]);
    const answer = await harness.accept('anarock-json', anarockLead(mark));
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', possible_duplicate: 0, note: expect.stringContaining('confirmed') });
    expect(lead?.['provider_lead_id']).toMatch(/^\d+$/);
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['unknown', 'confirmed']);
    expect((await receivedWith(mark)).filter((record) => record.url.includes('sync-lead'))).toHaveLength(1);
  });
});

describe('queue consumer', () => {
  it('delivers the leads its messages name, acking the batch', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, match: mark }]);
    const harness = deliveryHarness([0, 0]);
    const answer = await harness.accept('anarock-json', anarockLead(mark));
    const batch = createMessageBatch<unknown>(QUEUE_NAMES.leads, [
      { id: 'm1', timestamp: new Date(), attempts: 1, body: { leadId: answer.id, formId: 'anarock-json' } },
      { id: 'm2', timestamp: new Date(), attempts: 1, body: { leadId: answer.id, formId: 'anarock-json' } },
      { id: 'm3', timestamp: new Date(), attempts: 1, body: 'not a lead message' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('marks a lead dead from the dead-letter queue, but never one that reached an end', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, match: mark }]);
    const harness = deliveryHarness([0, 60]);
    const pending = await harness.accept('anarock-json', anarockLead(mark));
    const delivered = await harness.accept('anarock-json', anarockLead(marker()));
    const batch = createMessageBatch<unknown>(QUEUE_NAMES.deadLetters, [
      { id: 'd1', timestamp: new Date(), attempts: 1, body: { leadId: pending.id, formId: 'anarock-json' } },
      { id: 'd2', timestamp: new Date(), attempts: 1, body: { leadId: delivered.id, formId: 'anarock-json', reason: 'x' } },
    ]);
    await worker.queue(batch, env);
    expect((await leadState(pending.id)).lead).toMatchObject({ status: 'dead', last_error: 'its queue messages kept failing' });
    expect((await leadState(delivered.id)).lead).toMatchObject({ status: 'delivered' });
  });
});

describe('cron', () => {
  it('re-queues leads that were accepted but never tried, and erases old delivered leads', async () => {
    const now = Date.now();
    const insert = (id: string, status: string, receivedAt: number, extra = '') =>
      env.DB.prepare(
        `INSERT INTO leads (id, form_id, idempotency_key, provider, status, submission, received_at, updated_at, next_attempt_at${extra ? ', lease_until' : ''})
         VALUES (?1, 'anarock-json', ?1, 'anarock', ?2, '{"fields":{"name":"Old"}}', ?3, ?3, ?3${extra ? ', ?4' : ''})`,
      )
        .bind(id, status, receivedAt, ...(extra ? [Number(extra)] : []))
        .run();
    await insert(`stuck-${now}`, 'pending', now - 10 * 60_000);
    await insert(`held-${now}`, 'sending', now - 10 * 60_000, String(now - 1000));
    await insert(`fresh-${now}`, 'pending', now);
    await insert(`old-${now}`, 'delivered', now - 31 * 86_400_000);
    const result = await runMaintenance(env, now);
    expect(result.requeued).toBeGreaterThanOrEqual(2);
    expect(result.erased).toBeGreaterThanOrEqual(1);
    const old = await env.DB.prepare('SELECT submission, erased_at, status FROM leads WHERE id = ?1').bind(`old-${now}`).first();
    expect(old).toEqual({ submission: '{"erased":true}', erased_at: now, status: 'delivered' });
  });
});
