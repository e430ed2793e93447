// Same-site cookie mode, black-box: the Worker keeps first and last touch in its own signed
// HttpOnly cookie for pages of its own site, and a lead whose browser lost them gets them back.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { callWorker, marker, postLead, submission } from '../helpers.ts';

const SHOP = 'https://shop.example.com';
const DAY = 86_400_000;

const storedAttribution = async (id: string) => {
  const row = await env.DB.prepare('SELECT submission FROM leads WHERE id = ?').bind(id).first<{ submission: string }>();
  return (JSON.parse(row?.submission ?? '{}') as { attribution?: Record<string, Record<string, unknown> | undefined> }).attribution;
};

/** Posts touches as the widget does (text/plain, credentials), from `origin` with the browser's Sec-Fetch-Site. */
const postTouches = (body: unknown, { cookie, site = 'same-site', origin = SHOP }: { cookie?: string; site?: string; origin?: string } = {}) =>
  callWorker('/v1/touch', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'sec-fetch-site': site, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

/** The `name=value` part of the answer's Set-Cookie. */
const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

const campaign = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter', landing_page: `${SHOP}/?utm_source=newsletter`, captured_at: Date.now() - 10 * DAY };

describe('the touch route', () => {
  it('keeps the touches in a signed HttpOnly, Secure, SameSite=Lax cookie for the retention period', async () => {
    const response = await postTouches({ first: campaign, last: campaign });
    expect(response.status).toBe(204);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^leadrelay_touch=[\w-]+\.[0-9a-f]{64}; Path=\/; Max-Age=7776000; HttpOnly; Secure; SameSite=Lax$/);
    // The page may send credentials: the answer says so to its origin only.
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('keeps the oldest first touch and the newest last touch when a browser that lost its storage sends today\'s visit', async () => {
    const cookie = cookieOf(await postTouches({ first: campaign, last: campaign }));
    const today = { landing_page: `${SHOP}/`, captured_at: Date.now() };
    const id = marker();
    const lead = await postLead('anarock-json', submission(id, { attribution: { first: today } }), { cookie, 'sec-fetch-site': 'same-site' });
    expect(lead.status).toBe(202);
    const stored = await storedAttribution(((await lead.json()) as { id: string }).id);
    expect(stored?.first).toMatchObject({ utm_campaign: 'winter', channel: 'Email' });
    expect(stored?.last).toMatchObject({ utm_campaign: 'winter' });
  });

  it('lets the browser\'s newer last touch win over the kept one', async () => {
    const cookie = cookieOf(await postTouches({ first: campaign, last: campaign }));
    const newer = { utm_source: 'bing', utm_medium: 'cpc', captured_at: Date.now() };
    const merged = cookieOf(await postTouches({ first: campaign, last: newer }, { cookie }));
    const lead = await postLead('anarock-json', submission(marker(), { attribution: {} }), { cookie: merged, 'sec-fetch-site': 'same-origin' });
    const stored = await storedAttribution(((await lead.json()) as { id: string }).id);
    expect(stored?.first).toMatchObject({ utm_campaign: 'winter' });
    expect(stored?.last).toMatchObject({ utm_source: 'bing', channel: 'Paid Search' });
  });

  it('ignores a forged or altered cookie', async () => {
    const cookie = cookieOf(await postTouches({ first: campaign }));
    const [name, value] = cookie.split('=') as [string, string];
    const [payload, signature] = value.split('.') as [string, string];
    const forgedPayload = btoa(JSON.stringify({ first: { ...campaign, utm_campaign: 'forged' } })).replaceAll('=', '');
    for (const forged of [`${name}=${forgedPayload}.${signature}`, `${name}=${payload}.${'0'.repeat(64)}`, `${name}=garbage`]) {
      const lead = await postLead('anarock-json', submission(marker(), { attribution: {} }), { cookie: forged, 'sec-fetch-site': 'same-site' });
      expect(lead.status).toBe(202);
      expect(await storedAttribution(((await lead.json()) as { id: string }).id)).toEqual({});
    }
  });

  it('takes part in nothing the browser calls cross-site, nor for a page no form lists', async () => {
    expect((await postTouches({ first: campaign }, { site: 'cross-site' })).status).toBe(403);
    expect((await postTouches({ first: campaign }, { origin: 'https://evil.example.net' })).status).toBe(403);
    const cookie = cookieOf(await postTouches({ first: campaign }));
    const lead = await postLead('anarock-json', submission(marker(), { attribution: {} }), { cookie, 'sec-fetch-site': 'cross-site' });
    expect(await storedAttribution(((await lead.json()) as { id: string }).id)).toEqual({});
  });

  it('deletes the cookie when the visitor withdraws consent', async () => {
    const response = await postTouches(null);
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toBe('leadrelay_touch=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
  });

  it('answers bad touches with a field-level 400', async () => {
    const response = await postTouches({ first: { captured_at: 'yesterday' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields)).toEqual(['first.captured_at']);
  });
});
