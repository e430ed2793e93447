import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildRealgeeksRequest, classifyRealgeeksResponse, mapRealgeeksLead, realgeeks, type RealgeeksOptions } from '../../../edge/providers/realgeeks.ts';
import { realgeeksAuthorization, realgeeksTime, realgeeksUrl } from '../../../edge/providers/realgeeks-wire.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';

const SITE = '106994a2-ad21-4ab7-ad89-1c4ccd9ae8a5';
const LEAD_ID = '0c5a4f2e-9d1b-4c7a-8e3f-2b6d9a1c4e58';
const SECRETS = { username: 'mywebsite', password: 's3cret' };
const AUTH = 'Basic bXl3ZWJzaXRlOnMzY3JldA=='; // realgeeks.txt's own example
const JSON_HEADERS = { authorization: AUTH, 'content-type': 'application/json', accept: 'application/json' };

const options = (overrides: Record<string, unknown> = {}): RealgeeksOptions =>
  v.parse(realgeeks.optionsSchema, { siteUuid: SITE, values: { source: 'Acme website' }, ...overrides });

const FIELDS = { name: 'Jack Johnson', email: 'jack@example.com', phone: '(808) 263-1234', message: "Hi, I'm interested in buying a house in Hawaii" };

const lead = (overrides: Partial<ProviderLead> = {}): ProviderLead => ({
  id: LEAD_ID,
  fields: FIELDS,
  phone: { e164: '+18082631234', national: '8082631234', country: 'US', callingCode: '1' },
  attribution: {
    first: { utm_source: 'facebook', utm_campaign: 'launch', captured_at: 1699990000000 },
    last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', gclid: 'abc' },
  },
  receivedAt: 1699999990000,
  ...overrides,
});

const body = (built: { body?: string }) => JSON.parse(built.body ?? '') as Record<string, unknown>;
const adapter = (overrides: Record<string, unknown> = {}) => realgeeks.create(options(overrides));

describe('realgeeks auth', () => {
  it('matches realgeeks.txt: mywebsite / s3cret -> Basic bXl3ZWJzaXRlOnMzY3JldA==', () => {
    expect(realgeeksAuthorization('mywebsite', 's3cret')).toBe(AUTH);
  });

  it('encodes non-ASCII credentials as UTF-8 instead of throwing', () => {
    expect(realgeeksAuthorization('zoë', 'pässword')).toBe('Basic em/Dqzpww6Rzc3dvcmQ='); // base64 of the UTF-8 bytes
  });
});

describe('realgeeks create lead', () => {
  it('builds the exact request: URL, headers and body bytes', () => {
    expect(buildRealgeeksRequest(lead(), options(), SECRETS)).toEqual({
      method: 'POST',
      url: `https://receivers.leadrouter.realgeeks.com/rest/sites/${SITE}/leads`,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        id: LEAD_ID,
        source: 'google',
        source_details: 'utm_medium: cpc; utm_campaign: spring; gclid: abc; first_utm_source: facebook; first_utm_campaign: launch; first_captured_at: 2023-11-14T19:26:40+00:00',
        email: 'jack@example.com',
        first_name: 'Jack',
        last_name: 'Johnson',
        phone: '+1 808 263 1234',
        created: '2023-11-14T22:13:10+00:00',
        activities: [
          { type: 'contact_emailed', source: 'google', description: "Hi, I'm interested in buying a house in Hawaii", created: '2023-11-14T22:13:10+00:00' },
        ],
      }),
    });
  });

  it('sends the same id and the same bytes on every attempt, so a retry cannot make a second lead', async () => {
    const form = adapter();
    const first = await form.buildRequest([lead()], SECRETS, new Date('2024-01-01T00:00:00Z'));
    const retry = await form.buildRequest([lead()], SECRETS, new Date('2024-01-02T06:30:00Z'));
    expect(body(first)['id']).toBe(LEAD_ID);
    expect(retry).toEqual(first);
  });

  it('writes times as realgeeks.txt does: whole seconds, +00:00', () => {
    expect(realgeeksTime(Date.UTC(2015, 3, 1, 8, 41, 51, 999))).toBe('2015-04-01T08:41:51+00:00');
  });

  it('falls back to the fixed source without a campaign, and reads another campaign key when asked', () => {
    expect(body(buildRealgeeksRequest(lead({ attribution: {} }), options(), SECRETS))).toMatchObject({ source: 'Acme website' });
    expect(body(buildRealgeeksRequest(lead({ attribution: {} }), options(), SECRETS))).not.toHaveProperty('source_details');
    const built = body(buildRealgeeksRequest(lead(), options({ attribution: { source: 'utm_campaign' } }), SECRETS));
    expect(built).toMatchObject({ source: 'spring' });
    expect(built['source_details']).toMatch(/^utm_source: google; utm_medium: cpc; gclid: abc;/);
    const fixed = body(buildRealgeeksRequest(lead(), options({ attribution: { source: 'none' } }), SECRETS));
    expect(fixed).toMatchObject({ source: 'Acme website' });
    expect(fixed['source_details']).toMatch(/^utm_source: google; utm_medium: cpc; utm_campaign: spring;/);
  });

  it('takes source from a form field when there is no campaign, and joins fixed source_details with the attribution', () => {
    const built = body(
      buildRealgeeksRequest(
        lead({ fields: { ...FIELDS, channel: 'Open house flyer' }, attribution: { last: { utm_medium: 'print' } } }),
        options({ fieldMap: { source: 'channel' }, values: { source: 'Acme website', source_details: 'Kailua landing page' } }),
        SECRETS,
      ),
    );
    expect(built).toMatchObject({ source: 'Open house flyer', source_details: 'Kailua landing page; utm_medium: print' });
  });

  it('maps role, names, second email, second phone and the address fields', () => {
    const fields = {
      first: 'Mary Ann',
      surname: 'Smith',
      email: 'mary@example.com',
      work_email: 'mary@work.example.com',
      mobile: '808-263-5678',
      interest: 'buyer_and_seller',
      address: '123 Keolu Dr, Kailua, HI 96734',
      street: '123 Keolu Dr',
      city: 'Kailua',
      state: 'HI',
      zip: '96734',
      area: 'Windward Oahu',
    };
    const built = body(
      buildRealgeeksRequest(
        lead({ fields }),
        options({ fieldMap: { first_name: 'first', last_name: 'surname', second_email: 'work_email', phone2: 'mobile', role: 'interest', street_address: 'street', region: 'area' } }),
        SECRETS,
      ),
    );
    expect(built).toMatchObject({
      email: 'mary@example.com',
      second_email: 'mary@work.example.com',
      first_name: 'Mary Ann',
      last_name: 'Smith',
      phone: '+1 808 263 1234',
      phone2: '+1 808 263 5678',
      address: '123 Keolu Dr, Kailua, HI 96734',
      street_address: '123 Keolu Dr',
      city: 'Kailua',
      state: 'HI',
      zip: '96734',
      role: 'Buyer and Seller',
      region: 'Windward Oahu',
    });
    expect(built).not.toHaveProperty('activities'); // no message field: no activity
  });

  it('uses the form’s fixed role unless the visitor picked one', () => {
    expect(body(buildRealgeeksRequest(lead(), options({ values: { source: 'x', role: 'renter' } }), SECRETS))).toMatchObject({ role: 'Renter' });
    const picked = lead({ fields: { ...FIELDS, role: 'Seller' } });
    expect(body(buildRealgeeksRequest(picked, options({ values: { source: 'x', role: 'Buyer' } }), SECRETS))).toMatchObject({ role: 'Seller' });
  });

  it('configures the message activity: field, type, notify_users and a property from the form', () => {
    const fields = {
      email: 'jack@example.com',
      note: "I'd like to visit this house",
      mls: '12345',
      listing: 'http://www.site.com/property/123',
      bedrooms: '2',
      baths: '3',
      price: '$100,500',
      lat: '21.29242539',
      lng: '-157.8501134',
      sold_on: '2015-12-25',
      labels: 'kailua, oahu,12345',
    };
    const built = body(
      buildRealgeeksRequest(
        lead({ fields }),
        options({
          messageField: 'note',
          activityType: 'property_viewed',
          notifyUsers: true,
          propertyMap: { mls: 'mls', url: 'listing', beds: 'bedrooms', full_baths: 'baths', listing_price: 'price', latitude: 'lat', longitude: 'lng', last_sold_date: 'sold_on', tags: 'labels' },
        }),
        SECRETS,
      ),
    );
    expect(built['activities']).toEqual([
      {
        type: 'property_viewed',
        source: 'google',
        description: "I'd like to visit this house",
        property: {
          mls: '12345',
          url: 'http://www.site.com/property/123',
          beds: 2,
          full_baths: 3,
          listing_price: '100500',
          latitude: 21.29242539,
          longitude: -157.8501134,
          last_sold_date: '2015-12-25',
          tags: ['kailua', 'oahu', '12345'],
        },
        created: '2023-11-14T22:13:10+00:00',
        notify_users: true,
      },
    ]);
  });

  it('names the form field of every value that does not fit', () => {
    const fields = { email: 'jack@example.com', alt_email: 'not-an-email', mobile: '12', interest: 'landlord', bedrooms: 'two', message: 'hi' };
    const mapped = mapRealgeeksLead(
      lead({ fields }),
      options({ fieldMap: { second_email: 'alt_email', phone2: 'mobile', role: 'interest' }, propertyMap: { beds: 'bedrooms' } }),
    );
    expect(mapped).toEqual({
      ok: false,
      fields: {
        alt_email: 'Enter a valid email address',
        mobile: 'Enter a valid phone number, with its country code',
        interest: 'Choose Buyer, Seller, Buyer and Seller or Renter',
        bedrooms: 'Enter a whole number',
      },
    });
  });

  it('refuses a lead Real Geeks could not reach: no email, name, phone or address', () => {
    const bare = lead({ fields: { message: 'Call me' }, phone: undefined });
    expect(adapter().checkLead(bare)).toEqual({ email: 'Enter an email address or a phone number', phone: 'Enter a phone number or an email address' });
    expect(adapter().checkLead(lead({ fields: { email: 'a@example.com' }, phone: undefined }))).toBeUndefined();
    expect(adapter().checkLead(lead({ fields: {}, phone: lead().phone }))).toBeUndefined();
  });

  it('uses the documented base URL, or an override without its trailing slash', () => {
    expect(realgeeksUrl(options(), '/leads')).toBe(`https://receivers.leadrouter.realgeeks.com/rest/sites/${SITE}/leads`);
    expect(realgeeksUrl(options({ baseUrl: 'http://127.0.0.1:9/realgeeks/' }), '/leads')).toBe(`http://127.0.0.1:9/realgeeks/sites/${SITE}/leads`);
  });

  it('rejects options that would mis-route or drop a lead', () => {
    const valid = { siteUuid: SITE, values: { source: 'x' } };
    const fails = (extra: Record<string, unknown>) => !v.safeParse(realgeeks.optionsSchema, { ...valid, ...extra }).success;
    expect(v.safeParse(realgeeks.optionsSchema, valid).success).toBe(true);
    expect(fails({ siteUuid: 'my-site' })).toBe(true);
    expect(fails({ siteUuid: `${SITE}/../x` })).toBe(true);
    expect(fails({ values: {} })).toBe(true); // source is required
    expect(fails({ values: { source: 'x', role: 'Landlord' } })).toBe(true);
    expect(fails({ fieldMap: { nme: 'name' } })).toBe(true);
    expect(fails({ propertyMap: { bedrooms: 'beds' } })).toBe(true);
    expect(fails({ activityType: 'Contact Emailed' })).toBe(true);
    expect(fails({ attribution: { source: 'utm_nothing' } })).toBe(true);
    expect(fails({ messageField: 'bad name' })).toBe(true);
    const missingSource = v.safeParse(realgeeks.optionsSchema, { siteUuid: SITE });
    expect(missingSource.success || missingSource.issues[0].path?.map((item) => item.key)).toEqual(['values', 'source']);
  });
});

describe('realgeeks responses', () => {
  it('delivered on 201 {} with our lead id as the provider id', () => {
    expect(classifyRealgeeksResponse(201, '{}', LEAD_ID)).toEqual({ kind: 'delivered', status: 201, providerId: LEAD_ID });
    expect(classifyRealgeeksResponse(201, ' {}\n', LEAD_ID).kind).toBe('delivered');
    expect(adapter().classifyResponse(201, '{}', [lead()])).toEqual([{ kind: 'delivered', status: 201, providerId: LEAD_ID }]);
  });

  it('calls any other 2xx delivered under our lead id, noting its unusual shape (a resend could only update the lead)', () => {
    expect(classifyRealgeeksResponse(200, '{}', LEAD_ID)).toEqual({ kind: 'delivered', status: 200, providerId: LEAD_ID, note: 'not the documented 201 {}: 200 {}' });
    expect(classifyRealgeeksResponse(201, '{"id":"x"}', LEAD_ID)).toEqual({ kind: 'delivered', status: 201, providerId: LEAD_ID, note: 'not the documented 201 {}: 201 {"id":"x"}' });
    expect(classifyRealgeeksResponse(202, '', LEAD_ID)).toEqual({ kind: 'delivered', status: 202, providerId: LEAD_ID, note: 'not the documented 201 {}: 202 (empty body)' });
  });

  it('rejects 400 and 422 keeping Real Geeks’ error; holds the lead on 401 (credentials, or no access to this site)', () => {
    expect(classifyRealgeeksResponse(400, '{"error":"Request body is not a valid JSON document"}', LEAD_ID)).toEqual({ kind: 'rejected', status: 400, reason: '400 Request body is not a valid JSON document' });
    expect(classifyRealgeeksResponse(401, '{"error":"not allowed for this site"}', LEAD_ID)).toEqual({
      kind: 'held',
      status: 401,
      reason: "401 not allowed for this site (credentials refused: fix the form's secret, and held leads go through on their next attempt)",
    });
    expect(classifyRealgeeksResponse(422, '{"error":"email: invalid"}', LEAD_ID)).toEqual({ kind: 'rejected', status: 422, reason: '422 email: invalid' });
    expect(classifyRealgeeksResponse(404, 'Not Found', LEAD_ID)).toEqual({ kind: 'rejected', status: 404, reason: '404 Not Found' });
  });

  it('retries 500 and 503 (unspecified bodies), 408 and 429', () => {
    expect(classifyRealgeeksResponse(500, '<html>oops</html>', LEAD_ID)).toEqual({ kind: 'retry', status: 500, reason: '500 <html>oops</html>' });
    expect(classifyRealgeeksResponse(503, '', LEAD_ID)).toEqual({ kind: 'retry', status: 503, reason: '503 (empty body)' });
    expect(classifyRealgeeksResponse(408, '', LEAD_ID).kind).toBe('retry');
    expect(classifyRealgeeksResponse(429, '', LEAD_ID).kind).toBe('retry');
  });
});
