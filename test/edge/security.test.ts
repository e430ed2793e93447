// Only real visitors from allowed sites get in; bad input never breaks anything.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TURNSTILE_TEST_TOKEN } from '../../standins/turnstile.ts';
import { TEST_SECRETS } from '../support/forms.ts';
import { callWorker, marker, postLead, receivedWith, standInUrl, submission } from './helpers.ts';

const leadRow = (id: string) => env.DB.prepare('SELECT status, last_error FROM leads WHERE id = ?1').bind(id).first<{ status: string; last_error: string | null }>();
const SECRET_VALUES = Object.values(TEST_SECRETS);
afterEach(() => vi.restoreAllMocks());

describe('origins and server-to-server', () => {
  it('refuses a request without an Origin unless it carries the form’s server token', async () => {
    const post = (headers: Record<string, string>) =>
      callWorker('/v1/forms/server-test/leads', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(submission(marker())) });
    const bare = await post({});
    expect(bare.status).toBe(403);
    expect(await bare.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
    expect((await post({ authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${TEST_SECRETS.SERVER_TEST_TOKEN}` })).status).toBe(202);
    // A form without a server token takes no origin-less requests at all.
    expect((await callWorker('/v1/forms/anarock-json/leads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission(marker())) })).status).toBe(403);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a client IP is over its form’s limit, other IPs unaffected', async () => {
    const from = (ip: string) => postLead('strict-test', submission(marker()), { 'cf-connecting-ip': ip });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const limited = await from('203.0.113.7');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await from('203.0.113.8')).status).toBe(202);
  });
});

describe('bots', () => {
  const sendAndCheckSpam = async (formId: string, extra: Record<string, unknown>) => {
    const mark = marker();
    const response = await postLead(formId, { ...submission(mark), ...extra });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string };
    return { body, row: await leadRow(body.id), received: await receivedWith(mark) };
  };

  it('takes a filled honeypot as spam: a normal-looking answer, stored as spam, never forwarded', async () => {
    const { body, row, received } = await sendAndCheckSpam('anarock-json', { honeypot: 'http://cheap-pills.example' });
    expect(body.status).toBe('delivered');
    expect(row).toEqual({ status: 'spam', last_error: 'the honeypot field was filled in' });
    expect(received).toHaveLength(0);
  });

  it('takes a lead sent faster than a person types as spam', async () => {
    const fast = await sendAndCheckSpam('anarock-json', { elapsedMs: 120 });
    expect(fast.row?.status).toBe('spam');
    expect(fast.received).toHaveLength(0);
    const human = await sendAndCheckSpam('anarock-json', { elapsedMs: 8000 });
    expect(human.row?.status).toBe('delivered');
  });

  it('checks the Turnstile token with siteverify on forms that require it', async () => {
    const missing = await sendAndCheckSpam('turnstile-test', {});
    expect(missing.row).toEqual({ status: 'spam', last_error: 'no Turnstile token' });
    const forged = await sendAndCheckSpam('turnstile-test', { turnstileToken: 'forged' });
    expect(forged.row).toEqual({ status: 'spam', last_error: 'Turnstile refused the token (invalid-input-response)' });
    const valid = await sendAndCheckSpam('turnstile-test', { turnstileToken: TURNSTILE_TEST_TOKEN });
    expect(valid.row?.status).toBe('delivered');
    const verifications = ((await (await fetch(`${standInUrl()}/__standin/requests?provider=turnstile`)).json()) as Array<{ parsed: Record<string, string> }>).map((item) => item.parsed);
    expect(verifications).toContainEqual({ secret: TEST_SECRETS.TURNSTILE_TEST_SECRET, response: TURNSTILE_TEST_TOKEN, remoteip: expect.any(String) });
  });
});

describe('input', () => {
  it('refuses, or silently drops, fields a form does not list', async () => {
    const extra = { fields: { name: 'Asha Rao', phone: '+91 98765 43210', coupon: 'FREE' } };
    const refused = await postLead('fields-reject', submission(marker(), extra));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { fields: { coupon: 'This form does not take this field' } } });
    const mark = marker();
    expect((await postLead('fields-drop', submission(mark, { fields: { ...extra.fields, name: `Asha ${mark}` } }))).status).toBe(202);
    expect(JSON.stringify((await receivedWith(mark))[0]?.parsed)).not.toContain('FREE');
  });

  it('removes control characters and repairs lone surrogates before anything is stored or sent', async () => {
    const mark = marker();
    const response = await postLead('anarock-json', submission(mark, { fields: { name: `Asha\u0000\u0007 ${mark}`, remarks: 'line one\nline two\u001b[31m \ud800 end' } }));
    expect(response.status).toBe(202);
    const parsed = (await receivedWith(mark))[0]?.parsed as Record<string, string>;
    expect(parsed['name']).toBe(`Asha ${mark}`);
    expect(parsed['remarks']).toBe('line one\nline two[31m \ufffd end');
  });

  it('cannot change where a lead goes, whatever its fields say', async () => {
    const mark = marker();
    await postLead('anarock-json', submission(mark, { fields: { baseUrl: 'http://evil.invalid', host: 'evil.invalid', url: 'http://evil.invalid' } }));
    expect((await receivedWith(mark))[0]?.url).toBe('/anarock/api/v0/test-channel/sync-lead');
  });
});

describe('no input breaks the Worker or leaks a secret', () => {
  const headerValue = fc.oneof(
    fc.constant('application/json'),
    fc.constant('application/json; charset=utf-8'),
    fc.constant('text/plain'),
    fc.constant('application/x-www-form-urlencoded'),
    fc.constant('multipart/form-data; boundary=x'),
    fc.string(),
  );
  const body = fc.oneof(
    fc.json(),
    fc.string(),
    fc.uint8Array({ maxLength: 256 }).map((bytes) => new TextDecoder('latin1').decode(bytes)),
    fc.record({
      fields: fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.constant(null), fc.object())),
      attribution: fc.anything(),
      idempotencyKey: fc.oneof(fc.uuid(), fc.string()),
      locale: fc.oneof(fc.constant('ar-EG'), fc.string()),
      elapsedMs: fc.oneof(fc.integer(), fc.double(), fc.string()),
    }).map((value) => JSON.stringify(value)),
  );
  // Path segments as a visitor or a broken client may send them: broken percent-encoding, overlong UTF-8, prototype names.
  const percentJunk = fc.oneof(
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.array(fc.constantFrom('%', '%Z', '%ZZ', '%C0', '%AF', '%E0%A4', '%FF', '%00', '%2F', 'a', '.', '~'), { maxLength: 5 }).map((parts) => parts.join('')),
    fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'),
  );
  const methods = fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'GET', 'HEAD');
  const seen: string[] = [];
  // The one 5xx a request may get: 503 form_misconfigured from a form that names a secret nobody set.
  const MISCONFIGURED = new Set(['turnstile-unset', 'server-token-unset', 'provider-secret-unset']);
  const scan = async (response: Response, misconfiguredForm = false) => {
    const body = await response.text();
    const text = `${[...response.headers].join('\n')}\n${body}`;
    seen.push(text);
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
    // (A HEAD answer has no body to say so; a form post's refusal is a page.)
    const isPage = response.headers.get('content-type')?.startsWith('text/html') ?? false;
    if (misconfiguredForm && response.status === 503) expect(body === '' || isPage || body.includes('"form_misconfigured"')).toBe(true);
    else expect(response.status).toBeLessThan(500);
  };

  it('answers every generated lead request with a 2xx or 4xx, never a secret', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void logs.push(String(line)));
    const forms = fc.oneof(
      fc.constantFrom('anarock-json', 'anarock-form', 'realgeeks-test', 'comunik8-test', 'sakneen-test', 'hotwire-test', 'turnstile-unset', 'server-token-unset', 'nope', '%00', '..%2F..', '%ZZ', '%', '%E0%A4%A', '%C0%AF', 'constructor', '__proto__'),
      percentJunk,
    );
    // The path itself is generated too: the lead route, its neighbours, and anything under /v1/.
    const paths = fc.oneof(
      { weight: 4, arbitrary: forms.map((form) => `/v1/forms/${form}/leads`) },
      fc.tuple(forms, percentJunk).map(([form, tail]) => `/v1/forms/${form}/${tail}`),
      fc.array(percentJunk, { maxLength: 4 }).map((segments) => `/v1/${segments.join('/')}`),
    );
    await fc.assert(
      fc.asyncProperty(paths, body, headerValue, methods, fc.constantFrom('https://shop.example.com', 'https://evil.example', ''), async (path, payload, type, method, origin) => {
        const response = await callWorker(path, {
          method,
          headers: { 'content-type': type, ...(origin ? { origin } : {}) },
          ...(method === 'GET' || method === 'HEAD' ? {} : { body: payload }),
        });
        await scan(response, MISCONFIGURED.has(path.split('/')[3] ?? ''));
      }),
      { numRuns: 1500 },
    );
    for (const line of logs) for (const secret of SECRET_VALUES) expect(line).not.toContain(secret);
  });

  it('answers every generated admin request with a 2xx or 4xx, never a secret', async () => {
    const segment = fc.oneof(fc.constantFrom('summary', 'leads', 'forms', 'replay', 'operations', 'preview', 'test-lead', 'anarock-json', 'hotwire-test', 'provider-secret-unset', 'last-lead-data', '', '..', '%2e%2e'), percentJunk);
    // Every admin route's shape, with generated segments where ids and names go.
    const routes = fc.oneof(
      fc.array(segment, { maxLength: 5 }),
      fc.tuple(segment, segment).map(([form, name]) => ['forms', form, 'operations', name]),
      fc.tuple(segment, fc.constantFrom('preview', 'test-lead')).map(([form, action]) => ['forms', form, action]),
      segment.map((id) => ['leads', id]),
      segment.map((id) => ['leads', id, 'replay']),
    );
    // JSON bodies the console and the operations read: clocks out of range, wrong types, prototype keys.
    const consoleJson = fc.record(
      {
        now: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e20, -1, 8.64e15, Number.MAX_SAFE_INTEGER), fc.string()),
        leadId: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
        fields: fc.oneof(fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), fc.anything()),
        confirm: fc.anything(),
        ['__proto__']: fc.anything(),
      },
      { requiredKeys: [] },
    ).map((value) => JSON.stringify(value));
    await fc.assert(
      fc.asyncProperty(routes, methods, fc.oneof(fc.json(), fc.string(), consoleJson), fc.dictionary(fc.constantFrom('form', 'status', 'limit', 'cursor'), fc.string({ maxLength: 20 })), async (path, method, payload, query) => {
        const search = new URLSearchParams(query).toString();
        const response = await callWorker(`/v1/admin/${path.join('/')}${search ? `?${search}` : ''}`, {
          method,
          headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}`, 'content-type': 'application/json' },
          ...(method === 'GET' || method === 'HEAD' ? {} : { body: payload }),
        });
        // The admin API shows leads, never secrets: not even its own token comes back.
        await scan(response);
      }),
      { numRuns: 1000 },
    );
    expect(seen.length).toBeGreaterThanOrEqual(2500);
  });
});
