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

/** A lead to store. */
export interface NewLead {
  id: string;
  formId: string;
  idempotencyKey: string;
  provider: string;
  receivedAt: number;
  submission: LeadSubmissionRecord;
  /** `spam` leads are stored, never delivered. */
  status?: 'pending' | 'spam' | 'review';
  /** Why a spam lead was held back. */
  reason?: string;
}

/**
 * Stores a lead unless this form already has one with the same idempotency key, in which case
 * the existing lead is returned: a retried or double-clicked submit never makes a second row.
 */
export async function insertLead(db: D1Database, lead: NewLead): Promise<StoredLead> {
  const inserted = await db
    .prepare(
      `INSERT INTO leads (id, form_id, idempotency_key, provider, status, submission, received_at, updated_at, next_attempt_at, last_error)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7, ?8)
       ON CONFLICT (form_id, idempotency_key) DO NOTHING
       RETURNING id, status`,
    )
    .bind(lead.id, lead.formId, lead.idempotencyKey, lead.provider, lead.status ?? 'pending', JSON.stringify(lead.submission), lead.receivedAt, lead.reason ?? null)
    .first<{ id: string; status: LeadStatus }>();
  if (inserted) return { ...inserted, created: true };
  const existing = await db
    .prepare('SELECT id, status FROM leads WHERE form_id = ?1 AND idempotency_key = ?2')
    .bind(lead.formId, lead.idempotencyKey)
    .first<{ id: string; status: LeadStatus }>();
  if (!existing) throw new Error(`[edge] [store] lead for ${lead.formId} vanished between insert and read`);
  return { ...existing, created: false };
}

/** A lead one attempt holds: nobody else can deliver it until it is recorded or the lease runs out. */
export interface ClaimedLead {
  lead: ProviderLead;
  formId: string;
  /** Attempts made before this one. */
  attempts: number;
  /** The previous attempt may have reached the provider without an answer. */
  outcomeUnknown: boolean;
  claim: string;
}

interface LeadRow {
  id: string;
  form_id: string;
  attempts: number;
  outcome_unknown: number;
  received_at: number;
  submission: string;
}

/**
 * Claims the leads that are due (or whose last holder's lease ran out) with a conditional update,
 * so duplicate queue messages and racing consumers never deliver one lead twice.
 */
export async function claimLeads(db: D1Database, ids: readonly string[], now: number, leaseMs: number, claim: string): Promise<ClaimedLead[]> {
  if (ids.length === 0) return [];
  // Queue delays are not exact to the millisecond: a message a moment early still counts as due.
  const dueBy = now + 5_000;
  const statements = ids.map((id) =>
    db
      .prepare(
        `UPDATE leads SET status = 'sending', lease_until = ?2, claim = ?3, updated_at = ?4
         WHERE id = ?1 AND ((status IN ('pending', 'held') AND next_attempt_at <= ?5) OR (status = 'sending' AND lease_until < ?4))
         RETURNING id, form_id, attempts, outcome_unknown, received_at, submission`,
      )
      .bind(id, now + leaseMs, claim, now, dueBy),
  );
  const results = await db.batch<LeadRow>(statements);
  return results.flatMap((result) =>
    result.results.map((row) => ({
      lead: { id: row.id, receivedAt: row.received_at, ...(JSON.parse(row.submission) as LeadSubmissionRecord) },
      formId: row.form_id,
      attempts: row.attempts,
      outcomeUnknown: row.outcome_unknown === 1,
      claim,
    })),
  );
}

/** Where a lead goes after an attempt. */
export interface NextState {
  status: 'pending' | 'held' | 'delivered' | 'duplicate' | 'rejected' | 'dead';
  /** With `pending` and `held`: when the next attempt is due. */
  nextAttemptAt?: number;
  possibleDuplicate?: boolean;
}

/** One finished attempt, as the attempts table and the lead row record it. */
export interface AttemptRecord {
  claimed: ClaimedLead;
  startedAt: number;
  durationMs: number;
  /** `confirmed`: the provider's own check showed an earlier attempt had delivered it. */
  result: DeliveryResult | { kind: 'confirmed'; providerId?: string };
  next: NextState;
}

const reasonOf = (result: AttemptRecord['result']): string | null => ('reason' in result ? result.reason : null);
const providerIdOf = (result: AttemptRecord['result']): string | null => ('providerId' in result ? (result.providerId ?? null) : null);
const statusOf = (result: AttemptRecord['result']): number | null => ('status' in result ? (result.status ?? null) : null);

/** Records attempts and moves each lead on, in one transaction; a lead whose claim was taken over keeps its new holder's state. */
export async function recordAttempts(db: D1Database, records: readonly AttemptRecord[], now: number): Promise<void> {
  if (records.length === 0) return;
  const statements = records.flatMap(({ claimed, startedAt, durationMs, result, next }) => {
    const unknown = result.kind === 'retry' && result.outcomeUnknown === true;
    return [
      db
        .prepare('INSERT INTO attempts (lead_id, started_at, duration_ms, http_status, result, provider_lead_id, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)')
        .bind(claimed.lead.id, startedAt, durationMs, statusOf(result), unknown ? 'unknown' : result.kind, providerIdOf(result), reasonOf(result)),
      db
        .prepare(
          `UPDATE leads SET status = ?2, attempts = attempts + 1, updated_at = ?3, next_attempt_at = ?4, lease_until = 0, claim = NULL,
             provider_lead_id = COALESCE(?5, provider_lead_id), last_error = ?6, note = COALESCE(?7, note),
             outcome_unknown = CASE WHEN ?11 = 1 THEN outcome_unknown ELSE ?8 END,
             possible_duplicate = MAX(possible_duplicate, ?9)
           WHERE id = ?1 AND claim = ?10`,
        )
        .bind(
          claimed.lead.id,
          next.status,
          now,
          next.nextAttemptAt ?? 0,
          providerIdOf(result),
          result.kind === 'delivered' || result.kind === 'confirmed' ? null : reasonOf(result),
          'note' in result ? (result.note ?? null) : result.kind === 'confirmed' ? 'confirmed by the provider after an attempt whose answer was lost' : null,
          unknown ? 1 : 0,
          next.possibleDuplicate ? 1 : 0,
          claimed.claim,
          // Refused credentials say nothing of an earlier attempt whose answer was lost: its doubt stays.
          result.kind === 'held' ? 1 : 0,
        ),
    ];
  });
  await db.batch(statements);
}
