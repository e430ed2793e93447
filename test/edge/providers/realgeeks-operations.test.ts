import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { realgeeks } from '../../../edge/providers/realgeeks.ts';
import type { ProviderOperation } from '../../../edge/providers/types.ts';

const SITE = '106994a2-ad21-4ab7-ad89-1c4ccd9ae8a5';
const LEAD_ID = '0c5a4f2e-9d1b-4c7a-8e3f-2b6d9a1c4e58';
const SECRETS = { username: 'mywebsite', password: 's3cret' };
const BASE = `https://receivers.leadrouter.realgeeks.com/rest/sites/${SITE}`;
const HEADERS = { authorization: 'Basic bXl3ZWJzaXRlOnMzY3JldA==', 'content-type': 'application/json', accept: 'application/json' };
const NOW = new Date(1700000000 * 1000);

const operations = realgeeks.create(v.parse(realgeeks.optionsSchema, { siteUuid: SITE, values: { source: 'Acme website' } })).operations;
const operation = (name: string): ProviderOperation => {
  const found = operations[name];
  if (!found) throw new Error(`no operation ${name}`);
  return found;
};

// realgeeks.txt sample: the property of a property_viewed activity, with its mixed number types.
const PROPERTY = {
  mls: '12345',
  url: 'http://www.site.com/property/123',
  street_address: '123 Keolu Dr',
  city: 'Kailua',
  state: 'HI',
  zip: '96734',
  beds: 2,
  full_baths: 3,
  half_baths: '1',
  type: 'Condo',
  sqft: '1340',
  listing_price: '100500',
  listing_status: 'For Sale',
  listing_days_on_market: 10,
  estimated_value: '145000',
  last_sold_date: '2015-12-25',
  last_sold_price: '25000.99',
  tags: ['kailua', 'oahu', '12345'],
  latitude: 21.29242539,
  longitude: -157.8501134,
};

describe('realgeeks operations', () => {
  it('offers exactly the three the document describes', () => {
    expect(Object.keys(operations).sort()).toEqual(['add-activities', 'create-potential-seller-lead', 'update-lead']);
  });

  it('update-lead: PATCH /sites/{site}/leads/{lead} with only the given fields, activities sourced', async () => {
    const input = { leadId: LEAD_ID, lead: { phone: '808-123-1234', role: 'Seller', activities: [{ type: 'note', description: 'Wants a valuation' }] } };
    expect(await operation('update-lead').buildRequest(input, SECRETS, NOW)).toEqual({
      ok: true,
      request: {
        method: 'PATCH',
        url: `${BASE}/leads/${LEAD_ID}`,
        headers: HEADERS,
        body: JSON.stringify({ phone: '808-123-1234', role: 'Seller', activities: [{ type: 'note', source: 'Acme website', description: 'Wants a valuation' }] }),
      },
    });
  });

  it('update-lead: refuses unknown fields, a bad role, an empty change and a lead id that is not a UUID', async () => {
    const update = operation('update-lead');
    expect(await update.buildRequest({ leadId: LEAD_ID, lead: { nickname: 'J' } }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { 'lead.nickname': 'Only the lead fields Real Geeks documents' } });
    expect(await update.buildRequest({ leadId: LEAD_ID, lead: { role: 'Potential Seller' } }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { 'lead.role': expect.stringContaining('Buyer') } });
    expect(await update.buildRequest({ leadId: LEAD_ID, lead: {} }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { lead: 'Send at least one field to change' } });
    expect(await update.buildRequest({ leadId: '../x', lead: { city: 'Kailua' } }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { leadId: 'Must be the lead id, a UUID' } });
    expect(await update.buildRequest({ leadId: LEAD_ID, lead: { email: 'nope' } }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { 'lead.email': 'Must be a valid email address' } });
  });

  it('add-activities: POST a JSON array, every documented activity field kept', async () => {
    const activities = [
      { type: 'property_viewed', source: 'Partner site', description: "I'd like to visit this house", property: PROPERTY, created: '2015-04-01T08:55:55+00:00', notify_users: true },
      { type: 'was_assigned', description: 'Assigned to Ana', user: { id: 'agent-7', role: 'Agent', name: 'Ana Lee', admin: false } },
    ];
    expect(await operation('add-activities').buildRequest({ leadId: LEAD_ID, activities }, SECRETS, NOW)).toEqual({
      ok: true,
      request: {
        method: 'POST',
        url: `${BASE}/leads/${LEAD_ID}/activities`,
        headers: HEADERS,
        body: JSON.stringify([
          { type: 'property_viewed', source: 'Partner site', description: "I'd like to visit this house", property: PROPERTY, created: '2015-04-01T08:55:55+00:00', notify_users: true },
          { type: 'was_assigned', source: 'Acme website', description: 'Assigned to Ana', user: { id: 'agent-7', name: 'Ana Lee', role: 'Agent', admin: false } },
        ]),
      },
    });
  });

  it('add-activities: names each wrong activity field by its path', async () => {
    const add = operation('add-activities');
    expect(await add.buildRequest({ leadId: LEAD_ID, activities: [] }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { activities: 'Send at least one activity' } });
    const bad = [{ type: 'note', description: '', created: 'yesterday', property: { beds: 'two' } }];
    expect(await add.buildRequest({ leadId: LEAD_ID, activities: bad }, SECRETS, NOW)).toMatchObject({
      ok: false,
      fields: {
        'activities.0.description': 'Must not be empty',
        'activities.0.created': expect.stringContaining('ISO 8601'),
        'activities.0.property.beds': 'Must be a whole number',
      },
    });
    expect(await add.buildRequest({ leadId: LEAD_ID, activities: [{ type: 'note', description: 'x', colour: 'red' }] }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { 'activities.0.colour': 'Only the activity fields Real Geeks documents' } });
  });

  it('create-potential-seller-lead: POST id, activities and created only', async () => {
    const input = { id: LEAD_ID, created: '2015-04-01T08:41:51+00:00', activities: [{ type: 'property_viewed', description: 'Valuation of 123 Keolu Dr', property: { street_address: '123 Keolu Dr', zip: '96734' } }] };
    expect(await operation('create-potential-seller-lead').buildRequest(input, SECRETS, NOW)).toEqual({
      ok: true,
      request: {
        method: 'POST',
        url: `${BASE}/potential-seller-leads`,
        headers: HEADERS,
        body: JSON.stringify({
          id: LEAD_ID,
          created: '2015-04-01T08:41:51+00:00',
          activities: [{ type: 'property_viewed', source: 'Acme website', description: 'Valuation of 123 Keolu Dr', property: { street_address: '123 Keolu Dr', zip: '96734' } }],
        }),
      },
    });
  });

  it('create-potential-seller-lead: needs a property_viewed with a property, an id, and no contact fields', async () => {
    const create = operation('create-potential-seller-lead');
    const note = { type: 'note', description: 'Looked around' };
    expect(await create.buildRequest({ id: LEAD_ID, activities: [note] }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { activities: 'Needs a property_viewed activity with a property' } });
    expect(await create.buildRequest({ id: LEAD_ID, activities: [{ type: 'property_viewed', description: 'x' }] }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { activities: 'Needs a property_viewed activity with a property' } });
    expect(await create.buildRequest({ activities: [{ type: 'property_viewed', description: 'x', property: { mls: '1' } }] }, SECRETS, NOW)).toMatchObject({ ok: false, fields: { id: expect.any(String) } });
    expect(await create.buildRequest({ id: LEAD_ID, email: 'a@example.com', activities: [] }, SECRETS, NOW)).toMatchObject({ ok: false });
  });

  it('classifies each documented answer: 200 {} for updates and activities, 201 {} for a potential seller', () => {
    expect(operation('update-lead').classifyResponse(200, '{}')).toEqual({ ok: true, status: 200, body: {} });
    expect(operation('add-activities').classifyResponse(200, '{}')).toEqual({ ok: true, status: 200, body: {} });
    expect(operation('create-potential-seller-lead').classifyResponse(201, '{}')).toEqual({ ok: true, status: 201, body: {} });
    expect(operation('update-lead').classifyResponse(201, '{"x":1}')).toEqual({ ok: false, status: 201, reason: 'unexpected 201 answer: 201 {"x":1}' });
    expect(operation('add-activities').classifyResponse(422, '{"error":"type: unknown activity type"}')).toEqual({ ok: false, status: 422, reason: '422 type: unknown activity type' });
    expect(operation('create-potential-seller-lead').classifyResponse(401, '{"error":"no access to this site"}')).toEqual({ ok: false, status: 401, reason: '401 no access to this site' });
    expect(operation('update-lead').classifyResponse(503, '')).toEqual({ ok: false, status: 503, reason: '503 (empty body)' });
  });
});
