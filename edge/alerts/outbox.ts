// The alert outbox: due alerts are claimed (a conditional update, so two runs never send one
// twice), sent, and either marked sent or given their next try; after the last try, dead (logged).
import type { Fetcher } from '../delivery/deliver.ts';
import { log } from '../log.ts';
import type { AlertConfig } from './config.ts';
import type { AlertPayload } from './messages.ts';
import { sendEmail, sendWebhook, type SendResult } from './send.ts';

/** Seconds before try 2, 3, ...; the cron runs every 5 minutes, so shorter waits round up to it. */
export const ALERT_RETRY_SECONDS = [60, 300, 1800, 7200, 21600, 86400];
const LEASE_MS = 60_000;
/** Alerts one run sends. */
const SEND_BATCH = 50;

interface AlertRow { id: string; channel: 'webhook' | 'email'; payload: string; attempts: number }

async function sendOne(config: AlertConfig, row: AlertRow, send: Fetcher, now: Date): Promise<SendResult> {
  const payload = JSON.parse(row.payload) as AlertPayload;
  if (row.channel === 'webhook') return config.webhook ? sendWebhook(config.webhook, row.id, row.payload, send, now) : { ok: false, reason: 'ALERT_WEBHOOK_URL is not set any more' };
  return config.email ? sendEmail(config.email, row.id, payload, now) : { ok: false, reason: 'the email alert settings are not set any more' };
}

/** Sends what is due; returns how many went out and how many failed. */
export async function sendDueAlerts(db: D1Database, config: AlertConfig, send: Fetcher, now: number, schedule: readonly number[] = ALERT_RETRY_SECONDS): Promise<{ sent: number; failed: number }> {
  const { results } = await db
    .prepare(
      `UPDATE alerts SET status = 'sending', lease_until = ?2
       WHERE id IN (SELECT id FROM alerts WHERE (status = 'pending' AND next_attempt_at <= ?1) OR (status = 'sending' AND lease_until < ?1) ORDER BY next_attempt_at LIMIT ?3)
       RETURNING id, channel, payload, attempts`,
    )
    .bind(now, now + LEASE_MS, SEND_BATCH)
    .all<AlertRow>();
  let sent = 0;
  const updates: D1PreparedStatement[] = [];
  for (const row of results) {
    // Signed with the time it is sent (receivers reject old timestamps), whatever `now` the run is for.
    const result = await sendOne(config, row, send, new Date());
    if (result.ok) {
      sent++;
      updates.push(db.prepare("UPDATE alerts SET status = 'sent', attempts = attempts + 1, lease_until = 0, last_error = NULL WHERE id = ?1").bind(row.id));
      continue;
    }
    const wait = schedule[row.attempts];
    if (wait === undefined) log({ event: 'alert.dead', alertId: row.id, channel: row.channel, reason: result.reason });
    updates.push(
      db
        .prepare('UPDATE alerts SET status = ?2, attempts = attempts + 1, next_attempt_at = ?3, lease_until = 0, last_error = ?4 WHERE id = ?1')
        .bind(row.id, wait === undefined ? 'dead' : 'pending', now + (wait ?? 0) * 1000, result.reason.slice(0, 500)),
    );
  }
  if (updates.length) await db.batch(updates);
  return { sent, failed: results.length - sent };
}
