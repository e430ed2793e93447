// Per-lead cost over HTTP, throughput, end-to-end latency and the no-loss check: the real Worker and
// the passthrough Worker, each in its own `wrangler dev`, under the same clients in the same run.
import { arrivals, demoFormIds, postLeads, startBenchStack, storedStatuses, waitForArrivals, type PostBatch } from './edge-http.ts';
import { percentile, summarize, type Summary } from './stats.ts';

/** Sizes of the load: leads posted one at a time, then with `concurrency` clients. */
export interface LoadPlan {
  warmup: number;
  sequential: number;
  load: number;
  concurrency: number;
}

/** One phase of posting, summarized. */
export interface PhaseResult {
  concurrency: number;
  posted: number;
  accepted: number;
  /** Answers other than 202, by HTTP status (0: no answer). */
  refused: Record<string, number>;
  wallMs: number;
  acceptedPerSecond: number;
  /** POST until its 202, ms. */
  latency: Summary & { p99: number };
  /** workerd's CPU (both of wrangler dev's workerd processes) divided by the requests. */
  workerdCpuMsPerRequest: number;
  /** POST until the provider stand-in received the lead, ms (the real Worker only). */
  endToEnd?: Summary & { p99: number; received: number };
}

/** What D1 and the stand-ins hold after the load, for every lead the Worker accepted. */
export interface NoLossResult {
  accepted: number;
  /** Accepted leads by their status in D1. */
  stored: Record<string, number>;
  missing: string[];
  /** Accepted leads in D1 that are neither delivered nor pending. */
  unsettled: number;
  receivedByStandIns: number;
  /** Leads the stand-ins received more than once. */
  receivedTwice: number;
  ok: boolean;
}

/** One Worker under the plan. */
export interface TargetResult {
  target: 'leadrelay' | 'passthrough';
  /** Spawning the local stack until it served (D1 migrations, stand-ins, wrangler dev). */
  stackStartMs: number;
  sequential: PhaseResult;
  load: PhaseResult;
  noLoss?: NoLossResult;
}

const withP99 = (values: number[]): Summary & { p99: number } => ({ ...summarize(values), p99: percentile(values, 99) });

/** One batch of POSTs summarized; `firstAt` (the stand-ins' arrivals) adds the end-to-end latency. */
function phase(batch: PostBatch, firstAt?: Map<number, number>): PhaseResult {
  const accepted = batch.results.filter((result) => result.httpStatus === 202);
  const refused: Record<string, number> = {};
  for (const result of batch.results) if (result.httpStatus !== 202) refused[String(result.httpStatus)] = (refused[String(result.httpStatus)] ?? 0) + 1;
  const endToEnd = firstAt
    ? accepted.flatMap((result) => {
        const at = firstAt.get(result.index);
        return at === undefined ? [] : [at - result.sentAt];
      })
    : undefined;
  return {
    concurrency: batch.concurrency,
    posted: batch.results.length,
    accepted: accepted.length,
    refused,
    wallMs: batch.wallMs,
    acceptedPerSecond: accepted.length / (batch.wallMs / 1000),
    latency: withP99(accepted.map((result) => result.latencyMs)),
    workerdCpuMsPerRequest: batch.workerdCpuMs / batch.results.length,
    ...(endToEnd ? { endToEnd: { ...withP99(endToEnd), received: endToEnd.length } } : {}),
  };
}

/** Runs the plan against the real Worker (entry undefined) or the passthrough. */
export async function runTarget(target: TargetResult['target'], plan: LoadPlan, run: string): Promise<TargetResult> {
  const { stack, startMs, cleanUp } = await startBenchStack(target === 'passthrough' ? 'bench/workers/passthrough.ts' : undefined);
  try {
    const forms = demoFormIds();
    const warmup = await postLeads(stack.workerUrl, forms, run, 0, plan.warmup, 1);
    const sequential = await postLeads(stack.workerUrl, forms, run, plan.warmup, plan.sequential, 1);
    const load = await postLeads(stack.workerUrl, forms, run, plan.warmup + plan.sequential, plan.load, plan.concurrency);
    if (target === 'passthrough') return { target, stackStartMs: startMs, sequential: phase(sequential), load: phase(load) };

    // Every lead the Worker said it accepted, warm-up included, must be in D1, delivered or waiting.
    const accepted = [...warmup.results, ...sequential.results, ...load.results].filter((result) => result.httpStatus === 202);
    await waitForArrivals(stack, run, accepted.map((result) => result.index), 20_000);
    const { firstAt, requests } = arrivals(stack, run);
    return { target, stackStartMs: startMs, sequential: phase(sequential, firstAt), load: phase(load, firstAt), noLoss: await noLoss(stack.workerUrl, accepted.map((result) => result.id ?? ''), firstAt, requests) };
  } finally {
    await cleanUp();
  }
}

/** Looks up every accepted id in D1 (through the admin API) and counts what the stand-ins received. */
async function noLoss(workerUrl: string, acceptedIds: string[], firstAt: Map<number, number>, requests: Map<number, number>): Promise<NoLossResult> {
  const statuses = await storedStatuses(workerUrl);
  const stored: Record<string, number> = {};
  const missing: string[] = [];
  for (const id of acceptedIds) {
    const status = statuses.get(id);
    if (status === undefined) missing.push(id);
    else stored[status] = (stored[status] ?? 0) + 1;
  }
  const unsettled = acceptedIds.length - missing.length - (stored['delivered'] ?? 0) - (stored['pending'] ?? 0);
  return {
    accepted: acceptedIds.length,
    stored,
    missing,
    unsettled,
    receivedByStandIns: firstAt.size,
    receivedTwice: [...requests.values()].filter((count) => count > 1).length,
    ok: missing.length === 0 && unsettled === 0,
  };
}
