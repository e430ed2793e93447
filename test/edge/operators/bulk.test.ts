// Bulk replay by filter (count first, then run, then a report) and the channel report.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../support/forms.ts';
import { callWorker, marker, postLead, scriptStandIn, submission } from '../helpers.ts';
import { uniquePhone } from '../../support/unique-phone.ts';
import { deliveryHarness } from '../delivery/harness.ts';

const admin = (path: string, init: RequestInit = {}) =>
  callWorker(`/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
const statusOf = async (id: string) => (await env.DB.prepare('SELECT status FROM leads WHERE id = ?1').bind(id).first<{ status: string }>())?.status;

async function storeLead(name: string, options: { reject?: boolean; attribution?: unknown } = {}) {
  const mark = marker();
  if (options.reject) await scriptStandIn('anarock', [{ status: 400, body: { message: 'campaign paused' }, match: mark }]);
  const body = {
    fields: { name: `${name} ${mark}`, phone: uniquePhone('IN', '+9198', 8) },
    attribution: options.attribution ?? { last: { utm_source: 'google', utm_medium: 'cpc' } },
    idempotencyKey: crypto.randomUUID(),
  };
  return deliveryHarness([0]).accept('anarock-json', body);
}

describe('bulk replay', () => {
  it('counts what a filter would replay, refuses a run when more match than were shown, then replays and reports', async () => {
    const group = `Bulk${marker()}`;
    const leads = [await storeLead(group, { reject: true }), await storeLead(group, { reject: true }), await storeLead(group)];
    expect(leads.map((lead) => lead.status)).toEqual(['rejected', 'rejected', 'delivered']);
    const filter = { q: group.toLowerCase(), form: 'anarock-json' };

    const count = (await (await admin(`/replay?${new URLSearchParams(filter)}`)).json()) as Record<string, unknown>;
    expect(count).toMatchObject({ count: 2, byForm: [{ formId: 'anarock-json', count: 2 }], statuses: ['dead', 'rejected', 'held', 'review'] });

    const stale = await admin('/replay', { method: 'POST', body: JSON.stringify({ filter, expected: 1 }) });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toContain('2 leads match now, not the 1');
    expect(await statusOf(leads[0]!.id)).toBe('rejected');

    const run = await admin('/replay', { method: 'POST', body: JSON.stringify({ filter, expected: 2 }) });
    expect(run.status).toBe(202);
    expect(await run.json()).toEqual({ replayed: 2, byForm: [{ formId: 'anarock-json', count: 2 }], remaining: 0 });
    expect(await statusOf(leads[2]!.id)).toBe('delivered');
    // The queue consumer takes the replayed leads; the stand-in refused each only once.
    for (const lead of leads.slice(0, 2)) await expect.poll(() => statusOf(lead.id)).toBe('delivered');
    expect((await (await admin(`/replay?${new URLSearchParams(filter)}`)).json()) as Record<string, unknown>).toMatchObject({ count: 0 });
  });

  it('replays only replayable statuses, and says which filter is wrong', async () => {
    const pending = await admin('/replay?status=pending,dead');
    expect(pending.status).toBe(400);
    expect(((await pending.json()) as { error: { fields: Record<string, string> } }).error.fields['status']).toContain('a pending lead cannot be replayed');
    const bad = await admin('/replay', { method: 'POST', body: JSON.stringify({ filter: { from: 'soon' } }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('from');
    expect((await admin('/replay', { method: 'POST', body: JSON.stringify({ filter: { form: 7 } }) })).status).toBe(400);
  });
});

describe('channel report', () => {
  it('counts leads by channel, source and campaign over a range, from the stored attribution', async () => {
    const campaign = `launch-${marker().toLowerCase()}`;
    const started = Date.now() - 1000;
    await storeLead('Report', { attribution: { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: campaign } } });
    await storeLead('Report', { attribution: { last: { utm_source: 'Google', utm_medium: 'CPC', utm_campaign: campaign.toUpperCase() } } });
    await storeLead('Report', { attribution: { first: { referrer: 'https://www.bing.com/', landing_page: 'https://shop.example.com/' }, last: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: campaign } } });
    // A bot's lead with the same campaign is held as spam and not counted.
    const spam = await postLead('anarock-json', { ...submission(marker(), { attribution: { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: campaign } } }), honeypot: 'https://spam.example' });
    expect(spam.status).toBe(202);

    type Report = { total: number; touch: string; channels: Array<{ name: string; count: number; sources: Array<{ name: string; count: number; campaigns: Array<{ name: string; count: number }> }> }> };
    const report = (await (await admin(`/report/channels?from=${started}&form=anarock-json`)).json()) as Report;
    const campaignCount = (channel: string, source: string) =>
      report.channels.find((row) => row.name === channel)?.sources.find((row) => row.name === source)?.campaigns.find((row) => row.name === campaign)?.count;
    expect(report.touch).toBe('last');
    expect(campaignCount('Paid Search', 'google')).toBe(2);
    expect(campaignCount('Email', 'newsletter')).toBe(1);
    expect(report.total).toBe(report.channels.reduce((sum, row) => sum + row.count, 0));

    const first = (await (await admin(`/report/channels?from=${started}&touch=first`)).json()) as Report;
    expect(first.channels.find((row) => row.name === 'Organic Search')?.sources.find((row) => row.name === 'bing')?.count).toBeGreaterThanOrEqual(1);
    const before = (await (await admin(`/report/channels?from=2020-01-01&to=2020-01-31`)).json()) as Report;
    expect(before).toMatchObject({ total: 0, channels: [] });
    expect((await admin('/report/channels?touch=middle')).status).toBe(400);
  });
});
