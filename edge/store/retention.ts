// The retention sweep's D1 side. Every statement changes at most `limit` rows, picked by an index
// (migrations/0004_retention.sql), so one cron run stays far inside the Worker's limits however
// many leads have piled up; the next run takes the rest. Only leads at an end are touched: a lead
// still pending, sending, held or under review is never erased, pruned or deleted.

import type { LeadStatus } from '../../shared/statuses.ts';

/** Statuses after which nothing more happens to a lead by itself (`held` is not one: it is retried). */
export const FINAL_STATUSES = ['delivered', 'rejected', 'dead', 'spam', 'duplicate'] as const satisfies readonly LeadStatus[];
const FINAL = FINAL_STATUSES.map((status) => `'${status}'`).join(', ');

/** What an erased lead keeps of its submission. */
export const ERASED_SUBMISSION = '{"erased":true}';

/**
 * Erases the personal data of up to `limit` leads at an end that were received before `before`:
 * the submission, and every provider answer text stored with it (last_error, note, each
 * attempt's reason), which can echo the lead's name, phone or email. Returns how many leads.
 */
export async function eraseBefore(db: D1Database, before: number, now: number, limit: number): Promise<number> {
  const picked = `SELECT id FROM leads WHERE erased_at IS NULL AND received_at < ?1 AND status IN (${FINAL}) LIMIT ?3`;
  const results = await db.batch([
    db.prepare(`UPDATE attempts SET reason = NULL WHERE reason IS NOT NULL AND lead_id IN (${picked})`).bind(before, now, limit),
    db
      .prepare(`UPDATE leads SET submission = '${ERASED_SUBMISSION}', last_error = NULL, note = NULL, erased_at = ?2 WHERE id IN (${picked}) RETURNING id`)
      .bind(before, now, limit),
  ]);
  // Counted by RETURNING: meta.changes also counts the search terms a trigger deletes (migrations/0006).
  return results[1]?.results.length ?? 0;
}

/** Attempts of leads at an end, started before `before`: the rows the next call deletes. */
export async function expiredAttempts(db: D1Database, before: number, limit: number): Promise<Array<Record<string, unknown>>> {
  const { results } = await db
    .prepare(`SELECT a.* FROM attempts a JOIN leads l ON l.id = a.lead_id WHERE a.started_at < ?1 AND l.status IN (${FINAL}) ORDER BY a.started_at LIMIT ?2`)
    .bind(before, limit)
    .all<Record<string, unknown>>();
  return results;
}

/** Erased lead rows erased before `before` (no personal data left in them). */
export async function expiredLeadRows(db: D1Database, before: number, limit: number): Promise<Array<Record<string, unknown>>> {
  const { results } = await db
    .prepare(`SELECT * FROM leads WHERE erased_at IS NOT NULL AND erased_at < ?1 AND status IN (${FINAL}) ORDER BY erased_at LIMIT ?2`)
    .bind(before, limit)
    .all<Record<string, unknown>>();
  return results;
}

/** Deletes attempts by id. */
export async function deleteAttempts(db: D1Database, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.prepare(`DELETE FROM attempts WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids)).run();
}

/** Deletes lead rows by id, their remaining attempts first (attempts reference leads). */
export async function deleteLeads(db: D1Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = JSON.stringify(ids);
  await db.batch([
    db.prepare(`DELETE FROM attempts WHERE lead_id IN (SELECT value FROM json_each(?1))`).bind(list),
    db.prepare(`DELETE FROM leads WHERE id IN (SELECT value FROM json_each(?1))`).bind(list),
  ]);
}
