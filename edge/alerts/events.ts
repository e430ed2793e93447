// Turns the events the triggers wrote (migrations/0006_operators.sql) into alerts: the first event
// per form, kind and reason within the window at once, the rest as one digest count when the
// window closes; a failing form's next delivery as a recovery. One D1 batch (a transaction) writes
// the alerts, the windows and the deletion of the events read, so nothing is said twice or lost.
import { channelsOf, type AlertConfig } from './config.ts';
import { leadValues, maskReason } from './mask.ts';
import { digestAlert, firstAlert, recoveryAlert, type AlertPayload, type WindowFacts } from './messages.ts';

/** Events one run reads; the next cron run takes the rest. */
const EVENT_BATCH = 1000;
/** Lead ids a digest lists; its count covers the rest. */
const DIGEST_IDS = 20;

interface EventRow { id: number; kind: string; form_id: string; provider: string; lead_id: string; reason: string | null; at: number }
interface WindowRow { key: string; kind: string; form_id: string; provider: string; reason: string | null; opened_at: number; suppressed: number; lead_ids: string }
interface FailingRow { form_id: string; provider: string; since: number; failures: number }

/** An alert to write to the outbox, once per channel. */
export interface NewAlert { dedupeKey: string; payload: AlertPayload }

/** Writes alerts to the outbox (a repeat of a dedupe key is dropped), over the configured channels or those of `only`. */
export function alertStatements(db: D1Database, config: AlertConfig, alerts: readonly NewAlert[], now: number, only?: readonly string[]): D1PreparedStatement[] {
  const channels = channelsOf(config).filter((channel) => !only || only.includes(channel));
  return alerts.flatMap((alert) =>
    channels.map((channel) =>
      db
        .prepare('INSERT INTO alerts (id, dedupe_key, channel, payload, next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (dedupe_key, channel) DO NOTHING')
        .bind(`msg_${crypto.randomUUID().replaceAll('-', '')}`, alert.dedupeKey, channel, JSON.stringify(alert.payload), now),
    ),
  );
}

const facts = (window: WindowRow): WindowFacts => ({ kind: window.kind, formId: window.form_id, provider: window.provider, reason: window.reason });
const digestOf = (window: WindowRow, now: number): NewAlert => ({
  dedupeKey: `digest|${window.key}|${window.opened_at}`,
  payload: digestAlert(facts(window), window.suppressed, JSON.parse(window.lead_ids) as string[], window.opened_at, now),
});

/** Reads pending events into alerts; returns how many events and alerts. */
export async function processAlertEvents(db: D1Database, config: AlertConfig, now: number): Promise<{ events: number; alerts: number }> {
  const [events, windowRows, failingRows] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT * FROM alert_events ORDER BY id LIMIT ?1').bind(EVENT_BATCH),
    db.prepare('SELECT * FROM alert_windows'),
    db.prepare('SELECT * FROM alert_failing'),
  ]);
  const rows = (events?.results ?? []) as unknown as EventRow[];
  const windows = new Map(((windowRows?.results ?? []) as unknown as WindowRow[]).map((row) => [row.key, row]));
  const failing = new Map(((failingRows?.results ?? []) as unknown as FailingRow[]).map((row) => [row.form_id, row]));
  const leadIds = [...new Set(rows.map((row) => row.lead_id))];
  const { results: leads } = leadIds.length
    ? await db.prepare('SELECT id, submission FROM leads WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(leadIds)).all<{ id: string; submission: string }>()
    : { results: [] };
  const submissions = new Map(leads.map((lead) => [lead.id, JSON.parse(lead.submission) as unknown]));

  const alerts: NewAlert[] = [];
  const changedFailing = new Set<string>();
  for (const event of rows) {
    if (event.kind === 'recovered') {
      const was = failing.get(event.form_id);
      if (!was) continue;
      failing.delete(event.form_id);
      changedFailing.add(event.form_id);
      alerts.push({ dedupeKey: `recovered|${event.form_id}|${was.since}`, payload: recoveryAlert(event.form_id, event.provider, event.lead_id, was.since, was.failures, event.at) });
      continue;
    }
    const submission = submissions.get(event.lead_id);
    const reason = maskReason(event.reason, leadValues(submission));
    if (event.kind === 'dead' || event.kind === 'credentials') {
      const was = failing.get(event.form_id) ?? { form_id: event.form_id, provider: event.provider, since: event.at, failures: 0 };
      failing.set(event.form_id, { ...was, failures: was.failures + 1 });
      changedFailing.add(event.form_id);
    }
    const key = `${event.kind}|${event.form_id}|${reason ?? ''}`;
    const open = windows.get(key);
    if (open && event.at - open.opened_at < config.windowMs) {
      const ids = JSON.parse(open.lead_ids) as string[];
      windows.set(key, { ...open, suppressed: open.suppressed + 1, lead_ids: JSON.stringify(ids.length < DIGEST_IDS ? [...ids, event.lead_id] : ids) });
      continue;
    }
    if (open && open.suppressed > 0) alerts.push(digestOf(open, now));
    const window: WindowRow = { key, kind: event.kind, form_id: event.form_id, provider: event.provider, reason, opened_at: event.at, suppressed: 0, lead_ids: '[]' };
    windows.set(key, window);
    const lead = config.personalData ? (submission as { fields?: Record<string, unknown> } | undefined)?.fields : undefined;
    alerts.push({ dedupeKey: `first|${key}|${event.at}`, payload: firstAlert(facts(window), event.lead_id, event.at, config.windowMs, lead) });
  }
  // Windows that closed: their count goes out as one digest, and the next event opens a new one.
  const closed = [...windows.values()].filter((window) => now - window.opened_at >= config.windowMs);
  for (const window of closed) {
    if (window.suppressed > 0) alerts.push(digestOf(window, now));
    windows.delete(window.key);
  }

  const last = rows[rows.length - 1];
  await db.batch([
    ...alertStatements(db, config, alerts, now),
    db.prepare('DELETE FROM alert_windows'),
    ...[...windows.values()].map((window) =>
      db
        .prepare('INSERT INTO alert_windows (key, kind, form_id, provider, reason, opened_at, suppressed, lead_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)')
        .bind(window.key, window.kind, window.form_id, window.provider, window.reason, window.opened_at, window.suppressed, window.lead_ids),
    ),
    ...[...changedFailing].map((formId) => {
      const row = failing.get(formId);
      return row
        ? db.prepare('INSERT INTO alert_failing (form_id, provider, since, failures) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (form_id) DO UPDATE SET failures = excluded.failures').bind(formId, row.provider, row.since, row.failures)
        : db.prepare('DELETE FROM alert_failing WHERE form_id = ?1').bind(formId);
    }),
    db.prepare('DELETE FROM alert_events WHERE id <= ?1').bind(last?.id ?? 0),
  ]);
  return { events: rows.length, alerts: alerts.length };
}
