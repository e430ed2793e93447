import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  buildSakneenRequest,
  classifySakneenResponse,
  isSakneenDuplicatePhone,
  mapSakneenLead,
  sakneen,
  sakneenLanguage,
  sakneenLeadsUrl,
  sakneenMessages,
  type SakneenOptions,
} from '../../../edge/providers/sakneen.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';

const options = (overrides: Record<string, unknown> = {}): SakneenOptions =>
  v.parse(sakneen.optionsSchema, { domain: 'crm.example-developer.com', ...overrides });

const lead = (overrides: Partial<ProviderLead> = {}): ProviderLead => ({
  id: 'lead-1',
  fields: { name: 'Jane Smith', email: 'jane@example.com', phone: '+20 100 123 4567', interest: 'Downtown Tower', message: 'Call after 6' },
  phone: { e164: '+201001234567', national: '1001234567', country: 'EG', callingCode: '20' },
  attribution: { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' } },
  locale: 'en-GB',
  receivedAt: 1699999990000,
  ...overrides,
});

const NOW = new Date(1700000000 * 1000);
const SUCCESS = JSON.stringify({
  newLead: {
    _id: '64f1234567890abcdef123456',
    leadId: 1001,
    clientId: '64f1234567890abcdef123457',
    organizationId: '64f1234567890abcdef123458',
    compoundsIds: ['64f1234567890abcdef123459'],
    data: { name: 'John Doe', phoneNumber: '+1234567890', email: 'john@example.com', project: 'Downtown Tower' },
    assignedAt: '2024-08-07T10:30:00.000Z',
    isActive: true,
    isFresh: false,
    createdAt: '2024-08-07T10:30:00.000Z',
    updatedAt: '2024-08-07T10:30:00.000Z',
  },
});

describe('sakneen request', () => {
  it('builds the exact request of the document: URL, headers and body bytes', async () => {
    const adapter = sakneen.create(options({ fieldMap: { project: 'interest' } }));
    expect(await adapter.buildRequest([lead()], { apiKey: 'KEY-123' }, NOW)).toEqual({
      method: 'POST',
      url: 'https://crm.example-developer.com/external/apis/v1.0/leads',
      headers: { 'api-key': 'KEY-123', 'content-type': 'application/json', language: 'en' },
      body: '{"name":"Jane Smith","phoneNumber":"+201001234567","email":"jane@example.com","project":"Downtown Tower"}',
    });
  });

  it('sends only name and phoneNumber for a minimal lead, and no attribution anywhere', () => {
    const built = buildSakneenRequest(lead({ fields: { name: ' John Doe ', phone: '+1 234 567 890' } }), options(), 'KEY');
    expect(built.body).toBe('{"name":"John Doe","phoneNumber":"+201001234567"}');
    expect(JSON.stringify(built)).not.toMatch(/google|spring|utm/);
  });

  it('takes project from a mapped form field, else the form’s fixed value', () => {
    const configured = options({ fieldMap: { project: 'interest' }, values: { project: 'Palm Hills' } });
    expect(mapSakneenLead(lead(), configured)).toMatchObject({ ok: true, body: { project: 'Downtown Tower' } });
    expect(mapSakneenLead(lead({ fields: { name: 'Jane', interest: '  ' } }), configured)).toMatchObject({ ok: true, body: { project: 'Palm Hills' } });
    expect(mapSakneenLead(lead({ fields: { name: 'Jane', project: 'Own field' } }), options())).toMatchObject({ ok: true, body: { project: 'Own field' } });
  });

  it('maps name and email from renamed form fields', () => {
    const mapped = mapSakneenLead(lead({ fields: { full_name: 'Omar Ali', work_email: 'omar@example.com' } }), options({ fieldMap: { name: 'full_name', email: 'work_email' } }));
    expect(mapped).toEqual({ ok: true, body: { name: 'Omar Ali', phoneNumber: '+201001234567', email: 'omar@example.com' } });
  });

  it('uses the base URL override, without a doubled slash', () => {
    expect(sakneenLeadsUrl(options({ baseUrl: 'http://127.0.0.1:9/sakneen/' }))).toBe('http://127.0.0.1:9/sakneen/external/apis/v1.0/leads');
    expect(sakneenLeadsUrl(v.parse(sakneen.optionsSchema, { baseUrl: 'http://localhost:8080' }))).toBe('http://localhost:8080/external/apis/v1.0/leads');
  });

  it('sends the language the form chose, or the page’s language by default', () => {
    expect(options().language).toBe('page');
    expect(sakneenLanguage('page', 'ar')).toBe('ar');
    expect(sakneenLanguage('page', 'ar-EG')).toBe('ar');
    expect(sakneenLanguage('page', 'AR-sa')).toBe('ar');
    expect(sakneenLanguage('page', 'en-US')).toBe('en');
    expect(sakneenLanguage('page', 'fr')).toBe('en');
    expect(sakneenLanguage('page', 'arn')).toBe('en'); // Mapudungun, not Arabic
    expect(sakneenLanguage('page', undefined)).toBe('en');
    expect(sakneenLanguage('ar', 'en')).toBe('ar');
    expect(sakneenLanguage('en', 'ar-EG')).toBe('en');
    expect(buildSakneenRequest(lead({ locale: 'ar-EG' }), options(), 'K').headers['language']).toBe('ar');
    expect(buildSakneenRequest(lead({ locale: 'ar-EG' }), options({ language: 'en' }), 'K').headers['language']).toBe('en');
  });
});

describe('sakneen lead check', () => {
  const adapter = sakneen.create(options({ fieldMap: { name: 'full_name', email: 'work_email' } }));

  it('names the form field a visitor has to fix', () => {
    expect(adapter.checkLead(lead({ fields: { work_email: 'not-an-email' }, phone: undefined }))).toEqual({
      full_name: 'Enter your name',
      phone: 'Enter your phone number',
      work_email: 'Enter a valid email address',
    });
    expect(adapter.checkLead(lead({ fields: { full_name: 'Omar', work_email: 'omar@example.com' } }))).toBeUndefined();
  });

  it('takes a fixed name when the form has none', () => {
    expect(sakneen.create(options({ values: { name: 'Website visitor' } })).checkLead(lead({ fields: { phone: '+20 100 123 4567' } }))).toBeUndefined();
  });
});

describe('sakneen options', () => {
  const parses = (input: Record<string, unknown>) => v.safeParse(sakneen.optionsSchema, input);

  it('needs the customer’s domain as a bare host name, unless a base URL is set', () => {
    expect(parses({}).issues?.[0]).toMatchObject({ message: 'Must be the host name of your Sakneen system (or set baseUrl)', path: [{ key: 'domain' }] });
    expect(parses({ domain: 'https://crm.example.com' }).success).toBe(false);
    expect(parses({ domain: 'crm.example.com/external' }).success).toBe(false);
    expect(parses({ domain: 'localhost' }).success).toBe(false);
    expect(parses({ baseUrl: 'http://127.0.0.1:8790/sakneen' }).success).toBe(true);
  });

  it('refuses unknown languages, unknown fields and a fixed email that is not one', () => {
    expect(parses({ domain: 'crm.example.com', language: 'fr' }).success).toBe(false);
    expect(parses({ domain: 'crm.example.com', fieldMap: { phoneNumber: 'mobile' } }).success).toBe(false);
    expect(parses({ domain: 'crm.example.com', values: { source: 'web' } }).success).toBe(false);
    expect(parses({ domain: 'crm.example.com', values: { email: 'nobody' } }).issues?.[0]).toMatchObject({ message: 'Must be a valid email address' });
  });
});

describe('sakneen responses', () => {
  it('delivers the documented success with newLead._id, and leadId in the note', () => {
    for (const status of [200, 201]) {
      expect(classifySakneenResponse(status, SUCCESS)).toEqual({ kind: 'delivered', status, providerId: '64f1234567890abcdef123456', note: 'Sakneen leadId 1001' });
    }
    expect(classifySakneenResponse(201, '{"newLead":{"_id":"abc"}}')).toEqual({ kind: 'delivered', status: 201, providerId: 'abc' });
  });

  it('never calls a 2xx without newLead._id delivered', () => {
    for (const body of ['', 'OK', '{"newLead":{}}', '{"newLead":{"_id":""}}', '{"lead":{"_id":"x"}}', '{"newLead":null}']) {
      expect(classifySakneenResponse(201, body).kind, body).toBe('retry');
    }
    expect(classifySakneenResponse(200, '{"statusCode":503,"message":"busy"}').kind).toBe('retry');
  });

  it('rejects a 2xx that carries the documented error shape', () => {
    expect(classifySakneenResponse(200, '{"statusCode":400,"message":"Public create lead form not found"}')).toMatchObject({ kind: 'rejected', status: 200 });
  });

  it('holds a lead on both documented 401 answers, with their message: the form’s key, not the lead', () => {
    const refused = "(credentials refused: fix the form's secret, and held leads go through on their next attempt)";
    expect(classifySakneenResponse(401, '{"statusCode":401,"message":"Access Denied, API key not provided"}')).toEqual({
      kind: 'held',
      status: 401,
      reason: `401 Access Denied, API key not provided ${refused}`,
    });
    expect(classifySakneenResponse(401, '{"statusCode":401,"message":"Access Denied, API key not valid"}')).toEqual({
      kind: 'held',
      status: 401,
      reason: `401 Access Denied, API key not valid ${refused}`,
    });
  });

  it('rejects validation errors, an array of {field: text}, readably', () => {
    const body = '{"statusCode":400,"message":[{"name":"name field is missing from body"},{"phoneNumber":"phoneNumber field is missing from body"}]}';
    expect(classifySakneenResponse(400, body)).toEqual({
      kind: 'rejected',
      status: 400,
      reason: '400 name field is missing from body; phoneNumber field is missing from body',
    });
    expect(sakneenMessages('{"message":[{"email":"must be valid"}]}')).toEqual(['email: must be valid']);
  });

  it('rejects phone errors, an array of strings; a phone that exists is duplicate, unless another error comes with it', () => {
    expect(classifySakneenResponse(400, '{"statusCode":400,"message":["Invalid phone number format"]}')).toEqual({
      kind: 'rejected',
      status: 400,
      reason: '400 Invalid phone number format',
    });
    for (const body of ['{"statusCode":400,"message":["Phone number already exists for this organization"]}', '{"statusCode":400,"message":"Phone number already exists for this organization"}']) {
      expect(classifySakneenResponse(400, body), body).toEqual({
        kind: 'duplicate',
        status: 400,
        reason: '400 Phone number already exists for this organization (Sakneen already has this person; no new lead was made)',
      });
    }
    expect(classifySakneenResponse(400, '{"statusCode":400,"message":["Invalid phone number format","Phone number already exists for this organization"]}')).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('400 Invalid phone number format; Phone number already exists for this organization (duplicate'),
    });
  });

  it('after an attempt whose answer was lost, takes "already exists" as that attempt, flagged: the phone may be an older lead', () => {
    const afterUnknown = { afterUnknownOutcome: true };
    expect(classifySakneenResponse(400, '{"statusCode":400,"message":["Phone number already exists for this organization"]}', afterUnknown)).toEqual({
      kind: 'delivered',
      status: 400,
      possibleDuplicate: true,
      note: 'Sakneen already had this phone after an attempt whose answer was lost: taken as that attempt, though it may be an older lead',
    });
    // With a format error besides, no attempt of this lead can have been stored.
    expect(classifySakneenResponse(400, '{"statusCode":400,"message":["Invalid phone number format","Phone number already exists for this organization"]}', afterUnknown).kind).toBe('rejected');
  });

  it('recognises the duplicate phone answer in each message shape, and nothing else', () => {
    expect(isSakneenDuplicatePhone('{"statusCode":400,"message":["Phone number already exists for this organization"]}')).toBe(true);
    expect(isSakneenDuplicatePhone('{"statusCode":400,"message":"Phone number already exists for this organization"}')).toBe(true);
    expect(isSakneenDuplicatePhone('{"statusCode":400,"message":["Invalid phone number format","Phone number already exists for this organization"]}')).toBe(true);
    expect(isSakneenDuplicatePhone('{"statusCode":400,"message":["Invalid phone number format"]}')).toBe(false);
    expect(isSakneenDuplicatePhone('Phone number already exists for this organization')).toBe(false);
    expect(isSakneenDuplicatePhone('')).toBe(false);
  });

  it('rejects a missing public lead form as a configuration error', () => {
    expect(classifySakneenResponse(400, '{"statusCode":400,"message":"Public create lead form not found"}')).toEqual({
      kind: 'rejected',
      status: 400,
      reason: '400 Public create lead form not found (config: this Sakneen organization has no public lead form; set one up in Sakneen)',
    });
  });

  it('retries 408, 429 and 5xx; rejects other 4xx with the body', () => {
    expect(classifySakneenResponse(503, '{"statusCode":503,"message":"Service Unavailable"}')).toEqual({ kind: 'retry', status: 503, reason: '503 Service Unavailable' });
    expect(classifySakneenResponse(500, '').kind).toBe('retry');
    expect(classifySakneenResponse(429, '{"statusCode":429,"message":"ThrottlerException: Too Many Requests"}').kind).toBe('retry');
    expect(classifySakneenResponse(408, '').kind).toBe('retry');
    expect(classifySakneenResponse(404, '<html>Not Found</html>')).toEqual({ kind: 'rejected', status: 404, reason: '404 <html>Not Found</html>' });
  });
});

describe('sakneen definition', () => {
  it('sends the apiKey secret only as the api-key header, and documents no operations', async () => {
    expect(sakneen.secretNames).toEqual(['apiKey']);
    expect(sakneen.secretsSentAsIs).toEqual({ headers: ['apiKey'] });
    const adapter = sakneen.create(options());
    expect(adapter.operations).toEqual({});
    expect(adapter.maxBatchSize).toBe(1);
    const request = await adapter.buildRequest([lead()], { apiKey: 'SECRET-XYZ' }, NOW);
    expect(request.url + (request.body ?? '')).not.toContain('SECRET-XYZ');
  });
});
