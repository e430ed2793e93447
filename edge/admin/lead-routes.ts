// The admin API's lead routes beyond a single lead: the filtered list, the CSV export, the bulk
// replay (count first, then run), and the channel report. All share edge/admin/filter-query.ts.
import * as v from 'valibot';
import { BULK_REPLAY_DEFAULT, REPLAYABLE_STATUSES, type LeadStatus } from '../../shared/statuses.ts';
import { readJsonBody } from '../http/read-json.ts';
import { apiError, json } from '../http/responses.ts';
import { log } from '../log.ts';
import { countReplayable, replayMatching } from '../store/bulk-replay.ts';
import type { LeadFilter } from '../store/lead-filter.ts';
import { listLeads } from '../store/queries.ts';
import { channelReport } from '../store/reports.ts';
import { exportCsv } from './export.ts';
import { filterOfQuery, readFilter, type ReadFilter } from './filter-query.ts';

/** Leads one bulk replay call takes; the answer's `remaining` says how many are left for the next. */
export const BULK_REPLAY_LIMIT = 5000;
/** Messages per Queue sendBatch call (the Queues limit). */
const SEND_BATCH = 100;
const DAY_MS = 86_400_000;

const invalid = (read: Extract<ReadFilter, { ok: false }>) => apiError(400, 'invalid_input', 'Some filters need attention', read.fields);

const Paging = v.object({
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200, 'limit is at most 200')), '50'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

/** GET /v1/admin/leads: one page of the filtered leads, newest first. */
export async function listRoute(url: URL, env: Env): Promise<Response> {
  const read = filterOfQuery(url.searchParams);
  if (!read.ok) return invalid(read);
  const paging = v.safeParse(Paging, { limit: url.searchParams.get('limit') ?? undefined, cursor: url.searchParams.get('cursor') ?? undefined });
  if (!paging.success) return apiError(400, 'invalid_input', paging.issues[0].message, { [String(paging.issues[0].path?.[0]?.key ?? 'limit')]: paging.issues[0].message });
  return json(await listLeads(env.DB, { filter: read.filter, limit: Number(paging.output.limit), cursor: paging.output.cursor }));
}

/** GET /v1/admin/leads.csv: the filtered leads as a streamed CSV download. */
export function exportRoute(url: URL, env: Env): Response {
  const read = filterOfQuery(url.searchParams);
  if (!read.ok) return invalid(read);
  log({ event: 'admin.export' });
  return exportCsv(env.DB, read.filter, new Date());
}

/** A replay's filter: its statuses, when named, all replayable; when not, the failures and held leads. */
function replayFilter(read: ReadFilter): { ok: true; filter: LeadFilter & { statuses: readonly LeadStatus[] } } | { ok: false; response: Response } {
  if (!read.ok) return { ok: false, response: invalid(read) };
  const statuses = read.filter.statuses?.length ? read.filter.statuses : BULK_REPLAY_DEFAULT;
  const refused = statuses.find((status) => !(REPLAYABLE_STATUSES as readonly string[]).includes(status));
  if (refused) return { ok: false, response: apiError(400, 'invalid_input', 'Some filters need attention', { status: `a ${refused} lead cannot be replayed; replay takes ${REPLAYABLE_STATUSES.join(', ')}` }) };
  return { ok: true, filter: { ...read.filter, statuses } };
}

/** GET /v1/admin/replay: what a bulk replay with this filter would take, before it runs. */
export async function replayCountRoute(url: URL, env: Env): Promise<Response> {
  const read = replayFilter(filterOfQuery(url.searchParams));
  if (!read.ok) return read.response;
  return json({ ...(await countReplayable(env.DB, read.filter)), statuses: read.filter.statuses, limit: BULK_REPLAY_LIMIT });
}

const ReplayBody = v.object({
  filter: v.optional(v.record(v.string(), v.string()), {}),
  /** The count the operator was shown: more matching now (new failures since) refuses the run. */
  expected: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/** POST /v1/admin/replay `{filter, expected}`: replays what the filter matches, and reports it. */
export async function bulkReplayRoute(request: Request, env: Env): Promise<Response> {
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = v.safeParse(ReplayBody, body.value);
  if (!parsed.success) return apiError(400, 'invalid_input', parsed.issues.map((issue) => issue.message).join('; '));
  const { filter: raw, expected } = parsed.output;
  const read = replayFilter(readFilter((name) => raw[name]));
  if (!read.ok) return read.response;
  if (expected !== undefined) {
    const { count } = await countReplayable(env.DB, read.filter);
    if (count > expected) return apiError(409, 'conflict', `${count} leads match now, not the ${expected} you were shown: count again before replaying`);
  }
  const replayed = await replayMatching(env.DB, read.filter, Date.now(), BULK_REPLAY_LIMIT);
  // Rows are pending and due now before any message is sent: if a send fails, the cron sweep queues them.
  for (let start = 0; start < replayed.length; start += SEND_BATCH) {
    await env.LEADS_QUEUE.sendBatch(replayed.slice(start, start + SEND_BATCH).map((lead) => ({ body: lead })));
  }
  const byForm = new Map<string, number>();
  for (const lead of replayed) byForm.set(lead.formId, (byForm.get(lead.formId) ?? 0) + 1);
  const { count: remaining } = await countReplayable(env.DB, read.filter);
  log({ event: 'admin.bulk_replay', replayed: replayed.length, remaining });
  return json({ replayed: replayed.length, byForm: [...byForm].map(([formId, count]) => ({ formId, count })), remaining }, 202);
}

/** GET /v1/admin/report/channels: leads by channel, source and campaign (default: the last 30 days, last touch). */
export async function channelReportRoute(url: URL, env: Env): Promise<Response> {
  const read = filterOfQuery(new URLSearchParams([...url.searchParams].filter(([name]) => ['from', 'to', 'form'].includes(name))));
  if (!read.ok) return invalid(read);
  const touch = url.searchParams.get('touch') ?? 'last';
  if (touch !== 'first' && touch !== 'last') return apiError(400, 'invalid_input', 'Some filters need attention', { touch: 'touch must be first or last' });
  const to = read.filter.to ?? Date.now();
  const from = read.filter.from ?? to - 30 * DAY_MS;
  return json({ from, to, touch, ...(await channelReport(env.DB, { touch, from, to, formId: read.filter.formId })) });
}
