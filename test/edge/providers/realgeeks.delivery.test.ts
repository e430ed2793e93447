// Real Geeks end to end: widget body -> Worker -> D1 -> the Real Geeks stand-in, and back.
import { env } from 'cloudflare:workers';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sendRequest } from '../../../edge/delivery/deliver.ts';
import { realgeeks } from '../../../edge/providers/realgeeks.ts';
import { TEST_SECRETS } from '../../support/forms.ts';
import { marker, postLead, receivedWith, scriptStandIn, standInUrl, submission } from '../helpers.ts';

const SITE = '106994a2-ad21-4ab7-ad89-1c4ccd9ae8a5';
const SECRETS = { username: TEST_SECRETS.REALGEEKS_TEST_USERNAME, password: TEST_SECRETS.REALGEEKS_TEST_PASSWORD };
const AUTH = `Basic ${btoa(`${SECRETS.username}:${SECRETS.password}`)}`;

const leadRow = (id: string) => env.DB.prepare('SELECT * FROM leads WHERE id = ?').bind(id).first<Record<string, unknown>>();
const wireTime = (epochMs: unknown) => `${new Date(Number(epochMs)).toISOString().slice(0, 19)}+00:00`;

async function post(formId: string, body: unknown): Promise<{ status: number; id: string; leadStatus: string }> {
  const response = await postLead(formId, body);
  const answer = (await response.json()) as { id: string; status: string };
  return { status: response.status, id: answer.id, leadStatus: answer.status };
}

const HELD = "(credentials refused: fix the form's secret, and held leads go through on their next attempt)";

describe('realgeeks delivery through the Worker', () => {
  it('creates the lead with every mapped field, Basic auth and our lead id, and stores it delivered', async () => {
    const mark = marker();
    const fields = {
      message: 'Is 123 Keolu Dr still available?',
      interest: 'buyer',
      mobile: '+1 808 263 5678',
      work_email: 'asha@work.example.com',
      street: '123 Keolu Dr',
      zip: '96734',
      area: 'Windward Oahu',
      mls: '12345',
      listing_url: 'https://homes.example.com/123',
      bedrooms: '3',
      price: '$650,000',
      labels: 'kailua, oahu',
    };
    const sent = await post('realgeeks-test', submission(mark, { fields }));
    expect(sent).toEqual({ status: 202, id: expect.any(String), leadStatus: 'delivered' });
    const row = await leadRow(sent.id);
    const created = wireTime(row?.['received_at']);

    const [received, ...more] = await receivedWith(mark);
    expect(more).toHaveLength(0);
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe(`/realgeeks/sites/${SITE}/leads`);
    expect(received?.headers).toMatchObject({ authorization: AUTH, 'content-type': 'application/json', accept: 'application/json' });
    expect(received?.authenticated).toBe(true);
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
    expect(received?.response).toEqual({ status: 201, body: {} });
    expect(received?.parsed).toEqual({
      id: sent.id,
      source: 'google',
      source_details: 'Test form; utm_medium: cpc; utm_campaign: spring; utm_term: villa; channel: Paid Search; source: google; medium: cpc',
      email: 'asha@example.com',
      second_email: 'asha@work.example.com',
      first_name: 'Asha',
      last_name: mark,
      phone: '+91 98765 43210',
      phone2: '+1 808 263 5678',
      street_address: '123 Keolu Dr',
      city: 'Kailua',
      state: 'HI',
      zip: '96734',
      region: 'Windward Oahu',
      role: 'Buyer',
      created,
      activities: [
        {
          type: 'contact_emailed',
          source: 'google',
          description: 'Is 123 Keolu Dr still available?',
          property: { mls: '12345', url: 'https://homes.example.com/123', beds: 3, listing_price: '650000', tags: ['kailua', 'oahu'] },
          created,
          notify_users: true,
        },
      ],
    });
    expect(row).toMatchObject({ form_id: 'realgeeks-test', provider: 'realgeeks', status: 'delivered', attempts: 1, provider_lead_id: sent.id, last_error: null });
    for (const secret of Object.values(SECRETS)) expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('uses the form’s campaign key, fixed role and activity type; falls back to its fixed source', async () => {
    const mark = marker();
    const sent = await post('realgeeks-seller', submission(mark, { fields: { comments: 'What is my home worth?' } }));
    expect(sent.leadStatus).toBe('delivered');
    const [received] = await receivedWith(mark);
    expect(received?.url).toBe('/realgeeks/sites/5b0e4b8e-7f55-4a4e-9d0c-3c2f1e8a9b71/leads');
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
    expect(received?.parsed).toMatchObject({
      source: 'spring',
      source_details: 'utm_source: google; utm_medium: cpc; utm_term: villa; channel: Paid Search; source: google; medium: cpc',
      role: 'Seller',
      activities: [{ type: 'property_viewed', source: 'spring', description: 'What is my home worth?' }],
    });

    const plain = marker();
    await post('realgeeks-seller', submission(plain, { attribution: {} }));
    const [withoutCampaign] = await receivedWith(plain);
    expect(withoutCampaign?.parsed).toMatchObject({ source: 'Home valuation page', role: 'Seller' });
    expect(withoutCampaign?.parsed).not.toHaveProperty('source_details');
    expect(withoutCampaign?.parsed).not.toHaveProperty('activities');
  });

  it('answers 400 on the form field when a value cannot go to Real Geeks, and sends nothing', async () => {
    const mark = marker();
    const response = await postLead('realgeeks-test', submission(mark, { fields: { interest: 'landlord', bedrooms: 'three', message: 'hi' } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', fields: { interest: 'Choose Buyer, Seller, Buyer and Seller or Renter', bedrooms: 'Enter a whole number' } },
    });
    expect(await receivedWith(mark)).toHaveLength(0);
  });

  it('is refused by the stand-in with wrong credentials: held (pending to the visitor) with Real Geeks’ error', async () => {
    const mark = marker();
    const sent = await post('realgeeks-badauth', submission(mark));
    expect(sent.leadStatus).toBe('pending');
    const [received] = await receivedWith(mark);
    expect(received?.authenticated).toBe(false);
    expect(received?.response).toEqual({ status: 401, body: { error: 'Authorization header is missing or incorrect' } });
    expect(await leadRow(sent.id)).toMatchObject({ status: 'held', last_error: `401 Authorization header is missing or incorrect ${HELD}` });
  });

  it.each([
    { answer: { status: 400, body: { error: 'Request body is not a valid JSON document' } }, status: 'rejected', lastError: '400 Request body is not a valid JSON document' },
    { answer: { status: 401, body: { error: 'credentials have no permission for this site' } }, status: 'held', visible: 'pending', lastError: `401 credentials have no permission for this site ${HELD}` },
    { answer: { status: 422, body: { error: 'email: invalid email address' } }, status: 'rejected', lastError: '422 email: invalid email address' },
    { answer: { status: 500, body: 'Internal Server Error' }, status: 'pending', lastError: '500 Internal Server Error' },
    { answer: { status: 503, body: '' }, status: 'pending', lastError: '503 (empty body)' },
  ])('records $answer.status $answer.body as $status', async ({ answer, status, visible, lastError }) => {
    const mark = marker();
    await scriptStandIn('realgeeks', [{ ...answer, match: mark }]);
    const sent = await post('realgeeks-test', submission(mark, { fields: { message: 'hello' } }));
    expect(sent.leadStatus).toBe(visible ?? status);
    const [received] = await receivedWith(mark);
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]); // the request itself was right
    expect(await leadRow(sent.id)).toMatchObject({ status, attempts: 1, last_error: lastError, provider_lead_id: null });
  });

  it.each([
    { answer: { status: 201, body: { id: 'abc' } }, note: 'not the documented 201 {}: 201 {"id":"abc"}' },
    { answer: { status: 200, body: {} }, note: 'not the documented 201 {}: 200 {}' },
  ])('records an undocumented 2xx $answer.status $answer.body as delivered under our id, with a note, sent once', async ({ answer, note }) => {
    const mark = marker();
    await scriptStandIn('realgeeks', [{ ...answer, match: mark }]);
    const sent = await post('realgeeks-test', submission(mark, { fields: { message: 'hello' } }));
    expect(sent.leadStatus).toBe('delivered');
    expect(await receivedWith(mark)).toHaveLength(1);
    expect(await leadRow(sent.id)).toMatchObject({ status: 'delivered', attempts: 1, last_error: null, note, provider_lead_id: sent.id });
  });
});

describe('realgeeks operations against the stand-in', () => {
  const operations = () =>
    realgeeks.create(v.parse(realgeeks.optionsSchema, { siteUuid: SITE, baseUrl: `${standInUrl()}/realgeeks`, values: { source: 'LeadRelay test' } })).operations;
  const LEAD_ID = '0c5a4f2e-9d1b-4c7a-8e3f-2b6d9a1c4e58';

  async function run(name: string, input: unknown, tamper?: (body: string) => string) {
    const operation = operations()[name];
    if (!operation) throw new Error(`no operation ${name}`);
    const built = await operation.buildRequest(input, SECRETS, new Date());
    if (!built.ok) throw new Error(JSON.stringify(built.fields));
    const request = tamper && built.request.body ? { ...built.request, body: tamper(built.request.body) } : built.request;
    const answer = await sendRequest(request, (outbound) => fetch(outbound));
    if (!answer.ok) throw new Error(answer.reason);
    return operation.classifyResponse(answer.status, answer.bodyText);
  }

  it('update-lead: the stand-in takes the PATCH and answers 200 {}', async () => {
    const mark = marker();
    expect(await run('update-lead', { leadId: LEAD_ID, lead: { source_details: mark, role: 'Renter' } })).toEqual({ ok: true, status: 200, body: {} });
    const [received] = await receivedWith(mark);
    expect(received).toMatchObject({ method: 'PATCH', url: `/realgeeks/sites/${SITE}/leads/${LEAD_ID}`, authenticated: true, parsed: { source_details: mark, role: 'Renter' } });
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('add-activities: the stand-in takes the array and answers 200 {}', async () => {
    const mark = marker();
    const activities = [{ type: 'note', description: mark, notify_users: true }, { type: 'property_viewed', description: 'Viewed', property: { mls: '12345', beds: 2, half_baths: '1' } }];
    expect(await run('add-activities', { leadId: LEAD_ID, activities })).toEqual({ ok: true, status: 200, body: {} });
    const [received] = await receivedWith(mark);
    expect(received).toMatchObject({ method: 'POST', url: `/realgeeks/sites/${SITE}/leads/${LEAD_ID}/activities`, authenticated: true });
    expect(received?.parsed).toEqual([
      { type: 'note', source: 'LeadRelay test', description: mark, notify_users: true },
      { type: 'property_viewed', source: 'LeadRelay test', description: 'Viewed', property: { mls: '12345', beds: 2, half_baths: '1' } },
    ]);
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('create-potential-seller-lead: the stand-in answers 201 {}, and 422 when the property is missing', async () => {
    const mark = marker();
    const input = { id: crypto.randomUUID(), activities: [{ type: 'property_viewed', description: mark, property: { street_address: '123 Keolu Dr' } }] };
    expect(await run('create-potential-seller-lead', input)).toEqual({ ok: true, status: 201, body: {} });
    const [received] = await receivedWith(mark);
    expect(received).toMatchObject({ method: 'POST', url: `/realgeeks/sites/${SITE}/potential-seller-leads`, authenticated: true });
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);

    const stripped = await run('create-potential-seller-lead', { ...input, activities: [{ ...input.activities[0], description: `${mark}-2` }] }, (body) => body.replace(/,"property":\{[^}]*\}/, ''));
    expect(stripped).toEqual({ ok: false, status: 422, reason: '422 a property_viewed activity with a property' });
  });

  it('the stand-in answers 400 to a body that is not JSON, and 404 off the documented routes', async () => {
    const mark = marker();
    const broken = await fetch(`${standInUrl()}/realgeeks/sites/${SITE}/leads`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json' }, body: `{"source":"${mark}"` });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'Request body is not a valid JSON document' });
    expect((await receivedWith(mark))[0]?.checks).toContainEqual(expect.objectContaining({ name: 'body: valid JSON', ok: false }));
    const elsewhere = await fetch(`${standInUrl()}/realgeeks/sites/${SITE}/leads/${LEAD_ID}`, { method: 'DELETE', headers: { authorization: AUTH } });
    expect(elsewhere.status).toBe(404);
  });
});
