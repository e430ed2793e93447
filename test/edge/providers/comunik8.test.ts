import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  buildComunik8Request,
  classifyComunik8Response,
  comunik8,
  comunik8BaseUrl,
  comunik8Data,
  formatComunik8Phone,
  mapComunik8Lead,
  type Comunik8Options,
} from '../../../edge/providers/comunik8.ts';
import { cancelWarning } from '../../../edge/providers/comunik8-operations.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';

const options = (overrides: Record<string, unknown> = {}): Comunik8Options =>
  v.parse(comunik8.optionsSchema, { host: 'dialler.example.com', type: 'motor-trade', ...overrides });

const lead = (overrides: Partial<ProviderLead> = {}): ProviderLead => ({
  id: 'lead-1',
  fields: { name: 'John Doe', email: 'john@example.com', phone: '07840 258823', vehicle_make: 'Ford', address: '123 Greenacre Road' },
  phone: { e164: '+447840258823', national: '7840258823', country: 'GB', callingCode: '44' },
  attribution: {
    first: { utm_source: 'facebook', utm_campaign: 'launch', captured_at: 1699990000000 },
    last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' },
  },
  receivedAt: 1699999990000,
  ...overrides,
});

const bodyOf = (built: { body?: string }) => JSON.parse(built.body ?? '') as Record<string, unknown>;
const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-cache', accept: 'application/json' };

describe('comunik8 request', () => {
  it('builds the exact /lead/add request of the golden vector', () => {
    expect(buildComunik8Request(lead(), options({ subtype: 'valeter', delays: 600 }), 'K3Y')).toEqual({
      method: 'POST',
      url: 'https://dialler.example.com/lead/add?key=K3Y',
      headers: HEADERS,
      body: String.raw`{"first_name":"John","surname":"Doe","mobile":"07840258823","email":"john@example.com","type":"motor-trade","subtype":"valeter","delays":600,"data":"{\"utm_source\":\"google\",\"utm_medium\":\"cpc\",\"utm_campaign\":\"spring\",\"first_utm_source\":\"facebook\",\"first_utm_campaign\":\"launch\",\"first_captured_at\":\"1699990000000\",\"vehicle_make\":\"Ford\",\"address\":\"123 Greenacre Road\"}"}`,
    });
  });

  it('sends `data` as a JSON string, not an object, and leaves it out when there is nothing to say', () => {
    const body = bodyOf(buildComunik8Request(lead(), options(), 'K3Y'));
    expect(typeof body['data']).toBe('string');
    expect(JSON.parse(String(body['data']))).toMatchObject({ vehicle_make: 'Ford', utm_source: 'google', first_utm_source: 'facebook' });
    const bare = lead({ fields: { name: 'John Doe', email: 'john@example.com', phone: '07840 258823' }, attribution: {} });
    expect(bodyOf(buildComunik8Request(bare, options(), 'K3Y'))).not.toHaveProperty('data');
  });

  it('keeps mapped form fields out of `data`, and lets a form field win over an attribution key', () => {
    const fields = { name: 'John Doe', email: 'john@example.com', landline: '020 7946 0958', call_in: '60', utm_source: 'flyer' };
    const data = comunik8Data(lead({ fields }), options({ fieldMap: { other_phone: 'landline', delays: 'call_in' } }));
    expect(JSON.parse(data ?? '')).toEqual({ utm_source: 'flyer', utm_medium: 'cpc', utm_campaign: 'spring', first_utm_source: 'facebook', first_utm_campaign: 'launch', first_captured_at: '1699990000000' });
  });

  it('puts the key in the query, encoded, at the host or base URL', () => {
    expect(buildComunik8Request(lead(), options(), 'a b&c=d').url).toBe('https://dialler.example.com/lead/add?key=a+b%26c%3Dd');
    expect(comunik8BaseUrl(options({ baseUrl: 'http://127.0.0.1:9/comunik8/' }))).toBe('http://127.0.0.1:9/comunik8');
    expect(comunik8BaseUrl(options({ host: undefined, baseUrl: 'https://staging.example.net' }))).toBe('https://staging.example.net');
  });

  it('sends test mode as the string "true", last, per the field table', () => {
    const built = buildComunik8Request(lead(), options({ test: true }), 'K3Y');
    expect(built.body).toMatch(/,"test":"true"}$/);
    expect(bodyOf(buildComunik8Request(lead(), options({ test: false }), 'K3Y'))).not.toHaveProperty('test');
  });

  it('writes mobiles of the home country in national form like "07840258823", others in E.164', () => {
    expect(formatComunik8Phone('+447840258823', 'GB')).toBe('07840258823');
    expect(formatComunik8Phone('+447911123456', 'GB')).toBe('07911123456'); // Guernsey shares +44
    expect(formatComunik8Phone('+971501234567', 'GB')).toBe('+971501234567');
    expect(formatComunik8Phone('+971501234567', 'AE')).toBe('0501234567');
    expect(formatComunik8Phone('+4412', 'GB')).toBeUndefined();
    const uae = lead({ phone: { e164: '+971501234567', national: '501234567', country: 'AE', callingCode: '971' } });
    expect(bodyOf(buildComunik8Request(uae, options(), 'K3Y'))['mobile']).toBe('+971501234567');
    expect(bodyOf(buildComunik8Request(uae, options({ homeCountry: 'AE' }), 'K3Y'))['mobile']).toBe('0501234567');
  });

  it('maps other_phone, subtype and delays from form fields, over the form options', () => {
    const fields = { name: 'Mary Ann Smith', email: 'm@example.com', landline: '020 7946 0958', trade: 'bodyshop', call_in: '120' };
    const mapped = mapComunik8Lead(lead({ fields, attribution: {} }), options({ subtype: 'valeter', delays: 600, fieldMap: { other_phone: 'landline', subtype: 'trade', delays: 'call_in' } }));
    expect(mapped).toEqual({
      ok: true,
      body: { first_name: 'Mary', surname: 'Ann Smith', mobile: '07840258823', email: 'm@example.com', type: 'motor-trade', subtype: 'bodyshop', other_phone: '02079460958', delays: 120 },
    });
  });

  it('takes separate name fields and fixed fallbacks', () => {
    const fields = { given_name: 'Ada', family_name: 'Lovelace', email: 'ada@example.com' };
    const built = bodyOf(buildComunik8Request(lead({ fields, attribution: {} }), options({ fieldMap: { first_name: 'given_name', surname: 'family_name' } }), 'K3Y'));
    expect(built).toMatchObject({ first_name: 'Ada', surname: 'Lovelace' });
    const oneWord = lead({ fields: { name: 'Cher', email: 'cher@example.com' } });
    expect(bodyOf(buildComunik8Request(oneWord, options({ values: { surname: 'Unknown' } }), 'K3Y'))).toMatchObject({ first_name: 'Cher', surname: 'Unknown' });
  });
});

describe('comunik8 checkLead', () => {
  const check = (fields: Record<string, string>, overrides: Record<string, unknown> = {}, extra: Partial<ProviderLead> = {}) =>
    comunik8.create(options(overrides)).checkLead(lead({ fields, ...extra }));

  it('needs a first name and a surname: a one-word name is an error on the name field', () => {
    expect(check({ name: 'Cher', email: 'c@example.com' })).toEqual({ name: 'Enter your first name and surname' });
    expect(check({ email: 'c@example.com' })).toEqual({ name: 'Enter your name' });
    const map = { fieldMap: { first_name: 'given_name', surname: 'family_name' } };
    expect(check({ given_name: 'Ada', email: 'a@example.com' }, map)).toEqual({ family_name: 'Enter your surname' });
    expect(check({ email: 'a@example.com' }, map)).toEqual({ given_name: 'Enter your first name', family_name: 'Enter your surname' });
  });

  it('needs a valid email and a mobile, named by their form fields', () => {
    expect(check({ name: 'John Doe' })).toEqual({ email: 'Enter your email address' });
    expect(check({ name: 'John Doe', work: 'not-an-email' }, { fieldMap: { email: 'work' } })).toEqual({ work: 'Enter a valid email address' });
    expect(check({ name: 'John Doe', email: 'j@example.com' }, {}, { phone: undefined })).toEqual({ phone: 'Enter your mobile number' });
  });

  it('refuses an other_phone or delays that does not parse', () => {
    const fields = { name: 'John Doe', email: 'j@example.com', landline: '12', call_in: 'soon' };
    expect(check(fields, { fieldMap: { other_phone: 'landline', delays: 'call_in' } })).toEqual({ landline: 'Enter a valid phone number', call_in: 'Enter a whole number of seconds' });
  });
});

describe('comunik8 options', () => {
  const parses = (input: Record<string, unknown>) => v.safeParse(comunik8.optionsSchema, input).success;

  it('defaults test off and the home country to GB', () => {
    expect(options()).toMatchObject({ test: false, homeCountry: 'GB', fieldMap: {}, values: {} });
  });

  it('refuses options that would mis-route or mis-type a lead', () => {
    expect(parses({ type: 'motor-trade' })).toBe(false); // no host, no baseUrl
    expect(parses({ host: 'https://dialler.example.com', type: 'motor-trade' })).toBe(false);
    expect(parses({ host: 'dialler.example.com' })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: ' ' })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: 'x', delays: -1 })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: 'x', delays: 1.5 })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: 'x', test: 'true' })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: 'x', homeCountry: 'UK' })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: 'x', fieldMap: { mobile: 'cell' } })).toBe(false);
    expect(parses({ host: 'dialler.example.com', type: 'x', values: { subtype: 'valeter' } })).toBe(false);
    expect(parses({ baseUrl: 'http://127.0.0.1:9/comunik8', type: 'x' })).toBe(true);
  });

  it('names the host option when neither host nor baseUrl is set', () => {
    const result = v.safeParse(comunik8.optionsSchema, { type: 'x' });
    expect(result.issues?.[0]?.path?.map((item) => item.key)).toEqual(['host']);
  });
});

describe('comunik8 responses', () => {
  const live = { type: 'motor-trade', test: false };
  const testMode = { type: 'motor-trade', test: true };

  it('delivers the documented success', () => {
    expect(classifyComunik8Response(200, '{ "saved": true, "processed": true }', live)).toEqual({ kind: 'delivered', status: 200 });
  });

  it('calls an existing contact or an already scheduled call duplicate on a first send: saved, not processed, never retried', () => {
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Existing Contact"}', live)).toEqual({
      kind: 'duplicate',
      status: 200,
      reason: '200 Existing Contact: Comunik8 already had this contact; saved, not processed, so the dialler will not call this lead',
    });
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Another call is already scheduled"}', live)).toEqual({
      kind: 'duplicate',
      status: 200,
      reason: '200 Another call is already scheduled: a call to this number was already queued; saved, not processed, so the dialler will not call this lead',
    });
    expect(classifyComunik8Response(409, '{"saved":true,"processed":false,"error":"Existing Contact"}', live).kind).toBe('duplicate');
  });

  it('takes them as our own earlier attempt after one whose answer was lost: delivered, with a note', () => {
    const afterUnknown = { afterUnknownOutcome: true };
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Existing Contact"}', live, afterUnknown)).toEqual({
      kind: 'delivered',
      status: 200,
      note: 'Existing Contact: Comunik8 already had this contact, after an attempt whose answer was lost: taken as that attempt',
    });
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Another call is already scheduled"}', live, afterUnknown).kind).toBe('delivered');
    // Anything else keeps its meaning after an unknown outcome.
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Unknown Type"}', live, afterUnknown).kind).toBe('rejected');
  });

  it('rejects an unknown type as the form’s config error', () => {
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Unknown Type"}', live)).toEqual({
      kind: 'rejected',
      status: 200,
      reason: '200 Unknown Type: the form\'s type option "motor-trade" is not a lead type Comunik8 knows',
    });
  });

  it('rejects field errors, keeping each message', () => {
    expect(classifyComunik8Response(400, '{"email":{"0":"Email cannot be blank."}}', live)).toEqual({ kind: 'rejected', status: 400, reason: '400 email: Email cannot be blank.' });
    expect(classifyComunik8Response(400, '{"data":{"0":"Empty or invalid content of `data` field"}}', live)).toEqual({
      kind: 'rejected',
      status: 400,
      reason: '400 data: Empty or invalid content of `data` field',
    });
    expect(classifyComunik8Response(200, '{"email":{"0":"Email cannot be blank."},"mobile":["Mobile is invalid."]}', live)).toEqual({
      kind: 'rejected',
      status: 200,
      reason: '200 email: Email cannot be blank.; mobile: Mobile is invalid.',
    });
  });

  it('rejects other saved-but-not-processed answers and other 4xx', () => {
    expect(classifyComunik8Response(200, '{"saved":true,"processed":false,"error":"Blocked number"}', live)).toEqual({ kind: 'rejected', status: 200, reason: '200 saved but not processed: Blocked number' });
    expect(classifyComunik8Response(404, '{"name":"Not Found","message":"Page not found."}', live)).toEqual({ kind: 'rejected', status: 404, reason: '404 Page not found.' });
  });

  it('holds a lead whose key is refused (401 or 403): the form’s secret, not the lead', () => {
    expect(classifyComunik8Response(401, '{"name":"Unauthorized","message":"Your request was made with invalid credentials."}', live)).toEqual({
      kind: 'held',
      status: 401,
      reason: "401 Your request was made with invalid credentials. (credentials refused: fix the form's secret, and held leads go through on their next attempt)",
    });
    expect(classifyComunik8Response(403, '', live).kind).toBe('held');
  });

  it('knows {"test":"ok"} only in test mode', () => {
    expect(classifyComunik8Response(200, '{ "test": "ok" }', testMode)).toEqual({ kind: 'delivered', status: 200, note: 'test mode: Comunik8 found the format correct and saved nothing' });
    expect(classifyComunik8Response(200, '{"test":"ok"}', live).kind).toBe('retry');
    expect(classifyComunik8Response(200, '{"saved":true,"processed":true}', testMode)).toEqual({ kind: 'delivered', status: 200, note: 'sent in test mode, but Comunik8 saved it as a real lead' });
  });

  it('retries 500, 408, 429 and any 2xx that is not a documented answer', () => {
    expect(classifyComunik8Response(500, '', live)).toEqual({ kind: 'retry', status: 500, reason: '500 (empty body)' });
    expect(classifyComunik8Response(408, '', live).kind).toBe('retry');
    expect(classifyComunik8Response(429, '', live).kind).toBe('retry');
    for (const body of ['', '{"saved":true}', '{"status":"OK"}', '{"saved":false,"processed":false}', '<html></html>']) {
      expect(classifyComunik8Response(200, body, live).kind, body).toBe('retry');
    }
  });
});

describe('comunik8 cancel', () => {
  const operation = comunik8.create(options()).operations['cancel']!;
  const NOW = new Date(1700000000 * 1000);

  it('builds the POST /lead/cancel of the document, mobile in the same form as /lead/add, no test field', async () => {
    expect(await operation.buildRequest({ mobile: '+44 7840 258823' }, { key: 'K3Y' }, NOW)).toEqual({
      ok: true,
      request: { method: 'POST', url: 'https://dialler.example.com/lead/cancel?key=K3Y', headers: HEADERS, body: '{"mobile":"07840258823","type":"motor-trade"}' },
    });
    const testing = comunik8.create(options({ test: true })).operations['cancel']!;
    const built = await testing.buildRequest({ mobile: '07840258823', type: 'home-improvement' }, { key: 'K3Y' }, NOW);
    expect(built.ok && built.request.body).toBe('{"mobile":"07840258823","type":"home-improvement"}');
  });

  it('names the input to fix', async () => {
    expect(await operation.buildRequest({ mobile: '12' }, { key: 'K3Y' }, NOW)).toEqual({ ok: false, fields: { mobile: 'Enter a valid phone number' } });
    expect(await operation.buildRequest({}, { key: 'K3Y' }, NOW)).toEqual({ ok: false, fields: { mobile: 'Enter the mobile number the lead was sent with' } });
    expect(await operation.buildRequest({ mobile: '07840258823', type: '' }, { key: 'K3Y' }, NOW)).toEqual({ ok: false, fields: { type: 'Enter the lead type, or leave it out for the form’s own' } });
  });

  it('is ok only for {"cancelled": true}', () => {
    expect(operation.classifyResponse(200, '{ "cancelled": true }')).toEqual({ ok: true, status: 200, body: { cancelled: true } });
  });

  it('keeps each documented warning, including the unquoted "server error (call group)"', () => {
    const raw = '{\n    "cancelled": false,\n    "warning": server error (call group)\n}';
    expect(cancelWarning(raw)).toBe('server error (call group)');
    expect(operation.classifyResponse(200, raw)).toEqual({ ok: false, status: 200, reason: '200 server error (call group) (the lead type does not exist at Comunik8)' });
    expect(operation.classifyResponse(200, '{"cancelled":false,"warning":"not found"}')).toEqual({ ok: false, status: 200, reason: '200 not found (Comunik8 has no lead of this type for this mobile number)' });
    expect(operation.classifyResponse(200, '{"cancelled":false,"warning":"already processed"}')).toEqual({ ok: false, status: 200, reason: '200 already processed (the lead has already been dialled)' });
    expect(operation.classifyResponse(200, '{"cancelled":false,"warning":"server error (save)"}')).toEqual({
      ok: false,
      status: 200,
      reason: '200 server error (save) (Comunik8 could not save the cancellation; try again)',
    });
    expect(operation.classifyResponse(200, '{"cancelled":false,"warning":"on hold"}')).toEqual({ ok: false, status: 200, reason: '200 on hold' });
  });

  it('reports field errors, server errors and unreadable answers as failures', () => {
    expect(operation.classifyResponse(400, '{"type":{"0":"Type cannot be blank."}}')).toEqual({ ok: false, status: 400, reason: '400 type: Type cannot be blank.' });
    expect(operation.classifyResponse(500, '')).toEqual({ ok: false, status: 500, reason: '500 (empty body)' });
    expect(operation.classifyResponse(200, '{"cancelled":"yes"}')).toEqual({ ok: false, status: 200, reason: '200 unexpected answer: {"cancelled":"yes"}' });
  });
});
