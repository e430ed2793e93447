import { describe, expect, it } from 'vitest';
import {
  anarock,
  anarockBaseUrl,
  buildAnarockRequest,
  classifyAnarockResponse,
  mapAnarockLead,
  signAnarock,
  type AnarockOptions,
} from '../../../edge/providers/anarock.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';
import * as v from 'valibot';

const options = (overrides: Record<string, unknown> = {}): AnarockOptions =>
  v.parse(anarock.optionsSchema, { environment: 'staging', channel: 'sell-do', campaignId: '42-Queens-Square', ...overrides });

const lead = (overrides: Partial<ProviderLead> = {}): ProviderLead => ({
  id: 'lead-1',
  fields: { name: 'Rahul Kumar', email: 'rahul@example.com', phone: '+91 98196 19866', city: 'Mumbai', max_budget: '50000000' },
  phone: { e164: '+919819619866', national: '9819619866', country: 'IN', callingCode: '91' },
  attribution: {
    first: { utm_source: 'facebook', utm_campaign: 'launch', captured_at: 1699990000000 },
    last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'villa', gclid: 'abc' },
  },
  receivedAt: 1699999990000,
  ...overrides,
});

const NOW = new Date(1700000000 * 1000);

describe('anarock signature', () => {
  it('matches the golden vector: HMAC-SHA256("KEY", "1700000000")', async () => {
    expect(await signAnarock('KEY', 1700000000)).toBe('7d8dedf79d4a628099c15ff4defa60e304c579525a0f3540c85f958b2caf42d2');
  });
});

describe('anarock request', () => {
  it('builds the exact JSON sync-lead request', async () => {
    const built = await buildAnarockRequest(lead(), options(), 'KEY', NOW);
    expect(built).toEqual({
        method: 'POST',
        url: 'https://lead-webhook.staging.anarock.com/api/v0/sell-do/sync-lead',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          name: 'Rahul Kumar',
          email: 'rahul@example.com',
          city: 'Mumbai',
          max_budget: 50000000,
          source: 'google',
          sub_source: 'spring',
          placement: 'villa',
          phone: '9819619866',
          country_code: 'IN',
          purpose: 'buy',
          contact_date: 1699999990,
          extra_details: {
            utm_source: 'google',
            utm_medium: 'cpc',
            utm_campaign: 'spring',
            utm_term: 'villa',
            gclid: 'abc',
            first_utm_source: 'facebook',
            first_utm_campaign: 'launch',
            first_captured_at: '1699990000000',
          },
          campaign_id: '42-Queens-Square',
          current_time: 1700000000,
          hash: '7d8dedf79d4a628099c15ff4defa60e304c579525a0f3540c85f958b2caf42d2',
        }),
    });
  });

  it('form-encodes like the PHP sample', async () => {
    const built = await buildAnarockRequest(lead({ attribution: {} }), options({ encoding: 'form' }), 'KEY', NOW);
    expect(built.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const params = new URLSearchParams(built.body);
    expect(Object.fromEntries(params)).toEqual({
      name: 'Rahul Kumar',
      email: 'rahul@example.com',
      city: 'Mumbai',
      max_budget: '50000000',
      phone: '9819619866',
      country_code: 'IN',
      purpose: 'buy',
      contact_date: '1699999990',
      campaign_id: '42-Queens-Square',
      current_time: '1700000000',
      hash: '7d8dedf79d4a628099c15ff4defa60e304c579525a0f3540c85f958b2caf42d2',
    });
  });

  it('sends extra_details form-encoded as a JSON string', async () => {
    const built = await buildAnarockRequest(lead(), options({ encoding: 'form' }), 'KEY', NOW);
    expect(JSON.parse(new URLSearchParams(built.body).get('extra_details') ?? '')).toMatchObject({ utm_term: 'villa', first_utm_source: 'facebook' });
  });

  it('uses the production host, a custom host, or a base URL override', () => {
    expect(anarockBaseUrl(options({ environment: 'production' }))).toBe('https://lead.anarock.com');
    expect(anarockBaseUrl(options({ host: 'anarock.in' }))).toBe('https://lead-webhook.staging.anarock.in');
    expect(anarockBaseUrl(options({ baseUrl: 'http://127.0.0.1:9/anarock/' }))).toBe('http://127.0.0.1:9/anarock');
  });

  it('maps renamed form fields, fixed values and typed fields', async () => {
    const built = await buildAnarockRequest(
      lead({ fields: { project: 'Runwal Greens', loan: 'yes', broker: 'no', min: '1000' }, attribution: {} }),
      options({
        fieldMap: { listing_name: 'project', homeloan_required: 'loan', is_broker: 'broker', min_budget: 'min' },
        values: { listing_id: '111', source: 'website', credit_value: '250', source_id: '1', sub_source_id: '6' },
      }),
      'KEY',
      NOW,
    );
    expect(JSON.parse(built.body ?? '')).toMatchObject({
      source_id: 1,
      sub_source_id: 6,
      listing_name: 'Runwal Greens',
      listing_id: '111',
      credit_value: '250',
      source: 'website',
      homeloan_required: true,
      is_broker: false,
      min_budget: 1000,
    });
  });

  it('prefers the captured campaign over a fixed source, and honours a custom attribution map', async () => {
    const built = await buildAnarockRequest(lead(), options({ values: { source: 'website' }, attribution: { placement: 'utm_campaign', sub_source: 'utm_medium' } }), 'KEY', NOW);
    expect(JSON.parse(built.body ?? '')).toMatchObject({ source: 'google', sub_source: 'cpc', placement: 'spring' });
  });

  it('names the form field when a typed value does not fit', () => {
    const mapped = mapAnarockLead(lead({ fields: { budget: 'lots', loan: 'maybe' } }), options({ fieldMap: { max_budget: 'budget', homeloan_required: 'loan' } }));
    expect(mapped).toEqual({ ok: false, fields: { budget: 'Enter a whole number', loan: 'Choose yes or no' } });
  });

  it('refuses a lead without a phone: anarock.txt marks it mandatory', () => {
    expect(anarock.create(options()).checkLead(lead({ phone: undefined }))).toEqual({ phone: 'Enter a phone number' });
  });

  it('rejects options that would mis-route or mis-attribute a lead', () => {
    expect(v.safeParse(anarock.optionsSchema, { environment: 'staging', channel: 'a/b', campaignId: 'x' }).success).toBe(false);
    expect(v.safeParse(anarock.optionsSchema, { environment: 'staging', channel: 'a' }).success).toBe(false);
    expect(v.safeParse(anarock.optionsSchema, { environment: 'live', channel: 'a', campaignId: 'x' }).success).toBe(false);
    expect(v.safeParse(anarock.optionsSchema, { environment: 'staging', channel: 'a', campaignId: 'x', fieldMap: { nme: 'name' } }).success).toBe(false);
  });
});

describe('anarock responses', () => {
  it('delivered with the lead_id of the documented success body', () => {
    expect(classifyAnarockResponse(200, '{"status":"OK","message":"success","response":{"lead_id":17863}}')).toEqual({
      kind: 'delivered',
      status: 200,
      providerId: '17863',
    });
  });

  it('never calls an unreadable 2xx delivered', () => {
    expect(classifyAnarockResponse(200, '<html>maintenance</html>').kind).toBe('retry');
    expect(classifyAnarockResponse(200, '{"status":"OK"}').kind).toBe('retry');
  });

  it('rejects a 2xx that says it failed, keeping the message', () => {
    expect(classifyAnarockResponse(200, '{"status":"ERROR","message":"campaign not found"}')).toEqual({
      kind: 'rejected',
      status: 200,
      reason: '200 campaign not found',
    });
  });

  it('retries 408, 429 and 5xx; rejects other 4xx', () => {
    expect(classifyAnarockResponse(503, 'down').kind).toBe('retry');
    expect(classifyAnarockResponse(429, '').kind).toBe('retry');
    expect(classifyAnarockResponse(408, '').kind).toBe('retry');
    expect(classifyAnarockResponse(422, '{"status":"ERROR","message":"Invalid parameter"}')).toEqual({ kind: 'rejected', status: 422, reason: '422 Invalid parameter' });
  });

  it('holds a lead on a 401 or 403, and on "API key is wrong" under any status: the form’s key, not the lead', () => {
    expect(classifyAnarockResponse(401, '{"status":"ERROR","message":"Invalid hash"}')).toEqual({
      kind: 'held',
      status: 401,
      reason: "401 Invalid hash (credentials refused: fix the form's secret, and held leads go through on their next attempt)",
    });
    expect(classifyAnarockResponse(403, '').kind).toBe('held');
    expect(classifyAnarockResponse(200, '{"status":"ERROR","message":"API key is wrong"}').kind).toBe('held');
    expect(classifyAnarockResponse(400, '{"status":"ERROR","message":"API key is wrong"}').kind).toBe('held');
    expect(classifyAnarockResponse(200, '{"status":"ERROR","message":"campaign not found"}').kind).toBe('rejected');
  });
});

describe('anarock last-lead-data', () => {
  const operation = anarock.create(options()).operations['last-lead-data']!;

  it('builds the signed GET of the document', async () => {
    expect(await operation.buildRequest({ phone: '9999999999' }, { key: 'KEY' }, NOW)).toEqual({
      ok: true,
      request: {
        method: 'GET',
        url: 'https://lead-webhook.staging.anarock.com/api/v0/sell-do/last-lead-data?phone=9999999999&current_time=1700000000&hash=7d8dedf79d4a628099c15ff4defa60e304c579525a0f3540c85f958b2caf42d2',
        headers: { accept: 'application/json' },
      },
    });
  });

  it('asks for national digits', async () => {
    expect(await operation.buildRequest({ phone: '+91 99999' }, { key: 'KEY' }, NOW)).toEqual({ ok: false, fields: { phone: 'Phone number without country code, digits only' } });
  });

  it('returns the stored lead of an OK answer, the reason otherwise', () => {
    const body = '{"status":"OK","message":"success","response":{"lead_id":194466,"project_name":"bkc test"}}';
    expect(operation.classifyResponse(200, body)).toEqual({ ok: true, status: 200, body: { lead_id: 194466, project_name: 'bkc test' } });
    expect(operation.classifyResponse(401, '{"message":"bad hash"}')).toEqual({ ok: false, status: 401, reason: '401 bad hash' });
  });
});

describe('anarock confirmation after a lost answer (last-lead-data)', () => {
  const confirmation = anarock.create(options({ fieldMap: { listing_name: 'project' } })).confirmation!;
  const ours = lead({ fields: { name: 'Rahul Kumar', email: 'rahul@example.com', phone: '+91 98196 19866', project: 'Queens Square' } });
  // anarock.txt's sample answer, filled with this lead's values as Anarock would store them.
  const stored = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      status: 'OK',
      message: 'success',
      response: { lead_id: 194466, name: 'Rahul Kumar', email: 'rahul@example.com', phone: '+919819619866', country_code: '+91', project_name: '42-Queens-Square', ...overrides },
    });
  const verdict = (overrides: Record<string, unknown> = {}, status = 200) => confirmation.classify(status, stored(overrides), ours);

  it('confirms when phone, name, email and project all match (case and spacing aside)', () => {
    expect(verdict()).toEqual({ kind: 'delivered', providerId: '194466' });
    expect(verdict({ name: ' rahul  KUMAR ', email: 'Rahul@Example.com', phone: '9819619866', project_name: 'queens square' })).toEqual({ kind: 'delivered', providerId: '194466' });
  });

  it('cannot tell when any identifying field differs or is missing: a repeat enquirer’s older lead is not ours', () => {
    for (const overrides of [{ name: 'Rahul K' }, { email: 'other@example.com' }, { email: null }, { phone: '+919800000000' }, { project_name: 'bkc test' }, { project_name: null }]) {
      expect(verdict(overrides), JSON.stringify(overrides)).toMatchObject({ kind: 'unknown' });
    }
    // Matching on email alone (the name another's) is not enough either.
    expect(verdict({ name: 'Someone Else' })).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('name') });
  });

  it('checks a creation time where the answer has one: created before we took the lead is an older lead', () => {
    const receivedSeconds = Math.floor(ours.receivedAt / 1000);
    expect(verdict({ created_at: receivedSeconds + 3 })).toEqual({ kind: 'delivered', providerId: '194466' });
    expect(verdict({ created_at: new Date(ours.receivedAt + 3000).toISOString() })).toEqual({ kind: 'delivered', providerId: '194466' });
    expect(verdict({ created_at: receivedSeconds - 60 })).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('creation time') });
    expect(verdict({ created_at: 'yesterday' })).toMatchObject({ kind: 'unknown' });
  });

  it('reads a 404 and every other failure as "cannot tell", never as absent', () => {
    expect(confirmation.classify(404, '{"status":"ERROR","message":"No lead found for this phone"}', ours)).toMatchObject({ kind: 'unknown' });
    expect(confirmation.classify(401, '{"status":"ERROR","message":"API key is wrong"}', ours)).toMatchObject({ kind: 'unknown' });
    expect(confirmation.classify(200, 'not json', ours)).toMatchObject({ kind: 'unknown' });
  });

  it('needs only the fields we sent: a lead without an email is matched on the rest', () => {
    const { email: _email, ...fields } = ours.fields;
    expect(confirmation.classify(200, stored({ email: null }), { ...ours, fields })).toEqual({ kind: 'delivered', providerId: '194466' });
  });
});
