// The edge over HTTP, as a site's visitors reach it: `wrangler dev` (local workerd) with the real
// Worker and the provider stand-ins (scripts/local-stack.ts), or with the passthrough Worker under
// the same config. Bounded clients post leads one at a time, then C at a time; the stand-ins say
// when each lead arrived; the admin API says what D1 holds afterwards.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ENV_FILE, demoForms, readEnvFile, ROOT, startLocalStack, type LocalStack } from '../scripts/local-stack.ts';
import { benchLead, markedIndexes } from './lead-body.ts';
import { descendantCpuMs } from './processes.ts';

/** The answer to one POST. */
export interface PostResult {
  index: number;
  formId: string;
  /** Date.now() when the request left, to compare with the stand-ins' `at`. */
  sentAt: number;
  latencyMs: number;
  httpStatus: number;
  id?: string;
  status?: string;
  error?: string;
}

/** A batch of POSTs: each answer, how long the batch took, and what workerd's processes used meanwhile. */
export interface PostBatch {
  concurrency: number;
  results: PostResult[];
  wallMs: number;
  workerdCpuMs: number;
}

/** The demo forms of wrangler.toml (one per provider), which the local stack points at the stand-ins. */
export function demoFormIds(): string[] {
  return Object.keys(demoForms() ?? {}).sort();
}

/** Posts leads `from` … `from + n - 1` of run `run`, lead i to form i mod forms, with `concurrency` clients. */
export async function postLeads(workerUrl: string, formIds: readonly string[], run: string, from: number, n: number, concurrency: number): Promise<PostBatch> {
  const origin = workerUrl;
  const results: PostResult[] = [];
  let next = from;
  const client = async () => {
    for (let index = next++; index < from + n; index = next++) {
      const formId = formIds[index % formIds.length] as string;
      const sentAt = Date.now();
      const started = performance.now();
      try {
        const response = await fetch(`${workerUrl}/v1/forms/${formId}/leads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify(benchLead(run, index)),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json().catch(() => ({}))) as { id?: string; status?: string };
        const accepted = response.status === 202 ? { ...(body.id ? { id: body.id } : {}), ...(body.status ? { status: body.status } : {}) } : {};
        results.push({ index, formId, sentAt, latencyMs: performance.now() - started, httpStatus: response.status, ...accepted });
      } catch (error) {
        results.push({ index, formId, sentAt, latencyMs: performance.now() - started, httpStatus: 0, error: String(error) });
      }
    }
  };
  const cpuBefore = descendantCpuMs('workerd');
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { concurrency, results: results.sort((a, b) => a.index - b.index), wallMs: performance.now() - started, workerdCpuMs: descendantCpuMs('workerd') - cpuBefore };
}

/** When the stand-ins first received each lead of run `run` (ms since epoch), and how many requests carried each. */
export function arrivals(stack: LocalStack, run: string): { firstAt: Map<number, number>; requests: Map<number, number> } {
  const firstAt = new Map<number, number>();
  const requests = new Map<number, number>();
  for (const record of stack.standIns.requests()) {
    for (const index of new Set(markedIndexes(run, `${record.url}\n${record.body}`))) {
      requests.set(index, (requests.get(index) ?? 0) + 1);
      if (!firstAt.has(index)) firstAt.set(index, Date.parse(record.at));
    }
  }
  return { firstAt, requests };
}

/** Waits (bounded) until the stand-ins have seen every lead in `indexes`. */
export async function waitForArrivals(stack: LocalStack, run: string, indexes: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { firstAt } = arrivals(stack, run);
    if (indexes.every((index) => firstAt.has(index))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A lead as the no-loss checks read it from D1. */
export interface StoredLead {
  status: string;
  possibleDuplicate: boolean;
}

/** Every lead D1 holds, by id, read page by page through the admin API. */
export async function storedLeads(workerUrl: string): Promise<Map<string, StoredLead>> {
  const token = readEnvFile(DEMO_ENV_FILE)['ADMIN_TOKEN'] ?? '';
  const statuses = new Map<string, StoredLead>();
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const query: string = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(`${workerUrl}/v1/admin/leads?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`[bench] GET /v1/admin/leads answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { leads: Array<{ id: string } & StoredLead>; nextCursor: string | null };
    for (const lead of body.leads) statuses.set(lead.id, { status: lead.status, possibleDuplicate: lead.possibleDuplicate });
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return statuses;
}

/** Every lead D1 holds, id -> status. */
export const storedStatuses = async (workerUrl: string): Promise<Map<string, string>> => new Map([...(await storedLeads(workerUrl))].map(([id, lead]) => [id, lead.status]));

/** A local stack on free ports with a fresh D1 under .tmp/bench/, and how long it took to serve. */
export async function startBenchStack(entry?: string, inspectorPort?: number): Promise<{ stack: LocalStack; startMs: number; cleanUp: () => Promise<void> }> {
  mkdirSync(join(ROOT, '.tmp', 'bench'), { recursive: true });
  const persistTo = mkdtempSync(join(ROOT, '.tmp', 'bench', 'state-'));
  const started = performance.now();
  const stack = await startLocalStack({ workerPort: 'free', standInPort: 0, persistTo, stdio: 'ignore', retargetDemoForms: true, ...(entry ? { entry } : {}), ...(inspectorPort === undefined ? {} : { inspectorPort }) });
  const startMs = performance.now() - started;
  return {
    stack,
    startMs,
    cleanUp: async () => {
      await stack.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
