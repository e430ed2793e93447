import { LEASE_MS, QUEUE_NAMES, SWEEP_GRACE_MS } from './constants.ts';
import { deliverDue, type DueLead } from './delivery/pipeline.ts';
import { log } from './log.ts';
import { loadPhoneMetadata } from './phone-metadata.ts';
import { pipelineDeps, type DeadLetter } from './runtime.ts';
import { sweepRetention, type RetentionEnv } from './retention.ts';
import { markDead, strandedLeads } from './store/maintenance.ts';
import { runAlerts, runPhoneMetadataAlert } from './alerts/run.ts';

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
  // Leads are read with the forms config and mapped with their phones: both need the phone metadata.
  // Without it (logged) nothing is claimed or sent, and the messages are taken: redelivered, they
  // would dead-letter their leads after max_retries of an outage of our own. The leads stay due in
  // D1, and the cron's sweep, which waits for the metadata too, queues them again once it loads.
  if (!(await loadPhoneMetadata(env.ASSETS))) {
    log({ event: 'queue.deferred', messages: batch.messages.length, reason: 'phone metadata unavailable; the cron sweep queues them again' });
    batch.ackAll();
    return;
  }
  const due = batch.messages.map((message) => message.body as DueLead).filter((body) => typeof body?.leadId === 'string' && typeof body.formId === 'string');
  try {
    await deliverDue(pipelineDeps(env), due);
    batch.ackAll();
  } catch (error) {
    // D1 unreachable or a bug: let the queue redeliver; after max_retries it dead-letters them.
    // Leads claimed before the failure stay held until their lease runs out, so no sooner.
    log({ event: 'queue.batch_failed', messages: batch.messages.length, error: error instanceof Error ? error.message : 'unknown' });
    batch.retryAll({ delaySeconds: Math.ceil(LEASE_MS / 1000) + 1 });
  }
}

/**
 * The cron: maintenance, once the phone metadata loads (no form can be read without it); until
 * then (logged) an alert says so, and the next run, 5 minutes on, tries again.
 */
export async function runCron(env: Env, now = Date.now()): Promise<void> {
  if (await loadPhoneMetadata(env.ASSETS)) await runMaintenance(env, now);
  else await runPhoneMetadataAlert(env, now);
}

/** The cron's maintenance: re-queue stranded leads, retention (edge/retention.ts) in bounded batches, then alerts (edge/alerts/run.ts). */
export async function runMaintenance(env: Env, now = Date.now()): Promise<{ requeued: number; erased: number; attemptsDeleted: number; leadsDeleted: number; done: boolean }> {
  const deps = pipelineDeps(env);
  const stranded = await strandedLeads(env.DB, now, SWEEP_GRACE_MS, SWEEP_LIMIT);
  for (const lead of stranded) await deps.enqueue(lead, 0);
  // RETENTION_ARCHIVE is an optional R2 binding, absent from wrangler.toml until an operator adds it.
  const { erased, attemptsDeleted, leadsDeleted, archived, done } = await sweepRetention(env.DB, env as Env & RetentionEnv, now);
  // Counts only: never a lead's values.
  log({ event: 'maintenance', requeued: stranded.length, erased, attemptsDeleted, leadsDeleted, archived: archived.length, retentionDone: done });
  // Alerts after retention: an alert names lead ids and reasons only, never what retention erased.
  await runAlerts(env, now);
  return { requeued: stranded.length, erased, attemptsDeleted, leadsDeleted, done };
}
