// The phone metadata is a static asset each isolate loads once (edge/phone-metadata.ts): a fresh
// isolate's first requests, and what happens while the asset cannot be read: nothing is taken,
// nothing is lost, and the next request, or the cron's sweep of the queue's leads, takes it.
import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import examples from 'libphonenumber-js/examples.mobile.json';
import max from 'libphonenumber-js/metadata.max.json';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_NAMES, SWEEP_GRACE_MS } from '../../edge/constants.ts';
import { assetRequest, PHONE_EXAMPLES_PATH, PHONE_METADATA_PATH } from '../../edge/phone-metadata.ts';
import { TEST_SECRETS } from '../support/forms.ts';
import { deliveryHarness, leadState } from './delivery/harness.ts';
import { marker, receivedWith, scriptStandIn, submission } from './helpers.ts';

/** The Worker as a fresh isolate has it: every module evaluated anew, no metadata loaded yet. */
async function freshWorker() {
  vi.resetModules();
  return (await import('../../edge/index.ts')).default;
}

/**
 * The ASSETS binding, counting the fetches of `path` (the metadata unless said); while `failing`
 * is set, its fetch gets that answer (or throws, for 'throw') instead of the file.
 */
function countingAssets(path = PHONE_METADATA_PATH) {
  const state = { fetches: 0, failing: undefined as number | 'throw' | undefined };
  const ASSETS = {
    async fetch(request: Request): Promise<Response> {
      if (new URL(request.url).pathname !== path) return env.ASSETS.fetch(request);
      state.fetches++;
      if (state.failing === 'throw') throw new Error('assets unreachable');
      if (state.failing !== undefined) return new Response('no', { status: state.failing });
      return env.ASSETS.fetch(request);
    },
  };
  return { state, env: { ...env, ASSETS } as unknown as Env };
}

const leadRequest = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('https://leads.example.net/v1/forms/anarock-json/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.com', 'cf-connecting-ip': '198.51.100.7', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function post(worker: ExportedHandler<Env>, workerEnv: Env, request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const storedWithKey = (key: string) => env.DB.prepare("SELECT id, json_extract(submission, '$.phone.e164') AS e164 FROM leads WHERE idempotency_key = ?1").bind(key).all<{ id: string; e164: string }>();

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('the phone metadata asset', () => {
  it('is the package’s max metadata, byte for byte as parsed', async () => {
    const served = await env.ASSETS.fetch(assetRequest(PHONE_METADATA_PATH));
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(max);
  });

  it('is fetched once by a fresh isolate, whose first leads (at once) are read with it', async () => {
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets();
    const bodies = [submission(marker(), { fields: { phone: '98765 43210' } }), submission(marker(), { fields: { phone: '+44 7123 456789' } })];
    const answers = await Promise.all(bodies.map((body) => post(worker, workerEnv, leadRequest(body))));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    expect(state.fetches).toBe(1);
    expect((await storedWithKey(bodies[0]!.idempotencyKey)).results).toEqual([{ id: expect.any(String), e164: '+919876543210' }]);
    expect((await storedWithKey(bodies[1]!.idempotencyKey)).results).toEqual([{ id: expect.any(String), e164: '+447123456789' }]);
    expect((await post(worker, workerEnv, leadRequest(submission(marker())))).status).toBe(202);
    expect(state.fetches).toBe(1);
  });
});

describe('the example mobile numbers', () => {
  const consoleRequest = () =>
    new Request('https://leads.example.net/v1/admin/forms/anarock-json/preview', { method: 'POST', headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });

  it('are the package’s file, fetched by the operator console only, once', async () => {
    const served = await env.ASSETS.fetch(assetRequest(PHONE_EXAMPLES_PATH));
    expect(await served.json()).toEqual(examples);
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets(PHONE_EXAMPLES_PATH);
    expect((await post(worker, workerEnv, leadRequest(submission(marker())))).status).toBe(202);
    expect(state.fetches).toBe(0);
    for (let preview = 0; preview < 2; preview++) expect((await post(worker, workerEnv, consoleRequest())).status).toBe(200);
    expect(state.fetches).toBe(1);
  });

  it('answer the console 503 while they cannot be read, and leads are taken meanwhile', async () => {
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets(PHONE_EXAMPLES_PATH);
    state.failing = 404;
    const refused = await post(worker, workerEnv, consoleRequest());
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'server_error' } });
    expect((await post(worker, workerEnv, leadRequest(submission(marker())))).status).toBe(202);
    state.failing = undefined;
    expect((await post(worker, workerEnv, consoleRequest())).status).toBe(200);
  });
});

describe('while the phone metadata cannot be read', () => {
  it('answers a lead 503 (readable by the page, which sends it again), stores nothing, and takes the same lead once it can', async () => {
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets();
    const log = vi.spyOn(console, 'log');
    const mark = marker();
    const body = submission(mark);
    for (const failing of [404, 'throw'] as const) {
      state.failing = failing;
      const refused = await post(worker, workerEnv, leadRequest(body));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(await refused.json()).toMatchObject({ error: { code: 'server_error', message: expect.stringContaining('nothing was stored') } });
    }
    const unavailable = log.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('phone_metadata.unavailable'));
    expect(unavailable.map((line) => JSON.parse(line) as unknown)).toEqual([
      { event: 'phone_metadata.unavailable', error: `ASSETS answered 404 for ${PHONE_METADATA_PATH}` },
      { event: 'phone_metadata.unavailable', error: 'assets unreachable' },
    ]);
    expect((await storedWithKey(body.idempotencyKey)).results).toEqual([]);

    state.failing = undefined;
    const accepted = await post(worker, workerEnv, leadRequest(body));
    expect(accepted.status).toBe(202);
    expect((await storedWithKey(body.idempotencyKey)).results).toHaveLength(1);
    expect(await receivedWith(mark)).toHaveLength(1);
    expect(state.fetches).toBe(3);
  });

  it('answers a plain form post with a page saying so, and the admin API with a 503', async () => {
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets();
    state.failing = 500;
    const form = await post(worker, workerEnv, leadRequest(new URLSearchParams({ name: 'Asha', phone: '98765 43210' }).toString(), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }));
    expect(form.status).toBe(503);
    expect(form.headers.get('content-type')).toContain('text/html');
    expect(await form.text()).toContain('nothing was stored');
    const admin = await post(worker, workerEnv, new Request('https://leads.example.net/v1/admin/forms', { headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}` } }));
    expect(admin.status).toBe(503);
  });

  it('takes the queue\'s messages without claiming or sending a lead, and the cron\'s sweep queues it again once the metadata loads', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, match: mark }]);
    const pending = await deliveryHarness([0, 0]).accept('anarock-json', submission(mark));
    expect(pending.status).toBe('pending');
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets();
    const message = { id: 'm1', timestamp: new Date(), attempts: 1, body: { leadId: pending.id, formId: 'anarock-json' } };

    state.failing = 503;
    const refused = createMessageBatch<unknown>(QUEUE_NAMES.leads, [message]);
    const ctx = createExecutionContext();
    await worker.queue!(refused, workerEnv);
    // Taken, not retried: max_retries of redeliveries would dead-letter the lead for an outage of our own.
    expect(await getQueueResult(refused, ctx)).toMatchObject({ ackAll: true, retryBatch: { retry: false } });
    expect((await leadState(pending.id)).lead).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await receivedWith(mark)).toHaveLength(1);

    state.failing = undefined;
    // The lead stayed due in D1: the cron's sweep, past its grace, queues it again.
    const { runCron } = await import('../../edge/background.ts');
    const queued: unknown[] = [];
    const recording = { ...workerEnv, LEADS_QUEUE: { send: async (body: unknown) => void queued.push(body) } } as unknown as Env;
    await runCron(recording, Date.now() + SWEEP_GRACE_MS + 1000);
    expect(queued).toContainEqual({ leadId: pending.id, formId: 'anarock-json' });
    const retried = createMessageBatch<unknown>(QUEUE_NAMES.leads, [message]);
    await worker.queue!(retried, workerEnv);
    expect((await leadState(pending.id)).lead).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await receivedWith(mark)).toHaveLength(2);
  });

  it('skips the cron\'s maintenance, which the next run makes up for', async () => {
    const worker = await freshWorker();
    const { state, env: workerEnv } = countingAssets();
    state.failing = 503;
    const ctx = createExecutionContext();
    await worker.scheduled!({ cron: '*/5 * * * *', scheduledTime: Date.now(), type: 'scheduled', noRetry: () => undefined } as ScheduledController, workerEnv, ctx);
    await expect(waitOnExecutionContext(ctx)).resolves.toBeUndefined();
    expect(state.fetches).toBe(1);
  });
});
