// The retention policy the cron applies (wrangler.toml vars, each a number of days or "off"):
//   RETENTION_DAYS            personal data of a lead at an end is erased (default 30)
//   ATTEMPT_RETENTION_DAYS    its delivery attempts are deleted (default 90)
//   ERASED_LEAD_RETENTION_DAYS the erased lead row itself is deleted (default 365)
// With an R2 bucket bound as RETENTION_ARCHIVE, what is deleted is first written there as NDJSON.
import { deleteAttempts, deleteLeads, eraseBefore, expiredAttempts, expiredLeadRows } from './store/retention.ts';

const DAY_MS = 86_400_000;
/** Rows one statement changes; the Worker's D1 limits (statement time, rows read) stay far off. */
export const RETENTION_BATCH = 1000;
/** Batches of each kind per cron run: at most 10,000 leads erased and as many rows deleted every 5 minutes. */
export const RETENTION_BATCHES_PER_RUN = 10;

export interface RetentionPolicy {
  /** Milliseconds for each kind, or undefined when that kind is off. */
  eraseAfterMs: number | undefined;
  attemptsAfterMs: number | undefined;
  erasedRowsAfterMs: number | undefined;
  batch: number;
  batchesPerRun: number;
}

export interface RetentionEnv {
  RETENTION_DAYS?: string;
  ATTEMPT_RETENTION_DAYS?: string;
  ERASED_LEAD_RETENTION_DAYS?: string;
  RETENTION_ARCHIVE?: R2Bucket;
}

/** "off" turns a kind off; a positive number of days sets it; anything else keeps the default. */
function days(value: string | undefined, fallback: number): number | undefined {
  if (value?.trim().toLowerCase() === 'off') return undefined;
  const parsed = Number(value);
  return (Number.isFinite(parsed) && parsed > 0 ? parsed : fallback) * DAY_MS;
}

export function retentionPolicy(env: RetentionEnv): RetentionPolicy {
  return {
    eraseAfterMs: days(env.RETENTION_DAYS, 30),
    attemptsAfterMs: days(env.ATTEMPT_RETENTION_DAYS, 90),
    erasedRowsAfterMs: days(env.ERASED_LEAD_RETENTION_DAYS, 365),
    batch: RETENTION_BATCH,
    batchesPerRun: RETENTION_BATCHES_PER_RUN,
  };
}

export interface RetentionResult {
  erased: number;
  attemptsDeleted: number;
  leadsDeleted: number;
  /** NDJSON objects written to RETENTION_ARCHIVE. */
  archived: string[];
  /** False when a kind still had work after its last batch: the next run goes on. */
  done: boolean;
}

/** One NDJSON object per deleted batch: `retention/<kind>/<YYYY-MM-DD>/<now>-<n>.ndjson`. */
async function archive(bucket: R2Bucket | undefined, kind: string, rows: readonly unknown[], now: number, n: number): Promise<string | undefined> {
  if (!bucket || rows.length === 0) return undefined;
  const key = `retention/${kind}/${new Date(now).toISOString().slice(0, 10)}/${now}-${n}.ndjson`;
  await bucket.put(key, rows.map((row) => JSON.stringify(row)).join('\n') + '\n', { httpMetadata: { contentType: 'application/x-ndjson' } });
  return key;
}

/** Runs each kind in bounded batches; a failed archive write stops before the delete it covers. */
export async function sweepRetention(db: D1Database, env: RetentionEnv, now: number, policy = retentionPolicy(env)): Promise<RetentionResult> {
  const result: RetentionResult = { erased: 0, attemptsDeleted: 0, leadsDeleted: 0, archived: [], done: true };
  const { batch, batchesPerRun } = policy;
  const runKind = async (step: (n: number) => Promise<number>) => {
    for (let n = 0; n < batchesPerRun; n++) if ((await step(n)) < batch) return;
    result.done = false;
  };
  if (policy.eraseAfterMs !== undefined) {
    const before = now - policy.eraseAfterMs;
    await runKind(async () => {
      const changed = await eraseBefore(db, before, now, batch);
      result.erased += changed;
      return changed;
    });
  }
  // Deleting kinds: read a batch, archive it, delete it (archive first: a failed write deletes nothing).
  const deleteKind = async <Row extends Record<string, unknown>>(kind: 'attempts' | 'leads', afterMs: number | undefined, expired: (before: number) => Promise<Row[]>, remove: (rows: Row[]) => Promise<void>) => {
    if (afterMs === undefined) return;
    await runKind(async (n) => {
      const rows = await expired(now - afterMs);
      const key = await archive(env.RETENTION_ARCHIVE, kind, rows, now, n);
      if (key) result.archived.push(key);
      await remove(rows);
      if (kind === 'attempts') result.attemptsDeleted += rows.length;
      else result.leadsDeleted += rows.length;
      return rows.length;
    });
  };
  await deleteKind('attempts', policy.attemptsAfterMs, (before) => expiredAttempts(db, before, batch), (rows) => deleteAttempts(db, rows.map((row) => Number(row['id']))));
  await deleteKind('leads', policy.erasedRowsAfterMs, (before) => expiredLeadRows(db, before, batch), (rows) => deleteLeads(db, rows.map((row) => String(row['id']))));
  return result;
}
