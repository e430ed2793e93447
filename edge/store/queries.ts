import { filterSql, type LeadFilter } from './lead-filter.ts';
import type { LeadStatus } from '../../shared/api.ts';
import { REPLAYABLE_STATUSES } from '../../shared/statuses.ts';

/** A lead as operators see it. */
export interface LeadView {
  id: string;
  formId: string;
  provider: string;
  status: LeadStatus;
  /** Attempts since the lead was accepted or last replayed (a replay starts a fresh schedule). */
  attempts: number;
  /** Every attempt recorded (and kept by retention): the rows the lead view lists. */
  attemptsTotal: number;
  receivedAt: number;
  updatedAt: number;
  nextAttemptAt: number;
  providerLeadId: string | null;
  lastError: string | null;
  note: string | null;
  outcomeUnknown: boolean;
  possibleDuplicate: boolean;
  erasedAt: number | null;
  /** Form fields with a value the provider request did not carry. */
  notForwarded: string[];
  submission: unknown;
}

/** One delivery attempt as recorded. */
export interface AttemptView {
  startedAt: number;
  durationMs: number;
  httpStatus: number | null;
  result: string;
  providerLeadId: string | null;
  reason: string | null;
}

export interface LeadRow {
  id: string;
  form_id: string;
  provider: string;
  status: LeadStatus;
  attempts: number;
  attempts_total: number;
  received_at: number;
  updated_at: number;
  next_attempt_at: number;
  provider_lead_id: string | null;
  last_error: string | null;
  note: string | null;
  outcome_unknown: number;
  possible_duplicate: number;
  erased_at: number | null;
  not_forwarded: string | null;
  submission: string;
}

export const toView = (row: LeadRow): LeadView => ({
  id: row.id,
  formId: row.form_id,
  provider: row.provider,
  status: row.status,
  attempts: row.attempts,
  attemptsTotal: row.attempts_total,
  receivedAt: row.received_at,
  updatedAt: row.updated_at,
  nextAttemptAt: row.next_attempt_at,
  providerLeadId: row.provider_lead_id,
  lastError: row.last_error,
  note: row.note,
  outcomeUnknown: row.outcome_unknown === 1,
  possibleDuplicate: row.possible_duplicate === 1,
  erasedAt: row.erased_at,
  notForwarded: row.not_forwarded ? (JSON.parse(row.not_forwarded) as string[]) : [],
  submission: JSON.parse(row.submission) as unknown,
});

// Read through attempts_by_lead: one index range per lead.
const ATTEMPTS_TOTAL = '(SELECT COUNT(*) FROM attempts a WHERE a.lead_id = leads.id) AS attempts_total';

/** Filters and paging of the lead list; the cursor is opaque to clients. */
export interface LeadQuery {
  filter: LeadFilter;
  limit: number;
  cursor?: string | undefined;
}

const encodeCursor = (row: LeadRow) => btoa(`${row.received_at}:${row.id}`);
function decodeCursor(cursor: string | undefined): { receivedAt: number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [receivedAt, id] = atob(cursor).split(':');
    return receivedAt && id && Number.isFinite(Number(receivedAt)) ? { receivedAt: Number(receivedAt), id } : undefined;
  } catch {
    return undefined;
  }
}

/** One page of the filtered leads as stored rows, newest first, and the cursor after it. */
export async function leadRows(db: D1Database, query: LeadQuery): Promise<{ rows: LeadRow[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const { where, params } = filterSql(query.filter);
  const n = params.length;
  const { results } = await db
    .prepare(
      `SELECT *, ${ATTEMPTS_TOTAL} FROM leads WHERE ${where}
         AND (?${n + 1} IS NULL OR received_at < ?${n + 1} OR (received_at = ?${n + 1} AND id < ?${n + 2}))
       ORDER BY received_at DESC, id DESC LIMIT ?${n + 3}`,
    )
    .bind(...params, after?.receivedAt ?? null, after?.id ?? '', query.limit + 1)
    .all<LeadRow>();
  const rows = results.slice(0, query.limit);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: results.length > query.limit && last ? encodeCursor(last) : null };
}

/** Newest first; `nextCursor` continues after the last lead returned. */
export async function listLeads(db: D1Database, query: LeadQuery): Promise<{ leads: LeadView[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await leadRows(db, query);
  return { leads: rows.map(toView), nextCursor };
}

/** One lead with every attempt, oldest first. */
export async function getLead(db: D1Database, id: string): Promise<{ lead: LeadView; attempts: AttemptView[] } | undefined> {
  const row = await db.prepare(`SELECT *, ${ATTEMPTS_TOTAL} FROM leads WHERE id = ?1`).bind(id).first<LeadRow>();
  if (!row) return undefined;
  const { results } = await db
    .prepare(
      `SELECT started_at AS startedAt, duration_ms AS durationMs, http_status AS httpStatus, result,
         provider_lead_id AS providerLeadId, reason FROM attempts WHERE lead_id = ?1 ORDER BY id`,
    )
    .bind(id)
    .all<AttemptView>();
  return { lead: toView(row), attempts: results };
}

/** Counts by form and status, and the latest failed attempts with their reasons. */
export async function summary(db: D1Database, recent = 20) {
  const [counts, failures] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT form_id AS formId, status, COUNT(*) AS count FROM leads GROUP BY form_id, status ORDER BY form_id, status'),
    db
      .prepare(
        `SELECT a.lead_id AS leadId, l.form_id AS formId, l.status, a.started_at AS startedAt, a.http_status AS httpStatus, a.result, a.reason
         FROM attempts a JOIN leads l ON l.id = a.lead_id WHERE a.result != 'delivered' AND a.result != 'confirmed'
         ORDER BY a.id DESC LIMIT ?1`,
      )
      .bind(recent),
  ]);
  return { counts: counts?.results ?? [], recentFailures: failures?.results ?? [] };
}

const REPLAYABLE = REPLAYABLE_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Puts a lead of REPLAYABLE_STATUSES back in line for an attempt now, with a fresh retry schedule
 * (an operator may judge a lead held as spam to be real, or has just fixed a held form's secret).
 * Undefined when it cannot be replayed.
 */
export async function replayLead(db: D1Database, id: string, now: number): Promise<{ formId: string } | undefined> {
  return (
    (await db
      .prepare(
        `UPDATE leads SET status = 'pending', attempts = 0, next_attempt_at = ?2, updated_at = ?2, lease_until = 0, claim = NULL
         WHERE id = ?1 AND status IN (${REPLAYABLE}) AND erased_at IS NULL RETURNING form_id AS formId`,
      )
      .bind(id, now)
      .first<{ formId: string }>()) ?? undefined
  );
}

/** A form whose provider refuses its credentials: how many leads wait, since when, and the latest refusal. */
export interface HeldForm {
  formId: string;
  heldLeads: number;
  lastHeldAt: number;
  reason: string | null;
}

/** Every form with leads `held` for refused credentials: how many, when the latest was held, and its reason. */
export async function heldForms(db: D1Database): Promise<HeldForm[]> {
  const { results } = await db
    .prepare(
      `SELECT form_id AS formId, COUNT(*) AS heldLeads, MAX(updated_at) AS lastHeldAt,
         (SELECT last_error FROM leads latest WHERE latest.form_id = held.form_id AND latest.status = 'held' ORDER BY updated_at DESC LIMIT 1) AS reason
       FROM leads held WHERE status = 'held' GROUP BY form_id ORDER BY form_id`,
    )
    .all<HeldForm>();
  return results;
}
