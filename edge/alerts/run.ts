// One alert run, from the cron: a config problem becomes an alert (at most one a day for the same
// problems), pending events become alerts, delivered leads of notifying forms become new-lead
// messages, and the outbox sends what is due.
import { sha256Hex } from '../crypto/sha256.ts';
import type { Fetcher } from '../delivery/deliver.ts';
import { formProblems } from '../config/problems.ts';
import { log } from '../log.ts';
import { envRecord, formsOf } from '../runtime.ts';
import { processNotifications } from './notifications.ts';
import { alertConfig, channelsOf, type AlertConfig } from './config.ts';
import { alertStatements, processAlertEvents } from './events.ts';
import { configAlert, phoneMetadataAlert, type AlertPayload } from './messages.ts';
import { PHONE_METADATA_PATH } from '../phone-metadata.ts';
import { sendDueAlerts } from './outbox.ts';

const DAY_MS = 86_400_000;

async function digestOf(text: string): Promise<string> {
  return (await sha256Hex(text)).slice(0, 16); // the first 8 bytes of the digest, in hex
}

/** Queues `payload` for every alert channel, at most once a (UTC) day for the same `key`; nothing without a channel. */
async function alertOnceADay(db: D1Database, config: AlertConfig, key: string, payload: AlertPayload, now: number): Promise<void> {
  const statements = alertStatements(db, config, [{ dedupeKey: `${key}|${Math.floor(now / DAY_MS)}`, payload }], now);
  if (statements.length) await db.batch(statements);
}

/**
 * The cron's alerts while the phone metadata cannot be read (no form can be read without it): one
 * alert a day says so, and the alert outbox sends what is due, this one included.
 */
export async function runPhoneMetadataAlert(env: Env, now: number, config: AlertConfig = alertConfig(envRecord(env)), send: Fetcher = (request) => fetch(request)) {
  await alertOnceADay(env.DB, config, 'phone_metadata', phoneMetadataAlert(PHONE_METADATA_PATH, now), now);
  return sendDueAlerts(env.DB, config, send, now);
}

export async function runAlerts(
  env: Env,
  now: number,
  config: AlertConfig = alertConfig(envRecord(env)),
  send: Fetcher = (request) => fetch(request),
): Promise<{ events: number; alerts: number; notified: number; sent: number; failed: number }> {
  const problems = formProblems(env);
  // The same problems alert once a day; others (a form fixed, another broken) at once.
  if (problems.length && channelsOf(config).length) await alertOnceADay(env.DB, config, `config|${await digestOf(JSON.stringify(problems))}`, configAlert(problems, now), now);
  const processed = await processAlertEvents(env.DB, config, now);
  const notified = await processNotifications(env.DB, config, formsOf(env).forms, now);
  const outbox = await sendDueAlerts(env.DB, config, send, now);
  // Counts only: alerts carry lead ids and reasons, the log does not need them.
  log({ event: 'alerts', ...processed, notified, ...outbox });
  return { ...processed, notified, ...outbox };
}
