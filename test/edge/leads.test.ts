import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../support/forms.ts';
import { callWorker, marker, postLead, receivedWith, scriptStandIn, submission } from './helpers.ts';

const leadRow = (id: string) => env.DB.prepare('SELECT * FROM leads WHERE id = ?').bind(id).first<Record<string, unknown>>();

describe('POST /v1/forms/{formId}/leads', () => {
  it('stores, signs and delivers a lead to Anarock, fields mapped as configured', async () => {
    const mark = marker();
    const response = await postLead('anarock-json', submission(mark, { fields: { project: 'Runwal Greens', city: 'Pune' } }));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string };
    expect(body).toEqual({ id: expect.any(String), status: 'delivered' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');

    const [received, ...more] = await receivedWith(mark);
    expect(more).toHaveLength(0);
    expect(received?.url).toBe('/anarock/api/v0/test-channel/sync-lead');
    expect(received?.authenticated).toBe(true);
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
    expect(received?.parsed).toMatchObject({
      name: `Asha ${mark}`,
      email: 'asha@example.com',
      phone: '9876543210',
      country_code: 'IN',
      purpose: 'buy',
      campaign_id: 'test-campaign',
      listing_id: '111',
      listing_name: 'Runwal Greens',
      city: 'Pune',
      source: 'google',
      sub_source: 'cpc',
      placement: 'spring',
      extra_details: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', keyword: 'villa' },
    });

    const row = await leadRow(body.id);
    expect(row).toMatchObject({ form_id: 'anarock-json', status: 'delivered', attempts: 1, provider: 'anarock' });
    expect(row?.['provider_lead_id']).toMatch(/^\d+$/);
    expect(JSON.stringify(row)).not.toContain(TEST_SECRETS.ANAROCK_TEST_KEY);
  });

  it('delivers form-encoded for a form that asks for it, reading phones in its own country', async () => {
    const mark = marker();
    const response = await postLead('anarock-form', submission(mark, { fields: { phone: '050 123 4567' } }));
    expect(response.status).toBe(202);
    const [received] = await receivedWith(mark);
    expect(received?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received?.authenticated).toBe(true);
    expect(received?.parsed).toMatchObject({ phone: '501234567', country_code: 'AE', campaign_id: 'test-campaign-2' });
  });

  it('makes one lead and one delivery of a submission sent twice with the same idempotency key', async () => {
    const mark = marker();
    const body = submission(mark);
    const first = (await (await postLead('anarock-json', body)).json()) as { id: string };
    const second = await postLead('anarock-json', body);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual({ id: first.id, status: 'delivered' });
    expect(await receivedWith(mark)).toHaveLength(1);
  });

  it('keeps the lead pending with the reason when the provider answers 503', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, body: { message: 'upstream down' }, match: mark }]);
    const response = await postLead('anarock-json', submission(mark));
    const body = (await response.json()) as { id: string; status: string };
    expect(response.status).toBe(202);
    expect(body.status).toBe('pending');
    expect(await leadRow(body.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: '503 upstream down' });
  });

  it('records a provider rejection with its message', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 400, body: { status: 'ERROR', message: 'campaign_id unknown' }, match: mark }]);
    const body = (await (await postLead('anarock-json', submission(mark))).json()) as { id: string; status: string };
    expect(body.status).toBe('rejected');
    expect(await leadRow(body.id)).toMatchObject({ status: 'rejected', last_error: '400 campaign_id unknown' });
  });

  it('answers 404 for an unknown form', async () => {
    const response = await postLead('nope', submission(marker()));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'unknown_form', message: 'No form with id "nope"' } });
  });

  it('answers 400 with a message per invalid field, and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM leads').first<{ n: number }>();
    const response = await postLead('anarock-json', {
      fields: { name: '', email: 'not-an-email' },
      attribution: { last: { utm_source: 42 } },
      idempotencyKey: 'short',
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields).sort()).toEqual(['attribution.last.utm_source', 'email', 'idempotencyKey', 'name']);
    expect(error.fields['email']).toBe('Enter a valid email address');
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM leads').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it('answers 400 naming a field whose name is not allowed', async () => {
    const response = await postLead('anarock-json', submission(marker(), { fields: { 'bad name': 'x' } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { 'bad name': 'Field names are letters, digits, _ and -' } } });
  });

  it('answers 400 on the phone field for a number that is not valid', async () => {
    const response = await postLead('anarock-json', submission(marker(), { fields: { phone: '+91 12345' } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', fields: { phone: expect.stringContaining('valid phone') } } });
  });

  it('answers 400 on the form field when a mapped value does not fit the provider', async () => {
    const response = await postLead('anarock-json', submission(marker(), { fields: { max_budget: 'a lot' } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { max_budget: 'Enter a whole number' } } });
  });

  it('refuses bodies that are not JSON, not valid JSON, or too large', async () => {
    const csv = await postLead('anarock-json', 'name,phone\nAsha,+91 98765 43210', { 'content-type': 'text/csv' });
    expect(csv.status).toBe(415);
    expect(await csv.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(csv.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const broken = await postLead('anarock-json', '{"fields":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const huge = await postLead('anarock-json', JSON.stringify({ ...submission(marker()), pad: 'x'.repeat(40_000) }));
    expect(huge.status).toBe(413);
  });

  it('refuses other origins readably (CORS headers, no lead stored) and answers every preflight', async () => {
    const mark = marker();
    const refused = await postLead('anarock-json', submission(mark), { origin: 'https://evil.example.net' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.example.net');
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
    expect(await receivedWith(mark)).toHaveLength(0);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM leads WHERE submission LIKE ?1').bind(`%${mark}%`).first('n')).toBe(0);

    const preflight = await callWorker('/v1/forms/anarock-json/leads', { method: 'OPTIONS', headers: { origin: 'https://a.example.org' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://a.example.org');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    // The apex is not allowed: its preflight passes so the browser lets the page read the POST's 403.
    const apex = await callWorker('/v1/forms/anarock-json/leads', { method: 'OPTIONS', headers: { origin: 'https://example.org' } });
    expect(apex.status).toBe(204);
    const apexPost = await postLead('anarock-json', submission(marker()), { origin: 'https://example.org' });
    expect(apexPost.status).toBe(403);
  });

  it('answers 405 to other methods and 404 to other API paths', async () => {
    expect((await callWorker('/v1/forms/anarock-json/leads', { method: 'GET', headers: { origin: 'https://shop.example.com' } })).status).toBe(405);
    expect((await callWorker('/v1/nothing')).status).toBe(404);
  });
});
