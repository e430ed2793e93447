// Black-box: the channel, source and medium of each touch are derived once, when the Worker
// accepts a lead, and stored with it in D1 (the submission's attribution JSON).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { marker, postLead, submission } from '../helpers.ts';

const storedAttribution = async (id: string) => {
  const row = await env.DB.prepare('SELECT submission FROM leads WHERE id = ?').bind(id).first<{ submission: string }>();
  return (JSON.parse(row?.submission ?? '{}') as { attribution?: Record<string, unknown> }).attribution;
};

const accept = async (body: unknown) => {
  const response = await postLead('anarock-json', body);
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
};

describe('channels stored with the lead', () => {
  it('classifies first and last touch on their own and stores them next to what the widget sent', async () => {
    const first = { referrer: 'https://www.google.co.in/', landing_page: 'https://shop.example.com/', captured_at: 1_700_000_000_000 };
    const last = { fbclid: 'IwAR0abc', landing_page: 'https://shop.example.com/villas?fbclid=IwAR0abc', captured_at: 1_700_000_100_000 };
    const id = await accept(submission(marker(), { attribution: { first, last } }));
    expect(await storedAttribution(id)).toEqual({
      first: { ...first, channel: 'Organic Search', source: 'google', medium: 'organic' },
      last: { ...last, channel: 'Organic Social', source: 'facebook', medium: 'social' },
    });
  });

  it('a visitor cannot send a channel of their own: it is the edge\'s reading that is stored', async () => {
    const forged = { landing_page: 'https://shop.example.com/', channel: 'Paid Search', source: 'google', medium: 'cpc' };
    const id = await accept(submission(marker(), { attribution: { last: forged } }));
    expect(await storedAttribution(id)).toEqual({ last: { landing_page: 'https://shop.example.com/', channel: 'Direct', source: '(direct)', medium: '(none)' } });
  });

  it('a lead held as spam keeps its channel too, for when an operator replays it', async () => {
    const body = { ...submission(marker(), { attribution: { last: { utm_source: 'Bing', utm_medium: 'CPC' } } }), honeypot: 'https://spam.example' };
    const id = await accept(body);
    const row = await env.DB.prepare('SELECT status FROM leads WHERE id = ?').bind(id).first<{ status: string }>();
    expect(row?.status).toBe('spam');
    expect(await storedAttribution(id)).toEqual({ last: { utm_source: 'Bing', utm_medium: 'CPC', channel: 'Paid Search', source: 'bing', medium: 'cpc' } });
  });

  it('a lead without attribution stores none', async () => {
    const id = await accept(submission(marker(), { attribution: {} }));
    expect(await storedAttribution(id)).toEqual({});
  });
});
