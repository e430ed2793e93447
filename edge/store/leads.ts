import type { LeadStatus } from '../../shared/api.ts';
import type { DeliveryResult, ProviderLead } from '../providers/types.ts';

/** What the outbox knows of a lead after an insert: its id, status, and whether this call created it. */
export interface StoredLead {
  id: string;
  status: LeadStatus;
  created: boolean;
  /** The stored lead's fingerprint; null on leads stored before fingerprints existed. */
  fingerprint: string | null;
}

/** The lead as stored, minus its id: everything an adapter needs to (re)build the request. */
export type LeadSubmissionRecord = Omit<ProviderLead, 'id' | 'receivedAt'>;

/** A lead to store. */
export interface NewLead {
  id: string;
  formId: string;
  idempotencyKey: string;
  /** What the key must come back with to name this lead again (edge/leads/fingerprint.ts). */
  fingerprint: string;
  provider: string;
  receivedAt: number;
  submission: LeadSubmissionRecord;
  /** `spam` leads are stored, never delivered. */
  status?: 'pending' | 'spam' | 'review';
  /**
   * Stores the lead already claimed by the attempt about to send it, its start marked (status
   * `sending`): one write instead of an insert and a claim. A crash before that attempt is
   * recorded leaves the mark, which the next claim reads as an unknown outcome.
   */
  claimedBy?: { claim: string; leaseUntil: number };
  /** Why a spam lead was held back. */
  reason?: string;
  /** Form fields with a value the provider request does not carry. */
  notForwarded?: readonly string[];
}

/**
 * Stores a lead unless this form already has one with the same idempotency key, in which case
 * the existing lead is returned: a retried or double-clicked submit never makes a second row.
 */
export async function insertLead(db: D1Database, lead: NewLead): Promise<StoredLead> {
  const { claimedBy } = lead;
  const inserted = await db
    .prepare(
      `INSERT INTO leads (id, form_id, idempotency_key, provider, status, submission, received_at, updated_at, next_attempt_at, last_error,
         fingerprint, claim, lease_until, attempt_started_at, not_forwarded)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
       ON CONFLICT (form_id, idempotency_key) DO NOTHING
       RETURNING id, status, fingerprint`,
    )
    .bind(
      lead.id,
      lead.formId,
      lead.idempotencyKey,
      lead.provider,
      claimedBy ? 'sending' : (lead.status ?? 'pending'),
      JSON.stringify(lead.submission),
      lead.receivedAt,
      lead.reason ?? null,
      lead.fingerprint,
      claimedBy?.claim ?? null,
      claimedBy?.leaseUntil ?? 0,
      claimedBy ? lead.receivedAt : null,
      lead.notForwarded?.length ? JSON.stringify(lead.notForwarded) : null,
    )
    .first<{ id: string; status: LeadStatus; fingerprint: string | null }>();
  if (inserted) return { ...inserted, created: true };
  const existing = await db
    .prepare('SELECT id, status, fingerprint FROM leads WHERE form_id = ?1 AND idempotency_key = ?2')
    .bind(lead.formId, lead.idempotencyKey)
    .first<{ id: string; status: LeadStatus; fingerprint: string | null }>();
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

/** The attempt row of an attempt that started and was never recorded (see claimLeads). */
const LOST_ATTEMPT_REASON = 'this attempt started but its outcome was never recorded (the Worker stopped, its lease ran out or a D1 write failed)';

/**
 * Claims the leads that are due (or whose last holder's lease ran out) with a conditional update,
 * so duplicate queue messages and racing consumers never deliver one lead twice. The claim marks
 * the attempt started, before any request leaves. Taking over a lead still `sending` means the
 * attempt that held it ended unrecorded: it is counted and recorded as an `unknown` attempt, and
 * the lead is claimed with an unknown outcome, so the provider's duplicate guard runs.
 */
export async function claimLeads(db: D1Database, ids: readonly string[], now: number, leaseMs: number, claim: string): Promise<ClaimedLead[]> {
  if (ids.length === 0) return [];
  // Queue delays are not exact to the millisecond: a message a moment early still counts as due.
  const dueBy = now + 5_000;
  const claimable = `id = ?1 AND ((status IN ('pending', 'held') AND next_attempt_at <= ?2) OR (status = 'sending' AND lease_until < ?3))`;
  const statements = ids.flatMap((id) => [
    // Before the update below, in the same transaction: it still sees the lost attempt's mark.
    db
      .prepare(
        `INSERT INTO attempts (lead_id, started_at, duration_ms, http_status, result, provider_lead_id, reason)
         SELECT id, COALESCE(attempt_started_at, updated_at), 0, NULL, 'unknown', NULL, ?4 FROM leads WHERE ${claimable} AND status = 'sending'`,
      )
      .bind(id, dueBy, now, LOST_ATTEMPT_REASON),
    db
      .prepare(
        `UPDATE leads SET
           outcome_unknown = CASE WHEN status = 'sending' THEN 1 ELSE outcome_unknown END,
           attempts = attempts + (status = 'sending'),
           last_error = CASE WHEN status = 'sending' THEN ?4 ELSE last_error END,
           status = 'sending', lease_until = ?5, claim = ?6, updated_at = ?3, attempt_started_at = ?3
         WHERE ${claimable}
         RETURNING id, form_id, attempts, outcome_unknown, received_at, submission`,
      )
      .bind(id, dueBy, now, LOST_ATTEMPT_REASON, now + leaseMs, claim),
  ]);
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
          `UPDATE leads SET status = ?2, attempts = attempts + 1, updated_at = ?3, next_attempt_at = ?4, lease_until = 0, claim = NULL, attempt_started_at = NULL,
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
