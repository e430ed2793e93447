import { DEFAULT_RETENTION_DAYS, QUEUE_NAMES, SWEEP_GRACE_MS } from './constants.ts';
import { deliverDue, type DueLead } from './delivery/pipeline.ts';
import { log } from './log.ts';
import { pipelineDeps, type DeadLetter } from './runtime.ts';
import { eraseDeliveredBefore, markDead, strandedLeads } from './store/maintenance.ts';

const DAY_MS = 86_400_000;
/** Most stranded leads one cron run re-queues; the next run takes the rest. */
const SWEEP_LIMIT = 500;

/**
 * The queue consumer. Lead messages: deliver the leads that are due (a duplicate message, or
 * one for a lead another attempt holds, changes nothing). Dead letters: mark the lead dead.
 */
export async function consumeQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === QUEUE_NAMES.deadLetters) {
    for (const message of batch.messages) {
      const { leadId, reason } = message.body as Partial<DeadLetter>;
      if (typeof leadId === 'string') await markDead(env.DB, leadId, reason ?? 'its queue messages kept failing', Date.now());
    }
    batch.ackAll();
    return;
  }
  const due = batch.messages.map((message) => message.body as DueLead).filter((body) => typeof body?.leadId === 'string' && typeof body.formId === 'string');
  try {
    await deliverDue(pipelineDeps(env), due);
    batch.ackAll();
  } catch (error) {
    // D1 unreachable or a bug: let the queue redeliver; after max_retries it dead-letters them.
    log({ event: 'queue.batch_failed', messages: batch.messages.length, error: error instanceof Error ? error.message : 'unknown' });
    batch.retryAll({ delaySeconds: 30 });
  }
}

/** The cron: re-queue stranded leads, erase old personal data. */
export async function runMaintenance(env: Env, now = Date.now()): Promise<{ requeued: number; erased: number }> {
  const deps = pipelineDeps(env);
  const stranded = await strandedLeads(env.DB, now, SWEEP_GRACE_MS, SWEEP_LIMIT);
  for (const lead of stranded) await deps.enqueue(lead, 0);
  const days = Number(env.RETENTION_DAYS) > 0 ? Number(env.RETENTION_DAYS) : DEFAULT_RETENTION_DAYS;
  const erased = await eraseDeliveredBefore(env.DB, now - days * DAY_MS, now);
  log({ event: 'maintenance', requeued: stranded.length, erased });
  return { requeued: stranded.length, erased };
}
