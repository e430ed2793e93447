// Black-box: a lead posted to the Worker, delivered to the Hotwire stand-in, and what D1 keeps.
import { env } from 'cloudflare:workers';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../../edge/crypto/md5.ts';
import { deliverLeads } from '../../../edge/delivery/deliver.ts';
import { DUPLICATE_NOTE } from '../../../edge/providers/hotwire-response.ts';
import { hotwire } from '../../../edge/providers/hotwire.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';
import type { RecordedRequest } from '../../../standins/types.ts';
import { TEST_SECRETS } from '../../support/forms.ts';
import { marker, postLead, receivedWith, scriptStandIn, standInUrl, submission } from '../helpers.ts';

const API_KEY: string = TEST_SECRETS.HOTWIRE_TEST_APIKEY;
const SECRET: string = TEST_SECRETS.HOTWIRE_TEST_SECRET;

const leadRow = (id: string) => env.DB.prepare('SELECT * FROM leads WHERE id = ?').bind(id).first<Record<string, unknown>>();

/** Posts a lead whose name and email carry `mark`; returns the Worker's answer body. */
async function post(formId: string, mark: string, overrides: Parameters<typeof submission>[1] = {}) {
  const body = submission(mark, { ...overrides, fields: { email: `asha.${mark}@example.com`, ...overrides.fields } });
  const response = await postLead(formId, body);
  return { status: response.status, body: (await response.json()) as { id: string; status: string; error?: { fields: Record<string, string> } } };
}

/** The one request the stand-in received for `mark`, after checking it was signed and passed every check. */
async function onlyRequest(mark: string): Promise<RecordedRequest> {
  const received = await receivedWith(mark);
  expect(received).toHaveLength(1);
  const [request] = received as [RecordedRequest];
  expect(request.checks.filter((check) => !check.ok)).toEqual([]);
  expect(request.authenticated).toBe(true);
  return request;
}

/** Asserts the URL carries the API key and a sig made with the secret at the second the stand-in found. */
async function expectSigned(request: RecordedRequest) {
  const url = new URL(request.url, standInUrl());
  expect(url.pathname).toBe('/hotwire/api/leads');
  expect([...url.searchParams.keys()]).toEqual(['apikey', 'sig']);
  expect(url.searchParams.get('apikey')).toBe(API_KEY);
  const signedAt = Number(request.checks.find((check) => check.name.startsWith('sig = MD5'))?.detail?.replace('signed at ', ''));
  expect(Math.abs(signedAt - Date.now() / 1000)).toBeLessThan(60);
  expect(url.searchParams.get('sig')).toBe(await md5Hex(`${API_KEY}${SECRET}${signedAt}`));
  expect(request.headers).toEqual({
    accept: 'application/json',
    'content-type': 'application/json',
    'content-length': String(new TextEncoder().encode(request.body).length),
    host: new URL(standInUrl()).host,
    'cf-worker': expect.any(String), // added by the Workers runtime to every outbound fetch
  });
  expect(JSON.stringify(request)).not.toContain(SECRET);
}

describe('hotwire delivery through the Worker', () => {
  it('signs and delivers a lead, every documented field mapped', async () => {
    const mark = marker();
    const answer = await post('hotwire-test', mark, { fields: { gender: 'female', age: '34', phone: '+91 98765 43210', message: 'hi' } });
    expect(answer).toEqual({ status: 202, body: { id: expect.any(String), status: 'delivered' } });
    const request = await onlyRequest(mark);
    await expectSigned(request);
    expect(request.method).toBe('POST');
    expect(request.body).toBe(JSON.stringify([{ firstName: 'Asha', lastName: mark, email: `asha.${mark}@example.com`, source: 'google', gender: 'F', age: 34 }]));
    expect(request.response).toEqual({ status: 200, body: [{ email: `asha.${mark}@example.com`, responseCodes: 'USER_CREATED' }] });
    const row = await leadRow(answer.body.id);
    expect(row).toMatchObject({ form_id: 'hotwire-test', provider: 'hotwire', status: 'delivered', attempts: 1, provider_lead_id: null, last_error: null });
    expect(JSON.stringify(row)).not.toContain(API_KEY);
    expect(JSON.stringify(row)).not.toContain(SECRET);
  });

  it('falls back to the form’s fixed source without attribution, and leaves out a gender Hotwire cannot hold', async () => {
    const mark = marker();
    expect((await post('hotwire-test', mark, { attribution: {}, fields: { gender: 'non-binary' } })).body.status).toBe('delivered');
    expect((await onlyRequest(mark)).parsed).toEqual([{ firstName: 'Asha', lastName: mark, email: `asha.${mark}@example.com`, source: 'leadrelay-test' }]);
  });

  it('reads mapped first/last name, gender and age fields and a fixed source on a production form', async () => {
    const mark = marker();
    // The default full name `Asha <mark>` travels along too: typed first/last fields win over it.
    const answer = await post('hotwire-split', mark, { fields: { first_name: 'Mary', last_name: `Ann ${mark}`, sex: 'M', years: '41' } });
    expect(answer.body.status).toBe('delivered');
    const request = await onlyRequest(mark);
    await expectSigned(request);
    expect(request.parsed).toEqual([{ firstName: 'Mary', lastName: `Ann ${mark}`, email: `asha.${mark}@example.com`, source: 'eBay', gender: 'M', age: 41 }]);
  });

  it('delivers a second lead with a known email: Hotwire answers USER_NOT_CREATED with 200', async () => {
    const mark = marker();
    const first = await post('hotwire-test', mark);
    const second = await post('hotwire-test', mark, { fields: { name: `Asha B ${mark}` } });
    expect([first.body.status, second.body.status]).toEqual(['delivered', 'delivered']);
    const received = await receivedWith(mark);
    expect(received.map((item) => item.response.body)).toEqual([
      [{ email: `asha.${mark}@example.com`, responseCodes: 'USER_CREATED' }],
      [{ email: `asha.${mark}@example.com`, responseCodes: 'USER_NOT_CREATED' }],
    ]);
    expect(await leadRow(second.body.id)).toMatchObject({ status: 'delivered', last_error: null });
  });

  it('answers 400 on the form field for a lead Hotwire could not take, and sends nothing', async () => {
    const mark = marker();
    expect((await post('hotwire-test', mark, { fields: { name: mark } })).body).toMatchObject({ error: { fields: { name: 'Enter your first and last name' } } });
    expect((await post('hotwire-test', mark, { fields: { age: 'thirty' } })).body).toMatchObject({ error: { fields: { age: 'Enter your age in whole years' } } });
    const split = await post('hotwire-split', mark, { fields: { first_name: `Mary${mark}` } });
    expect(split).toMatchObject({ status: 400, body: { error: { fields: { last_name: 'Enter your last name' } } } });
    expect(await receivedWith(mark)).toEqual([]);
  });

  it('holds the lead when the stand-in refuses the signature (wrong secret): pending to the visitor', async () => {
    const mark = marker();
    const answer = await post('hotwire-badsig', mark);
    expect(answer.body.status).toBe('pending');
    const [request] = await receivedWith(mark);
    expect(request?.authenticated).toBe(false);
    expect(request?.response).toEqual({ status: 401, body: { status: 401, error: 'Unauthorized', message: 'Invalid apikey or sig' } });
    const row = await leadRow(answer.body.id);
    expect(row).toMatchObject({ status: 'held', attempts: 1, last_error: "401 Invalid apikey or sig (credentials refused: fix the form's secret, and held leads go through on their next attempt)" });
    expect(JSON.stringify(row)).not.toContain(TEST_SECRETS.HOTWIRE_TEST_WRONG_SECRET);
  });

  const scripted: { name: string; status: number; body: (mark: string) => unknown; lead: string; lastError: (mark: string) => string | null }[] = [
    { name: '400 with a message', status: 400, body: () => ({ message: 'User creation failed' }), lead: 'rejected', lastError: () => '400 User creation failed' },
    { name: '400 with an empty body', status: 400, body: () => '', lead: 'rejected', lastError: () => '400 (empty body)' },
    { name: '503', status: 503, body: () => ({ message: 'upstream down' }), lead: 'pending', lastError: () => '503 upstream down' },
    { name: '500', status: 500, body: () => 'Internal Server Error', lead: 'pending', lastError: () => '500 Internal Server Error' },
    { name: '429', status: 429, body: () => ({ error: 'slow down' }), lead: 'pending', lastError: () => '429 slow down' },
    { name: '200 not listing the email', status: 200, body: () => [{ email: 'other@example.com', responseCodes: 'USER_CREATED' }], lead: 'pending', lastError: () => "200 Hotwire's answer does not list this lead's email" },
    { name: '200 unreadable', status: 200, body: () => '<html>maintenance</html>', lead: 'pending', lastError: () => 'unexpected 200 answer: 200 <html>maintenance</html>' },
    { name: '200 with an unknown code', status: 200, body: (mark) => [{ email: `asha.${mark}@example.com`, responseCodes: 'QUEUED' }], lead: 'pending', lastError: () => '200 unexpected responseCodes for this lead\'s email: ["QUEUED"]' },
    { name: '200 USER_NOT_CREATED', status: 200, body: (mark) => [{ email: `ASHA.${mark}@example.com`, responseCodes: 'USER_NOT_CREATED' }], lead: 'delivered', lastError: () => null },
  ];

  it.each(scripted)('records $name as $lead', async ({ status, body, lead, lastError }) => {
    const mark = marker();
    await scriptStandIn('hotwire', [{ status, body: body(mark), match: mark }]);
    const answer = await post('hotwire-test', mark);
    expect(answer.body.status).toBe(lead);
    expect(await leadRow(answer.body.id)).toMatchObject({ status: lead, attempts: 1, last_error: lastError(mark) });
  });
});

describe('hotwire stand-in judges requests as hotwire.txt describes', () => {
  const call = async (body: string, { seconds = Math.floor(Date.now() / 1000), method = 'POST', apikey = API_KEY } = {}) => {
    const sig = await md5Hex(`${API_KEY}${SECRET}${seconds}`);
    const response = await fetch(`${standInUrl()}/hotwire/api/leads?apikey=${apikey}&sig=${sig}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'GET' ? {} : { body }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const one = (mark: string, extra: Record<string, unknown> = {}) => JSON.stringify([{ firstName: 'A', lastName: mark, email: `${mark}@example.com`, ...extra }]);

  it('creates users from a fresh signature and refuses stale, future or foreign ones', async () => {
    const now = Math.floor(Date.now() / 1000);
    const mark = marker();
    expect(await call(one(mark), { seconds: now - 240 })).toEqual({ status: 200, body: [{ email: `${mark}@example.com`, responseCodes: 'USER_CREATED' }] });
    for (const [seconds, apikey] of [[now - 600, API_KEY], [now + 300, API_KEY], [now, 'someone-else']] as const) {
      expect(await call(one(marker()), { seconds, apikey })).toMatchObject({ status: 401, body: { message: 'Invalid apikey or sig' } });
    }
  });

  it('answers 400 to an empty or invalid array, creating nobody', async () => {
    const mark = marker();
    const bad = [
      '[]',
      '{"firstName":"A"}',
      'not json',
      one(mark, { gender: 'female' }),
      one(mark, { age: '21' }),
      one(mark, { age: 21.5 }),
      one(mark, { phone: '123' }),
      JSON.stringify([{ firstName: 'A', email: `${mark}@example.com` }]),
    ];
    for (const body of bad) expect((await call(body)).status, body).toBe(400);
    expect(await call(one(mark, { source: 'eBay', gender: 'F', age: 21 }))).toEqual({ status: 200, body: [{ email: `${mark}@example.com`, responseCodes: 'USER_CREATED' }] });
  });

  it('answers 405 to a method other than POST', async () => {
    expect((await call('', { method: 'GET' })).status).toBe(405);
  });
});

describe('hotwire batches (the Worker sends one lead per request; batching is tested on deliverLeads)', () => {
  const adapter = hotwire.create(v.parse(hotwire.optionsSchema, { environment: 'qa', baseUrl: `${standInUrl()}/hotwire` }));
  const secrets = { apiKey: API_KEY, secret: SECRET };
  const leadFor = (mark: string, name: string, email: string): ProviderLead => ({
    id: crypto.randomUUID(),
    fields: { name: `${name} ${mark}`, email },
    phone: undefined,
    attribution: { last: { utm_source: 'newsletter' } },
    receivedAt: Date.now(),
  });

  it('sends leads of one form in one array and answers each by its email', async () => {
    const mark = marker();
    const known = leadFor(mark, 'Known', `known.${mark}@example.com`);
    expect(await deliverLeads(adapter, [known], secrets, (request) => fetch(request), new Date())).toEqual([{ kind: 'delivered', status: 200 }]);
    const a = leadFor(mark, 'Ana', `ana.${mark}@example.com`);
    const b = leadFor(mark, 'Bo', `bo.${mark}@example.com`);
    const aAgain = leadFor(mark, 'Anabel', `ANA.${mark}@example.com`);
    const results = await deliverLeads(adapter, [a, b, aAgain, known], secrets, (request) => fetch(request), new Date());
    expect(results).toEqual([
      { kind: 'delivered', status: 200 },
      { kind: 'delivered', status: 200 },
      { kind: 'delivered', status: 200, note: 'same email as an earlier lead of this batch, sent once: USER_CREATED' },
      { kind: 'delivered', status: 200, note: DUPLICATE_NOTE },
    ]);
    const [, batch, ...more] = await receivedWith(mark);
    expect(more).toEqual([]);
    expect(batch?.checks.filter((check) => !check.ok)).toEqual([]);
    expect(batch?.parsed).toEqual([
      { firstName: 'Ana', lastName: mark, email: `ana.${mark}@example.com`, source: 'newsletter' },
      { firstName: 'Bo', lastName: mark, email: `bo.${mark}@example.com`, source: 'newsletter' },
      { firstName: 'Known', lastName: mark, email: `known.${mark}@example.com`, source: 'newsletter' },
    ]);
  });

  it('finds the one lead a 400 is about by halving the batch: its batch-mates are created once, it alone is rejected', async () => {
    const mark = marker();
    const badMark = marker();
    const leads = ['A', 'B', 'Bad', 'C', 'D'].map((name) => leadFor(name === 'Bad' ? `${mark} ${badMark}` : mark, name, `${name.toLowerCase()}.${mark}@example.com`));
    // The stand-in refuses every request that carries the bad lead, as hotwire.txt's 400 refuses a whole array.
    const refusal = { status: 400, body: { status: 400, error: 'Bad Request', message: 'User creation failed' }, match: badMark };
    await scriptStandIn('hotwire', [refusal, refusal, refusal]);
    const results = await deliverLeads(adapter, leads, secrets, (request) => fetch(request), new Date());
    expect(results.map((result) => result.kind)).toEqual(['delivered', 'delivered', 'rejected', 'delivered', 'delivered']);
    expect(results[2]).toMatchObject({ status: 400, reason: '400 User creation failed' });
    const requests = await receivedWith(mark);
    // All five, then [A, B, Bad] and [C, D], then [A, B] and [Bad].
    expect(requests.map((item) => (item.parsed as { firstName: string }[]).map((lead) => lead.firstName))).toEqual([
      ['A', 'B', 'Bad', 'C', 'D'],
      ['A', 'B', 'Bad'],
      ['A', 'B'],
      ['Bad'],
      ['C', 'D'],
    ]);
    const created = requests.flatMap((item) => (Array.isArray(item.response.body) ? item.response.body : [])).filter((entry) => entry.responseCodes === 'USER_CREATED');
    expect(created.map((entry) => entry.email).sort()).toEqual(['a', 'b', 'c', 'd'].map((name) => `${name}.${mark}@example.com`));
  });

  it('splits more leads than maxBatchSize into several requests', async () => {
    const mark = marker();
    const leads = Array.from({ length: adapter.maxBatchSize + 3 }, (_, index) => leadFor(mark, `N${index}`, `n${index}.${mark}@example.com`));
    const results = await deliverLeads(adapter, leads, secrets, (request) => fetch(request), new Date());
    expect(results.every((result) => result.kind === 'delivered')).toBe(true);
    expect((await receivedWith(mark)).map((item) => (item.parsed as unknown[]).length)).toEqual([adapter.maxBatchSize, 3]);
  });
});
