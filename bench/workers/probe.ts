// The edge benchmarks' probe: the real Worker (edge/index.ts) with wrangler.toml's bindings, plus
// routes under /v1/bench/ that run work many times inside one request and time it there. Local
// workerd lets Date.now() advance while code runs (production freezes it until the next I/O); it
// ticks in whole milliseconds, so every figure is a batch divided by its size.
import * as v from 'valibot';
import worker from '../../edge/index.ts';
import { assetRequest, loadPhoneMetadata, PHONE_METADATA_PATH } from '../../edge/phone-metadata.ts';
import { providers, type ProviderName } from '../../edge/providers/index.ts';
import type { ProviderDefinition, ProviderLead } from '../../edge/providers/types.ts';
import { conformanceFixtures } from '../../test/edge/providers/fixtures/index.ts';
import { benchLead } from '../lead-body.ts';
import { fakeProviderFetch } from './fake-provider.ts';
import { instantD1 } from './instant-d1.ts';
import passthrough from './passthrough.ts';
import { timeD1Calls, type D1Time } from './timed-d1.ts';

const numberParam = (url: URL, name: string, fallback: number): number => Math.max(0, Number(url.searchParams.get(name) ?? fallback) || 0);

const UTF8 = new TextEncoder();

/**
 * A browser's POST from `origin`, which the demo forms allow (the local stack points them at the
 * Worker's own origin). It carries the Content-Length a browser's fetch of a string body sends
 * (a Request made here has none, which would make the Worker stream the body as if chunked).
 */
function leadRequest(origin: string, formId: string, body: unknown): Request<unknown, IncomingRequestCfProperties> {
  const bytes = UTF8.encode(JSON.stringify(body));
  const headers = { 'content-type': 'application/json', 'content-length': String(bytes.byteLength), origin };
  return new Request(`${origin}/v1/forms/${formId}/leads`, { method: 'POST', headers, body: bytes }) as Request<unknown, IncomingRequestCfProperties>;
}

/** Whether the clock moves during work here (it must, for any figure of this probe to mean something). */
function clockAdvances(): { advances: boolean; busyMs: number } {
  const start = Date.now();
  let spin = 0;
  while (Date.now() - start < 20 && spin < 1e9) spin++;
  return { advances: Date.now() - start >= 20, busyMs: Date.now() - start };
}

/**
 * n leads through the Worker's own fetch handler, as the browser would post them, with every D1
 * call timed and the provider network replaced by an instant answer, also timed: that stand-in is
 * the bench's code, in place of a fetch that waits on the network. `instant` replaces local D1 with
 * one that answers at once (bench/workers/instant-d1.ts). Returns the total and both shares.
 */
async function acceptLeads(realEnv: Env, origin: string, formId: string, run: string, offset: number, n: number, quiet: boolean, instant: boolean) {
  const env = instant ? ({ ...realEnv, DB: instantD1() } as Env) : realEnv;
  const d1: D1Time = { ms: 0, calls: 0 };
  const standIn = { ms: 0, calls: 0 };
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (promise: Promise<unknown>) => void pending.push(promise), passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext;
  const responses: Response[] = [];
  const realFetch = globalThis.fetch;
  const realLog = console.log;
  const requests = Array.from({ length: n }, (_, index) => leadRequest(origin, formId, benchLead(run, offset + index)));
  const stopTiming = timeD1Calls(env.DB, d1);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const start = Date.now();
    try {
      return await fakeProviderFetch(input, init);
    } finally {
      standIn.ms += Date.now() - start;
      standIn.calls += 1;
    }
  }) as typeof fetch;
  if (quiet) console.log = () => undefined;
  const start = Date.now();
  try {
    for (const request of requests) {
      responses.push(await worker.fetch(request, env, ctx));
      await Promise.all(pending.splice(0));
    }
  } finally {
    stopTiming();
    globalThis.fetch = realFetch;
    console.log = realLog;
  }
  const totalMs = Date.now() - start;
  // Read after the clock stopped: what the visitor was told, e.g. {"delivered": 60}.
  const statuses: Record<string, number> = {};
  for (const response of responses) {
    const answer = response.status === 202 ? ((await response.json()) as { status: string }).status : `http ${response.status}`;
    statuses[answer] = (statuses[answer] ?? 0) + 1;
  }
  return { formId, n, totalMs, d1Ms: d1.ms, d1Calls: d1.calls, standInMs: standIn.ms, standInCalls: standIn.calls, statuses };
}

/** Calls of the passthrough Worker's handler with the same bodies, for at least `minMs` (requests made outside the clock). */
async function passthroughCalls(origin: string, run: string, minMs: number) {
  let calls = 0;
  let totalMs = 0;
  while (totalMs < minMs && calls < 10_000_000) {
    const requests = Array.from({ length: 500 }, (_, index) => leadRequest(origin, 'demo', benchLead(run, calls + index)));
    const start = Date.now();
    for (const request of requests) await passthrough.fetch(request);
    totalMs += Date.now() - start;
    calls += requests.length;
  }
  return { n: calls, totalMs };
}

/** One `console.log` of a line like the Worker's, for at least `minMs`: what local log transport costs. */
function logLines(minMs: number) {
  const line = JSON.stringify({ event: 'lead.accepted', leadId: crypto.randomUUID(), formId: 'demo-anarock', provider: 'anarock' });
  let lines = 0;
  const start = Date.now();
  while (Date.now() - start < minMs && lines < 10_000_000) {
    for (let index = 0; index < 20; index++) console.log(line);
    lines += 20;
  }
  return { lines, totalMs: Date.now() - start };
}

/**
 * What the first API request of an isolate pays for the phone metadata: the Worker's own load
 * (the asset fetched through ASSETS, parsed, checked), timed once when this is the isolate's first
 * call of it; then the asset fetch and JSON.parse apart, `n` times each, warm.
 */
async function phoneMetadataLoad(env: Env, n: number) {
  let start = Date.now();
  const loaded = await loadPhoneMetadata(env.ASSETS);
  const loadMs = Date.now() - start;
  const texts: string[] = [];
  start = Date.now();
  for (let index = 0; index < n; index++) texts.push(await (await env.ASSETS.fetch(assetRequest(PHONE_METADATA_PATH))).text());
  const fetchMs = (Date.now() - start) / n;
  start = Date.now();
  for (const text of texts) JSON.parse(text);
  return { loaded, loadMs, fetchMs, parseMs: (Date.now() - start) / n };
}

/** The provider's adapter configured with its conformance fixture's options. */
function adapterOf(provider: ProviderName, options: unknown) {
  const definition = providers[provider] as ProviderDefinition<unknown>;
  return definition.create(v.parse(definition.optionsSchema, options));
}

/** Signed requests of one provider, built from its conformance fixture, `batch` leads each, for at least `minMs`. */
async function buildRequests(provider: string, minMs: number, batch: number) {
  const fixture = conformanceFixtures.find((candidate) => candidate.provider === provider);
  if (!fixture) return { error: `no conformance fixture for ${provider}` };
  const adapter = adapterOf(fixture.provider, fixture.options);
  const size = Math.max(1, Math.min(batch, adapter.maxBatchSize));
  // Distinct ids and emails: a batch of one email is sent as one lead (hotwire.txt).
  const leads: ProviderLead[] = Array.from({ length: size }, (_, index) => ({
    ...fixture.lead,
    id: `${fixture.lead.id.slice(0, -4)}${String(index).padStart(4, '0')}`,
    fields: Object.assign({}, fixture.lead.fields, { email: `lead${index}@example.com` }),
  }));
  const now = new Date(1_795_000_000_000);
  for (let index = 0; index < 50; index++) await adapter.buildRequest(leads, fixture.secrets, now); // warm-up: JIT, imported keys
  let requests = 0;
  const start = Date.now();
  while (Date.now() - start < minMs && requests < 10_000_000) {
    for (let index = 0; index < 100; index++) await adapter.buildRequest(leads, fixture.secrets, now);
    requests += 100;
  }
  return { provider, requests, leadsPerRequest: size, totalMs: Date.now() - start };
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/v1/bench/')) return worker.fetch(request, env, ctx);
    // Before anything else loads the metadata: the probe's first requests time the load.
    if (url.pathname === '/v1/bench/phone-metadata') return Response.json(await phoneMetadataLoad(env, numberParam(url, 'n', 20)));
    // Request building reads phones without the Worker's fetch handler, which loads the metadata.
    if (!(await loadPhoneMetadata(env.ASSETS))) return new Response('no phone metadata in the assets', { status: 503 });
    const run = url.searchParams.get('run') ?? 'probe';
    switch (url.pathname) {
      case '/v1/bench/clock':
        return Response.json(clockAdvances());
      case '/v1/bench/accept':
        return Response.json(await acceptLeads(env, url.origin, url.searchParams.get('form') ?? '', run, numberParam(url, 'offset', 0), numberParam(url, 'n', 50), url.searchParams.has('quiet'), url.searchParams.get('d1') === 'instant'));
      case '/v1/bench/passthrough':
        return Response.json(await passthroughCalls(url.origin, run, numberParam(url, 'ms', 200)));
      case '/v1/bench/log':
        return Response.json(logLines(numberParam(url, 'ms', 200)));
      case '/v1/bench/build':
        return Response.json(await buildRequests(url.searchParams.get('provider') ?? '', numberParam(url, 'ms', 200), numberParam(url, 'batch', 1)));
      case '/v1/bench/providers':
        return Response.json(conformanceFixtures.map((fixture) => ({ provider: fixture.provider, maxBatchSize: adapterOf(fixture.provider, fixture.options).maxBatchSize })));
      default:
        return new Response('no such bench route', { status: 404 });
    }
  },
  queue: worker.queue,
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Env>;
