// The page that posted can read every answer: refusals carry CORS headers and a stable error.code.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { FormConfig } from '../../../edge/config/forms.ts';
import { handleLeadRoute } from '../../../edge/leads/route.ts';
import { callWorker, marker, postLead, receivedWith, submission } from '../helpers.ts';

const SITE = 'https://shop.example.com';

async function expectReadable(response: Response, status: number, code: string, origin = SITE) {
  expect(response.status).toBe(status);
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
  expect(response.headers.get('vary')).toBe('Origin');
  expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('CORS on every answer of the lead route', () => {
  it('lets the page read 403, 404, 405, 413, 415 and 400 refusals', async () => {
    await expectReadable(await postLead('anarock-json', submission(marker()), { origin: 'https://evil.example.net' }), 403, 'forbidden_origin', 'https://evil.example.net');
    await expectReadable(await postLead('no-such-form', submission(marker())), 404, 'unknown_form');
    await expectReadable(await callWorker('/v1/forms/anarock-json/leads', { method: 'PUT', headers: { origin: SITE }, body: '{}' }), 405, 'method_not_allowed');
    await expectReadable(await postLead('anarock-json', JSON.stringify({ ...submission(marker()), pad: 'x'.repeat(40_000) })), 413, 'payload_too_large');
    await expectReadable(await postLead('anarock-json', '<lead/>', { 'content-type': 'application/xml' }), 415, 'unsupported_media_type');
    await expectReadable(await postLead('anarock-json', submission(marker(), { fields: { email: 'nope' } })), 400, 'invalid_input');
  });

  it('answers a preflight from any origin, and an unknown form’s too, so the refusal after it is readable', async () => {
    for (const [form, origin] of [['anarock-json', 'https://evil.example.net'], ['no-such-form', SITE]] as const) {
      const preflight = await callWorker(`/v1/forms/${form}/leads`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    }
  });

  it('exposes Retry-After on a 429', async () => {
    const ip = { 'cf-connecting-ip': '203.0.113.91' };
    for (let index = 0; index < 3; index++) expect((await postLead('strict-test', submission(marker()), ip)).status).toBe(202);
    const limited = await postLead('strict-test', submission(marker()), ip);
    expect(limited.headers.get('retry-after')).toBe('60');
    await expectReadable(limited, 429, 'rate_limited');
  });
});

describe('CORS on the lead route’s 5xx answers', () => {
  const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext;
  const request = () => new Request('https://leads.example.net/v1/forms/broken/leads', { method: 'POST', headers: { origin: SITE, 'content-type': 'application/json' }, body: '{}' });

  it('lets the page read a misconfigured form’s 503', async () => {
    await expectReadable(await handleLeadRoute(request(), env, ctx, { id: 'broken', form: undefined, problem: 'misconfigured' }), 503, 'form_misconfigured');
  });

  it('lets the page read a crash’s 500, which says nothing internal', async () => {
    const exploding = new Proxy({} as FormConfig, {
      get() {
        throw new Error('a bug deep inside');
      },
    });
    const response = await handleLeadRoute(request(), env, ctx, { id: 'broken', form: exploding, problem: undefined });
    expect(await response.clone().text()).not.toContain('a bug deep inside');
    await expectReadable(response, 500, 'server_error');
  });
});

describe('JSON sent as text/plain (a CORS-simple request, no preflight)', () => {
  it('is taken as JSON with the same checks', async () => {
    const mark = marker();
    const plain = { 'content-type': 'text/plain;charset=UTF-8' };
    const accepted = await postLead('anarock-json', submission(mark), plain);
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    expect(await env.DB.prepare('SELECT status FROM leads WHERE id = ?1').bind(id).first('status')).toBe('delivered');
    expect(await receivedWith(mark)).toHaveLength(1);
    await expectReadable(await postLead('anarock-json', 'name=Asha', plain), 400, 'invalid_json');
    await expectReadable(await postLead('anarock-json', submission(marker(), { fields: { phone: '+91 12345' } }), plain), 400, 'invalid_input');
    await expectReadable(await postLead('anarock-json', submission(marker()), { ...plain, origin: 'https://evil.example.net' }), 403, 'forbidden_origin', 'https://evil.example.net');
  });
});
