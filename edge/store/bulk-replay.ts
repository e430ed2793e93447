// Bulk replay: every replayable lead a filter matches goes back in line, as a single replay does
// (fresh retry schedule, due now). Bounded per call; the caller asks again for the rest.
import { filterSql, type LeadFilter } from './lead-filter.ts';

/** Leads one statement puts back in line. */
const CHUNK = 500;

/** How many leads the filter matches that a replay would take, by form. */
export async function countReplayable(db: D1Database, filter: LeadFilter): Promise<{ count: number; byForm: Array<{ formId: string; count: number }> }> {
  const { where, params } = filterSql(filter);
  const { results } = await db
    .prepare(`SELECT form_id AS formId, COUNT(*) AS count FROM leads WHERE ${where} AND erased_at IS NULL GROUP BY form_id ORDER BY form_id`)
    .bind(...params)
    .all<{ formId: string; count: number }>();
  return { count: results.reduce((sum, row) => sum + row.count, 0), byForm: results };
}

/**
 * Replays up to `limit` matching leads (the filter's statuses must all be replayable); returns
 * the leads replayed, to be queued. A lead already pending again is not matched twice.
 */
export async function replayMatching(db: D1Database, filter: LeadFilter, now: number, limit: number): Promise<Array<{ leadId: string; formId: string }>> {
  const { where, params } = filterSql(filter);
  const n = params.length;
  const replayed: Array<{ leadId: string; formId: string }> = [];
  while (replayed.length < limit) {
    const { results } = await db
      .prepare(
        `UPDATE leads SET status = 'pending', attempts = 0, next_attempt_at = ?${n + 1}, updated_at = ?${n + 1}, lease_until = 0, claim = NULL
         WHERE id IN (SELECT id FROM leads WHERE ${where} AND erased_at IS NULL LIMIT ?${n + 2})
         RETURNING id AS leadId, form_id AS formId`,
      )
      .bind(...params, now, Math.min(CHUNK, limit - replayed.length))
      .all<{ leadId: string; formId: string }>();
    replayed.push(...results);
    if (results.length === 0) break;
  }
  return replayed;
}
