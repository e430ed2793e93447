import type { DueLead } from '../delivery/pipeline.ts';

/**
 * Leads that should be moving but are not: pending or held and due for longer than `graceMs` (accepted
 * but never queued, or a queue message lost), or held by an attempt whose lease ran out.
 */
export async function strandedLeads(db: D1Database, now: number, graceMs: number, limit: number): Promise<DueLead[]> {
  const { results } = await db
    .prepare(
      `SELECT id AS leadId, form_id AS formId FROM leads
       WHERE (status IN ('pending', 'held') AND next_attempt_at <= ?1) OR (status = 'sending' AND lease_until < ?2)
       ORDER BY next_attempt_at LIMIT ?3`,
    )
    .bind(now - graceMs, now, limit)
    .all<DueLead>();
  return results;
}

/** Marks a lead dead unless it already reached an end (the dead-letter queue can repeat itself). */
export async function markDead(db: D1Database, leadId: string, reason: string, now: number): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE leads SET status = 'dead', last_error = ?2, updated_at = ?3, lease_until = 0, claim = NULL WHERE id = ?1 AND status IN ('pending', 'sending')`)
    .bind(leadId, reason, now)
    .run();
  return (result.meta.changes ?? 0) > 0;
}
