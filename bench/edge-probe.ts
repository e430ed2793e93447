// The Worker's own work per lead, timed inside workerd by the probe (bench/workers/probe.ts) under
// `wrangler dev` with wrangler.toml's config: the whole fetch handler per accepted lead, with D1's
// share counted apart and the provider network replaced by an instant answer (its time counted
// apart too: it is the bench's code, in place of waiting on the network); the passthrough
// handler timed the same way; and each provider's request building and signing.
import { demoFormIds, startBenchStack } from './edge-http.ts';
import { descendantCpuMs } from './processes.ts';

/** How much to run. */
export interface ProbePlan {
  /** Leads per form before measuring (JIT, D1 statement caches). */
  warmup: number;
  /** Leads per form per repetition. */
  leadsPerForm: number;
  repetitions: number;
  /** Each timed loop of the passthrough and of request building runs at least this long. */
  minLoopMs: number;
}

/** One batch of leads through the Worker's handler, per lead. */
export interface AcceptSample {
  formId: string;
  logs: 'on' | 'muted';
  /** `instant`: D1 answered at once in the isolate (bench/workers/instant-d1.ts), no local D1 between the Worker's steps; absent: local D1. */
  d1?: 'instant';
  /** The handler, start to 202, D1 included. */
  handlerMs: number;
  /** Inside D1 calls: waiting for D1 (local D1 runs SQLite in the same workerd process), and workerd's D1 client in the call. */
  d1Ms: number;
  /** Inside the probe's provider stand-in, the bench's code in place of a fetch that waits on the network (absent in runs before it was timed). */
  standInMs?: number;
  /** handlerMs - d1Ms - standInMs: the Worker's own JavaScript, what Cloudflare bills as CPU (waits on D1 and the network are not). */
  workerMs: number;
  /** Both workerd processes' CPU over the batch, from /proc: the Worker, D1's SQLite, logging. */
  workerdCpuMs: number;
  statuses: Record<string, number>;
}

/** Building and signing one provider's request, per lead. */
export interface BuildSample {
  provider: string;
  leadsPerRequest: number;
  microsecondsPerLead: number;
}

/** The phone metadata's load (edge/phone-metadata.ts), ms. */
export interface PhoneMetadataLoad {
  /** The Worker's own load on the isolate's first API request: the asset fetched, parsed, checked (one sample). */
  firstLoadMs: number;
  /** Fetching the asset through ASSETS and reading its text, warm, per fetch. */
  fetchMs: number[];
  /** JSON.parse of its text, per parse. */
  parseMs: number[];
}

export interface ProbeResult {
  clockAdvances: boolean;
  phoneMetadata?: PhoneMetadataLoad | undefined;
  accept: AcceptSample[];
  /** The passthrough handler per call, ms. */
  passthroughMs: number[];
  /** One `console.log` line under `wrangler dev`, ms. */
  logLineMs: number[];
  build: BuildSample[];
}

/**
 * POSTs to a probe route, trying once more when wrangler dev restarted the Worker meanwhile (it
 * rebuilds whenever a source file changes); `url` is a function so the retry gets fresh leads.
 */
async function post<T>(url: () => string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const target = url();
    const response = await fetch(target, { method: 'POST', signal: AbortSignal.timeout(120_000) });
    if (response.ok) return (await response.json()) as T;
    const text = await response.text();
    if (attempt >= 2 || !/restarted/.test(text)) throw new Error(`[bench] probe ${target} answered ${response.status}: ${text}`);
  }
}

/** Runs the plan in a fresh local stack serving the probe. `run` keeps its leads apart from other runs'. */
export async function runProbe(plan: ProbePlan, run: string): Promise<ProbeResult> {
  const { stack, cleanUp } = await startBenchStack('bench/workers/probe.ts');
  const bench = (route: string, query: Record<string, string | number>) =>
    `${stack.workerUrl}/v1/bench/${route}?${new URLSearchParams({ run, ...Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])) })}`;
  try {
    // First of all: the isolate has not loaded the phone metadata yet.
    type Load = { loaded: boolean; loadMs: number; fetchMs: number; parseMs: number };
    const loads: Load[] = [];
    for (let repetition = 0; repetition < plan.repetitions; repetition++) loads.push(await post<Load>(() => bench('phone-metadata', { n: 20 })));
    if (!loads.every((load) => load.loaded)) throw new Error('[bench] the probe could not load the phone metadata from its assets (npm run build?)');
    const phoneMetadata = { firstLoadMs: loads[0]?.loadMs ?? Number.NaN, fetchMs: loads.map((load) => load.fetchMs), parseMs: loads.map((load) => load.parseMs) };
    const clock = await post<{ advances: boolean }>(() => bench('clock', {}));
    if (!clock.advances) return { clockAdvances: false, accept: [], passthroughMs: [], logLineMs: [], build: [] };
    const forms = demoFormIds();
    let offset = 0;
    const accept = async (formId: string, n: number, logs: AcceptSample['logs'], d1?: AcceptSample['d1']): Promise<AcceptSample> => {
      const cpuBefore = descendantCpuMs('workerd');
      const result = await post<{ totalMs: number; d1Ms: number; standInMs: number; statuses: Record<string, number> }>(() => {
        offset += n;
        return bench('accept', { form: formId, n, offset, ...(logs === 'muted' ? { quiet: 1 } : {}), ...(d1 ? { d1 } : {}) });
      });
      const workerdCpuMs = (descendantCpuMs('workerd') - cpuBefore) / n;
      const workerMs = (result.totalMs - result.d1Ms - result.standInMs) / n;
      return { formId, logs, ...(d1 ? { d1 } : {}), handlerMs: result.totalMs / n, d1Ms: result.d1Ms / n, standInMs: result.standInMs / n, workerMs, workerdCpuMs, statuses: result.statuses };
    };
    for (const formId of forms) await accept(formId, plan.warmup, 'on');
    const samples: AcceptSample[] = [];
    for (let repetition = 0; repetition < plan.repetitions; repetition++) {
      for (const formId of forms) {
        samples.push(await accept(formId, plan.leadsPerForm, 'on'));
        samples.push(await accept(formId, plan.leadsPerForm, 'muted'));
        samples.push(await accept(formId, plan.leadsPerForm, 'muted', 'instant'));
      }
    }

    const passthroughMs: number[] = [];
    for (let repetition = 0; repetition < plan.repetitions; repetition++) {
      const result = await post<{ n: number; totalMs: number }>(() => bench('passthrough', { ms: plan.minLoopMs }));
      passthroughMs.push(result.totalMs / result.n);
    }

    const logLineMs: number[] = [];
    for (let repetition = 0; repetition < plan.repetitions; repetition++) {
      const result = await post<{ lines: number; totalMs: number }>(() => bench('log', { ms: plan.minLoopMs }));
      logLineMs.push(result.totalMs / result.lines);
    }

    const build: BuildSample[] = [];
    const providers = await post<Array<{ provider: string; maxBatchSize: number }>>(() => bench('providers', {}));
    for (let repetition = 0; repetition < plan.repetitions; repetition++) {
      for (const { provider, maxBatchSize } of providers) {
        for (const batch of maxBatchSize > 1 ? [1, maxBatchSize] : [1]) {
          const result = await post<{ requests: number; leadsPerRequest: number; totalMs: number }>(() => bench('build', { provider, batch, ms: plan.minLoopMs }));
          build.push({ provider, leadsPerRequest: result.leadsPerRequest, microsecondsPerLead: (result.totalMs * 1000) / (result.requests * result.leadsPerRequest) });
        }
      }
    }
    return { clockAdvances: true, phoneMetadata, accept: samples, passthroughMs, logLineMs, build };
  } finally {
    await cleanUp();
  }
}
