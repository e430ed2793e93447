import type { LeadStatus } from '../../shared/api.ts';
import type { DeliveryResult, ProviderLead } from '../providers/types.ts';

/** What the outbox knows of a lead after an insert: its id, status, and whether this call created it. */
export interface StoredLead {
  id: string;
  status: LeadStatus;
  created: boolean;
}

/** The lead as stored, minus its id: everything an adapter needs to (re)build the request. */
export type LeadSubmissionRecord = Omit<ProviderLead, 'id' | 'receivedAt'>;

/**
 * Stores a lead unless this form already has one with the same idempotency key, in which case
 * the existing lead is returned: a retried or double-clicked submit never makes a second row.
 */
export async function insertLead(
  db: D1Database,
  lead: { id: string; formId: string; idempotencyKey: string; provider: string; receivedAt: number; submission: LeadSubmissionRecord },
): Promise<StoredLead> {
  const inserted = await db
    .prepare(
      `INSERT INTO leads (id, form_id, idempotency_key, provider, status, submission, received_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?6)
       ON CONFLICT (form_id, idempotency_key) DO NOTHING
       RETURNING id, status`,
    )
    .bind(lead.id, lead.formId, lead.idempotencyKey, lead.provider, JSON.stringify(lead.submission), lead.receivedAt)
    .first<{ id: string; status: LeadStatus }>();
  if (inserted) return { ...inserted, created: true };
  const existing = await db
    .prepare('SELECT id, status FROM leads WHERE form_id = ?1 AND idempotency_key = ?2')
    .bind(lead.formId, lead.idempotencyKey)
    .first<{ id: string; status: LeadStatus }>();
  if (!existing) throw new Error(`[edge] [store] lead for ${lead.formId} vanished between insert and read`);
  return { ...existing, created: false };
}

const STATUS_AFTER: Record<DeliveryResult['kind'], LeadStatus> = { delivered: 'delivered', rejected: 'rejected', retry: 'pending' };

/** Records one delivery attempt; only a pending lead changes, so a late duplicate cannot undo a result. */
export async function recordAttempt(db: D1Database, id: string, result: DeliveryResult, now: number): Promise<LeadStatus> {
  const status = STATUS_AFTER[result.kind];
  await db
    .prepare(
      `UPDATE leads SET status = ?2, attempts = attempts + 1, updated_at = ?3,
         provider_lead_id = ?4, last_error = ?5
       WHERE id = ?1 AND status = 'pending'`,
    )
    .bind(id, status, now, result.kind === 'delivered' ? (result.providerId ?? null) : null, result.kind === 'delivered' ? null : result.reason)
    .run();
  return status;
}
