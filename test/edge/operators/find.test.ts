// Finding leads: search by name, email or phone through the lead_search index (EXPLAIN QUERY PLAN
// shows it), the filters, and the CSV export of what they match.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { filterSql } from '../../../edge/store/lead-filter.ts';
import { eraseBefore } from '../../../edge/store/retention.ts';
import { TEST_SECRETS } from '../../support/forms.ts';
import { callWorker, marker, scriptStandIn } from '../helpers.ts';
import { uniquePhone } from '../../support/unique-phone.ts';
import { deliveryHarness } from '../delivery/harness.ts';

const admin = (path: string, init: RequestInit = {}) =>
  callWorker(`/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
const ids = async (query: string) => ((await (await admin(`/leads?${query}`)).json()) as { leads: Array<{ id: string }> }).leads.map((lead) => lead.id);

/** A lead whose name, email and phone are unique to this test; `reject` makes the stand-in refuse it. */
async function storeLead(options: { name?: string; reject?: boolean; attribution?: unknown } = {}) {
  const mark = marker();
  const phone = uniquePhone('IN', '+9198', 8);
  if (options.reject) await scriptStandIn('anarock', [{ status: 400, body: { message: 'campaign paused' }, match: mark }]);
  const body = {
    fields: { name: options.name ?? `Asha ${mark}`, phone, email: `${mark.toLowerCase()}@example.com`, message: `about ${mark}` },
    attribution: options.attribution ?? { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'Spring' } },
    idempotencyKey: crypto.randomUUID(),
  };
  const { id, status } = await deliveryHarness([0]).accept('anarock-json', body);
  return { id, status, mark, phone };
}

describe('lead search and filters', () => {
  it('finds a lead by a prefix of its name, a later name word, its email or its phone, in any case', async () => {
    const { id, mark, phone } = await storeLead();
    const national = phone.slice(3);
    expect(await ids(`q=${encodeURIComponent(`ASHA ${mark.slice(0, 8)}`)}`)).toContain(id);
    expect(await ids(`q=${mark.slice(0, 9)}`)).toContain(id);
    expect(await ids(`q=${encodeURIComponent(`${mark.toUpperCase()}@EXAM`)}`)).toContain(id);
    expect(await ids(`q=${encodeURIComponent(`+91 ${national.slice(0, 5)} ${national.slice(5)}`)}`)).toEqual([id]);
    expect(await ids(`q=${encodeURIComponent(`${national.slice(0, 5)}-${national.slice(5)}`)}`)).toEqual([id]);
    // A prefix only: the middle of an email finds nothing.
    expect(await ids(`q=${encodeURIComponent(mark.slice(3))}`)).not.toContain(id);
  });

  it('searches through the index, never a scan of the submissions', async () => {
    const { where, params } = filterSql({ search: 'asha', statuses: ['dead', 'rejected'] });
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN SELECT * FROM leads WHERE ${where} ORDER BY received_at DESC LIMIT 50`)
      .bind(...params)
      .all<{ detail: string }>();
    const plan = results.map((row) => row.detail).join('\n');
    expect(plan).toMatch(/SEARCH lead_search USING COVERING INDEX lead_search_by_term \(term>\? AND term<\?\)/);
    expect(plan).not.toMatch(/SCAN lead_search/);
    expect(plan).not.toMatch(/SCAN leads\b/);
  });

  it('filters by status, form, provider, channel and date range, with field-level 400s for bad values', async () => {
    const rejected = await storeLead({ reject: true });
    const delivered = await storeLead({ attribution: { last: { referrer: 'https://www.bing.com/', landing_page: 'https://shop.example.com/' } } });
    expect(rejected.status).toBe('rejected');
    const both = `q=asha%20t&from=${Date.now() - 60_000}`;
    expect(await ids(`${both}&status=rejected`)).toContain(rejected.id);
    expect(await ids(`${both}&status=rejected`)).not.toContain(delivered.id);
    expect(await ids(`${both}&status=rejected,delivered&form=anarock-json&provider=anarock`)).toEqual(expect.arrayContaining([rejected.id, delivered.id]));
    expect(await ids(`${both}&channel=Organic%20Search`)).toContain(delivered.id);
    expect(await ids(`${both}&channel=Organic%20Search`)).not.toContain(rejected.id);
    expect(await ids(`${both}&channel=Paid%20Search`)).toContain(rejected.id);
    expect(await ids(`q=asha%20t&to=2020-01-01`)).toEqual([]);

    const bad = await admin('/leads?status=lost&from=yesterday&channel=TV&provider=salesforce');
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields).sort()).toEqual(['channel', 'from', 'provider', 'status']);
    expect(error.fields['status']).toContain('pending, sending, delivered');
  });

  it('forgets a lead\'s search terms when its personal data is erased', async () => {
    const { id, mark } = await storeLead();
    expect(await ids(`q=${mark.toLowerCase()}`)).toEqual([id]);
    await env.DB.prepare('UPDATE leads SET received_at = 1 WHERE id = ?1').bind(id).run();
    await eraseBefore(env.DB, 2, Date.now(), 1000);
    expect(await ids(`q=${mark.toLowerCase()}`)).toEqual([]);
    const { results } = await env.DB.prepare('SELECT term FROM lead_search WHERE lead_id = ?1').bind(id).all();
    expect(results).toEqual([]);
  });
});

describe('CSV export', () => {
  it('streams the filtered leads with fields, attribution, status, provider id and attempts, formulas neutralized', async () => {
    const hostile = await storeLead({ name: `=HYPERLINK("https://evil.example","x") ${marker()}`, attribution: { last: { utm_source: '+cmd', utm_medium: 'cpc', utm_campaign: '@SUM(A1)' } } });
    const plain = await storeLead();
    const response = await admin(`/leads.csv?from=${Date.now() - 60_000}&form=anarock-json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="leads-.*\.csv"$/);
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'id,received_at,form,provider,status,attempts,provider_lead_id,last_error,note,name,email,phone,message,phone_e164,other_fields,' +
        'last_channel,last_source,last_medium,last_utm_campaign,last_utm_term,last_utm_content,last_gclid,last_fbclid,last_landing_page,last_referrer,' +
        'first_channel,first_source,first_medium,first_utm_campaign,first_utm_term,first_utm_content,first_gclid,first_fbclid,first_landing_page,first_referrer,page_url,erased',
    );
    const hostileLine = lines.find((line) => line.startsWith(hostile.id)) ?? '';
    expect(hostileLine).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")`);
    expect(hostileLine).toContain(",'@SUM(A1),");
    expect(hostileLine).toContain(",'+cmd,");
    expect(hostileLine).toContain(`,'${hostile.phone},`);
    const plainLine = lines.find((line) => line.startsWith(plain.id)) ?? '';
    expect(plainLine).toMatch(new RegExp(`^${plain.id},\\d{4}-\\d\\d-\\d\\dT[^,]+,anarock-json,anarock,delivered,1,[^,]+,,,Asha ${plain.mark},`));
    expect(plainLine).toContain(',Paid Search,google,cpc,Spring,');
  });

  it('takes the same filters as the list, and refuses bad ones', async () => {
    const { id, mark } = await storeLead({ reject: true });
    const text = await (await admin(`/leads.csv?q=${mark.toLowerCase()}&status=rejected`)).text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(text).toContain(`${id},`);
    expect(text).toContain(',rejected,1,,400 campaign paused,');
    expect((await admin('/leads.csv?status=lost')).status).toBe(400);
  });
});
