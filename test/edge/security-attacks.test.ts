// The attacks of issue 22, re-run against the Worker: each one must now fail.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wireForms } from '../../edge/redact.ts';
import { TEST_SECRETS } from '../support/forms.ts';
import type { RecordedRequest } from '../../standins/types.ts';
import { callWorker, marker, postLead, receivedWith, scriptStandIn, standInUrl, submission } from './helpers.ts';

const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  callWorker(`/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const captureLogs = () => {
  const logs: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void logs.push(String(line)));
  return logs;
};
/** Everything D1 holds about a lead besides its submission: the lead row's texts and every attempt. */
const recordsOf = async (id: string) => {
  const lead = await env.DB.prepare('SELECT status, last_error, note FROM leads WHERE id = ?1').bind(id).first<Record<string, unknown>>();
  const attempts = await env.DB.prepare('SELECT * FROM attempts WHERE lead_id = ?1').bind(id).all();
  return { lead, text: JSON.stringify([lead, attempts.results]) };
};
afterEach(() => vi.restoreAllMocks());

describe('1. the provider console hands out no signature', () => {
  it('masks the Anarock hash in a preview for a chosen time: replayed, the preview authenticates nothing', async () => {
    const mark = marker();
    const preview = (await (await admin('/forms/anarock-json/preview', { now: Date.now(), fields: { name: `Forger ${mark}` } })).json()) as { request: { method: string; url: string; headers: Record<string, string>; body: string } };
    const body = JSON.parse(preview.request.body) as Record<string, unknown>;
    expect(body['hash']).toBe('[masked: signature, computed as signatureInputs says]');
    expect(preview.request.body).not.toMatch(/[0-9a-f]{64}/);
    // The attack: send the previewed request, as it stands, to the provider.
    await fetch(preview.request.url, { method: preview.request.method, headers: preview.request.headers, body: preview.request.body });
    const [forged] = (await receivedWith(mark)) as RecordedRequest[];
    expect(forged?.authenticated).toBe(false);
    expect(forged?.response.status).toBe(401);
  });

  it('masks Hotwire’s MD5 sig, and signs a test lead only with the current time', async () => {
    const preview = (await (await admin('/forms/hotwire-test/preview', { now: Date.now() })).json()) as { request: { url: string } };
    expect(new URL(preview.request.url).searchParams.get('sig')).toBe('[masked: signature, computed as signatureInputs says]');
    const refused = await admin('/forms/anarock-json/test-lead', { now: Date.now() + 3_600_000 });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('current time') } });
    expect((await admin('/forms/anarock-json/preview', { now: 1e20 })).status).toBe(400);
  });
});

describe('2. a form naming a secret it does not have takes no lead', () => {
  it.each([
    ['turnstile-unset', 'TURNSTILE_UNSET_SECRET', { origin: 'https://shop.example.com' }],
    ['server-token-unset', 'SERVER_UNSET_TOKEN', { authorization: 'Bearer anything' }],
    ['provider-secret-unset', 'ANAROCK_UNSET_KEY', { origin: 'https://shop.example.com' }],
  ])('%s: 503 form_misconfigured, nothing stored, the log and the operator page name %s', async (formId, secretName, headers) => {
    const logs = captureLogs();
    const body = submission(marker());
    const response = await callWorker(`/v1/forms/${formId}/leads`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'form_misconfigured' } });
    expect(text).not.toContain(secretName);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM leads WHERE idempotency_key = ?1').bind(body.idempotencyKey).first('n')).toBe(0);
    expect(logs.some((line) => line.includes('"config.invalid"') && line.includes(secretName))).toBe(true);
    const forms = (await (await admin('/forms')).json()) as { problems: Array<{ formId: string; problem: string }> };
    expect(forms.problems).toContainEqual({ formId, problem: expect.stringContaining(secretName) });
  });
});

describe('3. provider answers lose the lead’s own values before they are stored or logged', () => {
  it('a 422 echoing name, phone and email leaves none of them in D1 or the logs', async () => {
    const logs = captureLogs();
    const mark = marker();
    const name = `Meera ${mark} Iyer`;
    const email = `meera.${mark.toLowerCase()}@example.com`;
    const echo = `Invalid lead: name=${name}, first_name=Meera, phone=+919876543210 (9876543210, 09876543210, 919876543210, +91 98765 43210), email=${email}, mail=${encodeURIComponent(email)}`;
    await scriptStandIn('anarock', [{ status: 422, body: { status: 'ERROR', message: echo }, match: mark }]);
    const response = await postLead('anarock-json', submission(mark, { fields: { name, phone: '+91 98765 43210', email } }));
    const { id } = (await response.json()) as { id: string };
    const { lead, text } = await recordsOf(id);
    expect(lead?.['status']).toBe('rejected');
    expect(lead?.['last_error']).toContain('[name]');
    for (const value of [mark, 'Meera', 'Iyer', '9876543210', '98765 43210', email, email.split('@')[0] ?? '']) {
      expect(text, value).not.toContain(value);
      for (const line of logs) expect(line, value).not.toContain(value);
    }
  });
});

describe('4. a secret is masked in every encoding it takes on the wire', () => {
  const key = TEST_SECRETS.ODD_TEST_KEY;
  const encodings = [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2), JSON.stringify(key).slice(1, -1), btoa(key), btoa(`user:${key}`)];

  it('knows the encodings the attack found', () => {
    expect(wireForms(key)).toEqual(expect.arrayContaining(encodings.slice(0, 4)));
    expect(encodings[2]).toContain('%7E');
  });

  it('in preview and test-lead (the key in Comunik8’s query), and in lastError, D1 and logs from an echoing answer', async () => {
    const logs = captureLogs();
    const preview = await (await admin('/forms/comunik8-odd-key/preview', {})).text();
    const mark = marker();
    const echo = `unknown key; you sent ${encodings.join(' | ')}`;
    await scriptStandIn('comunik8', [{ status: 400, body: { error: echo }, match: mark }]);
    const sent = await (await admin('/forms/comunik8-odd-key/test-lead', { fields: { name: `Key ${mark}` } })).text();
    await scriptStandIn('anarock', [{ status: 422, body: { status: 'ERROR', message: echo }, match: mark }]);
    const { id } = (await (await postLead('anarock-odd-key', submission(mark))).json()) as { id: string };
    const { lead, text } = await recordsOf(id);
    expect(lead?.['status']).toBe('rejected');
    const shown = await (await admin(`/leads/${id}`)).text();
    for (const [where, output] of Object.entries({ preview, sent, d1: text, shown, logs: logs.join('\n') })) {
      for (const encoded of encodings.slice(0, 5)) expect(output, `${where}: ${encoded}`).not.toContain(encoded);
    }
    expect(preview).toContain('[secret:key]');
  });
});

describe('5. no request makes the Worker answer 500', () => {
  it.each(['%ZZ', '%', '%E0%A4%A', '%C0%AF'])('POST /v1/forms/%s/leads is a 4xx', async (id) => {
    const response = await callWorker(`/v1/forms/${id}/leads`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://shop.example.com' }, body: '{}' });
    expect(response.status).toBe(400);
  });

  it.each(['/leads/%', '/leads/%E0%A4%A/replay', '/forms/anarock-json/operations/constructor', '/forms/anarock-json/operations/toString', '/forms/anarock-json/operations/__proto__', '/forms/anarock-json/operations/hasOwnProperty'])(
    'admin %s is a 4xx',
    async (path) => {
      const response = await admin(path, path.includes('operations') || path.endsWith('replay') ? {} : undefined);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    },
  );
});

describe('6. rate limits count an IPv6 client by its /64', () => {
  it('six addresses of one /64 share one strict limit; another /64 and IPv4 addresses have their own', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    const statuses = [];
    for (const host of ['::1', ':a:b:c:d', ':0:0:0:7', ':FFFF:1:2:3', ':dead:beef::', ':9:9:9:9']) {
      statuses.push((await postLead('strict-test', submission(marker()), { 'cf-connecting-ip': `${prefix}${host}` })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    expect((await postLead('strict-test', submission(marker()), { 'cf-connecting-ip': `2001:db8:ffff:${Math.floor(Math.random() * 0xffff).toString(16)}::1` })).status).toBe(202);
  });
});

describe('7. a browser lead without the timing signal is held for review, never dropped', () => {
  const withoutTiming = (mark: string) => {
    const { elapsedMs: _dropped, ...rest } = submission(mark);
    return rest;
  };

  it('stores it as review, forwards nothing, and an operator releases it to delivery', async () => {
    const mark = marker();
    const response = await postLead('anarock-json', withoutTiming(mark));
    expect(response.status).toBe(202);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe('pending');
    expect((await recordsOf(id)).lead).toMatchObject({ status: 'review', last_error: expect.stringContaining('elapsedMs') });
    expect(await receivedWith(mark)).toHaveLength(0);
    expect(((await (await admin('/leads?status=review')).json()) as { leads: Array<{ id: string }> }).leads.map((lead) => lead.id)).toContain(id);
    expect((await admin(`/leads/${id}/replay`, {})).status).toBe(202);
    expect((await recordsOf(id)).lead?.['status']).toBe('pending');
  });

  it('lets server-token requests and forms with missingTiming = "accept" through', async () => {
    const serverMark = marker();
    const server = await callWorker('/v1/forms/server-test/leads', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.SERVER_TEST_TOKEN}` }, body: JSON.stringify(withoutTiming(serverMark)) });
    expect(await server.json()).toMatchObject({ status: 'delivered' });
    const accepted = await postLead('timing-accept', withoutTiming(marker()));
    expect(await accepted.json()).toMatchObject({ status: 'delivered' });
  });
});

describe('8. the stand-ins answer the local machine only', () => {
  const fromPage = (path: string, init: RequestInit = {}) =>
    fetch(`${standInUrl()}${path}`, { ...init, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', ...init.headers } });

  it('gives other origins no CORS and no recorded requests, takes no script from them, and shows no secret', async () => {
    const listed = await fromPage('/__standin/requests');
    expect(listed.status).toBe(403);
    expect(listed.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fromPage('/__standin/script', { method: 'POST', body: JSON.stringify({ provider: 'anarock', responses: [{ status: 503 }] }) })).status).toBe(403);
    expect((await fromPage('/__standin/requests', { method: 'DELETE' })).status).toBe(403);
    // A form post or a link from another site carries no Origin, but says it is cross-site.
    expect((await fetch(`${standInUrl()}/__standin/script`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: '{}' })).status).toBe(403);
    const provider = await fromPage('/anarock/api/v0/test-channel/sync-lead', { method: 'POST', body: '{}' });
    expect(provider.headers.get('access-control-allow-origin')).toBeNull();

    const mark = marker();
    await postLead('comunik8-test', submission(mark, { fields: { name: `Asha ${mark}`, phone: '+44 7700 900123' } }));
    await postLead('realgeeks-test', submission(mark, { fields: { name: `Asha ${mark}`, phone: '+1 201 555 0123' } }));
    const inspector = await (await fetch(`${standInUrl()}/`)).text();
    expect(inspector).toContain(mark);
    // The secrets the stand-ins verify with (a wrong key sent to them is theirs to show).
    const known = Object.entries(TEST_SECRETS).filter(([name]) => name !== 'ODD_TEST_KEY').map(([, value]) => value);
    for (const secret of known) for (const form of wireForms(secret)) expect(inspector).not.toContain(form);
    expect(inspector).not.toContain(btoa(`${TEST_SECRETS.REALGEEKS_TEST_USERNAME}:${TEST_SECRETS.REALGEEKS_TEST_PASSWORD}`));
  });
});
