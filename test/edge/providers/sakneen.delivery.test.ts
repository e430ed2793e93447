// Black box: the widget's body -> the Worker -> the Sakneen stand-in, and the lead's row in D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../support/forms.ts';
import { marker, postForm, postLead, receivedWith, scriptStandIn, standInUrl, submission } from '../helpers.ts';

const FORM = 'sakneen-test';
const leadRow = (id: string) => env.DB.prepare('SELECT * FROM leads WHERE id = ?').bind(id).first<Record<string, unknown>>();

// The stand-in refuses a phone it has seen (sakneen.txt: duplicates per organization), so each
// lead gets its own UAE mobile number: as typed, and as E.164.
function uniquePhone(): { typed: string; e164: string } {
  const digits = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  return { typed: `050 ${digits.slice(0, 3)} ${digits.slice(3)}`, e164: `+97150${digits}` };
}

/** Posts one lead as the widget does: the helper's name and email, with these fields on top. */
async function send(mark: string, fields: Record<string, string>) {
  const body = submission(mark, { fields });
  const response = await postLead(FORM, body);
  return { response, answer: (await response.json()) as { id: string; status: string } };
}

describe('sakneen delivery through the Worker', () => {
  it('delivers a lead with exactly the documented headers and fields', async () => {
    const mark = marker();
    const phone = uniquePhone();
    const { response, answer } = await send(mark, { phone: phone.typed, message: 'Call after 6' });
    expect(response.status).toBe(202);
    expect(answer).toEqual({ id: expect.any(String), status: 'delivered' });

    const [received, ...more] = await receivedWith(mark);
    expect(more).toHaveLength(0);
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/sakneen/external/apis/v1.0/leads');
    expect(received?.headers).toMatchObject({ 'api-key': TEST_SECRETS.SAKNEEN_TEST_APIKEY, 'content-type': 'application/json', language: 'en' });
    const transport = ['host', 'content-length', 'connection', 'accept-encoding', 'user-agent', 'cf-ray', 'cf-connecting-ip', 'cf-visitor', 'cf-ew-via', 'cdn-loop', 'x-forwarded-proto', 'x-real-ip', 'cf-worker'];
    expect(Object.keys(received?.headers ?? {}).filter((name) => !transport.includes(name)).sort()).toEqual(['api-key', 'content-type', 'language']);
    // Only the documented fields: no message, no attribution (sakneen.txt has no field for them).
    expect(received?.body).toBe(JSON.stringify({ name: `Asha ${mark}`, phoneNumber: phone.e164, email: 'asha@example.com', project: 'Downtown Tower' }));
    expect(received?.authenticated).toBe(true);
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
    expect(received?.response.status).toBe(201);

    const newLead = (received?.response.body as { newLead: { _id: string; data: unknown } }).newLead;
    expect(newLead.data).toEqual({ name: `Asha ${mark}`, phoneNumber: phone.e164, email: 'asha@example.com', project: 'Downtown Tower' });
    const row = await leadRow(answer.id);
    expect(row).toMatchObject({ form_id: FORM, provider: 'sakneen', status: 'delivered', attempts: 1, provider_lead_id: newLead._id, last_error: null });
    expect(JSON.stringify(row)).not.toContain(TEST_SECRETS.SAKNEEN_TEST_APIKEY);
  });

  it('sends language ar for an Arabic page, and the project from the mapped form field', async () => {
    const mark = marker();
    const phone = uniquePhone();
    const fields = { name: `Asha ${mark}`, phone: phone.typed, interest: 'Palm Hills' }; // no email
    const answer = (await (await postLead(FORM, { ...submission(mark), fields, locale: 'ar-EG' })).json()) as { status: string };
    expect(answer.status).toBe('delivered');
    const [received] = await receivedWith(mark);
    expect(received?.headers['language']).toBe('ar');
    expect(received?.parsed).toEqual({ name: `Asha ${mark}`, phoneNumber: phone.e164, project: 'Palm Hills' });
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('records a second lead with the same phone as duplicate (the documented 400), and tells the visitor it was received', async () => {
    const phone = uniquePhone();
    const first = await send(marker(), { phone: phone.typed });
    expect(first.answer.status).toBe('delivered');
    const mark = marker();
    const second = await send(mark, { phone: phone.typed });
    expect(second.response.status).toBe(202);
    expect(second.answer.status).toBe('delivered');
    const [received] = await receivedWith(mark);
    expect(received?.response).toEqual({ status: 400, body: { statusCode: 400, message: ['Phone number already exists for this organization'] } });
    expect(received?.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(['phoneNumber: new in this organization']);
    expect(await leadRow(second.answer.id)).toMatchObject({
      status: 'duplicate',
      attempts: 1,
      possible_duplicate: 0,
      last_error: '400 Phone number already exists for this organization (Sakneen already has this person; no new lead was made)',
    });
  });

  it('sends a form posted without JavaScript to the thank-you page for a duplicate, never a refusal page', async () => {
    const phone = uniquePhone();
    expect((await send(marker(), { phone: phone.typed })).answer.status).toBe('delivered');
    const mark = marker();
    const response = await postForm(FORM, [['name', `Asha ${mark}`], ['phone', phone.typed]]);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location') ?? '').pathname).toBe(`/v1/forms/${FORM}/thank-you`);
    const [received] = await receivedWith(mark);
    expect(received?.response.status).toBe(400);
  });

  it.each([
    [401, 'Access Denied, API key not provided', 'held', "401 Access Denied, API key not provided (credentials refused: fix the form's secret, and held leads go through on their next attempt)"],
    [401, 'Access Denied, API key not valid', 'held', "401 Access Denied, API key not valid (credentials refused: fix the form's secret, and held leads go through on their next attempt)"],
    [
      400,
      [{ name: 'name field is missing from body' }, { phoneNumber: 'phoneNumber field is missing from body' }],
      'rejected',
      '400 name field is missing from body; phoneNumber field is missing from body',
    ],
    [400, ['Invalid phone number format'], 'rejected', '400 Invalid phone number format'],
    [
      400,
      ['Invalid phone number format', 'Phone number already exists for this organization'],
      'rejected',
      '400 Invalid phone number format; Phone number already exists for this organization (duplicate: Sakneen already has a lead with this phone number)',
    ],
    [
      400,
      'Public create lead form not found',
      'rejected',
      '400 Public create lead form not found (config: this Sakneen organization has no public lead form; set one up in Sakneen)',
    ],
    [503, 'Service Unavailable', 'pending', '503 Service Unavailable'],
    [429, 'ThrottlerException: Too Many Requests', 'pending', '429 ThrottlerException: Too Many Requests'],
  ] as const)('answer %i %j -> %s', async (status, message, expected, lastError) => {
    const mark = marker();
    await scriptStandIn('sakneen', [{ status, body: { statusCode: status, message }, match: mark }]);
    const { answer } = await send(mark, { phone: uniquePhone().typed });
    // A held lead is on its way as far as the visitor knows.
    expect(answer.status).toBe(expected === 'held' ? 'pending' : expected);
    expect(await leadRow(answer.id)).toMatchObject({ status: expected, attempts: 1, last_error: lastError, provider_lead_id: null });
  });

  it('keeps a lead pending when a 2xx lacks newLead', async () => {
    const mark = marker();
    await scriptStandIn('sakneen', [{ status: 200, body: { ok: true }, match: mark }]);
    const { answer } = await send(mark, { phone: uniquePhone().typed });
    expect(answer.status).toBe('pending');
    expect(await leadRow(answer.id)).toMatchObject({ status: 'pending', last_error: 'unexpected 200 answer: 200 {"ok":true}' });
  });

  it('refuses, before storing or sending, a lead without the name or phone Sakneen requires', async () => {
    const mark = marker();
    const response = await postLead(FORM, { ...submission(mark), fields: { email: `x${mark}@example.com` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', fields: { name: 'Enter your name', phone: 'Enter your phone number' } } });
    expect(await receivedWith(mark)).toHaveLength(0);
  });
});

// The stand-in itself, called directly: it must answer each mistake the way sakneen.txt documents.
describe('sakneen stand-in', () => {
  const call = (body: unknown, headers: Record<string, string> = {}, path = '/external/apis/v1.0/leads', method = 'POST') =>
    fetch(`${standInUrl()}/sakneen${path}`, {
      method,
      headers: { 'api-key': TEST_SECRETS.SAKNEEN_TEST_APIKEY, 'content-type': 'application/json', language: 'en', ...headers },
      ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));

  it('answers the two documented 401s', async () => {
    const lead = { name: `Key ${marker()}`, phoneNumber: uniquePhone().e164 };
    expect(await call(lead, { 'api-key': '' })).toEqual({ status: 401, body: { statusCode: 401, message: 'Access Denied, API key not provided' } });
    expect(await call(lead, { 'api-key': 'wrong-key' })).toEqual({ status: 401, body: { statusCode: 401, message: 'Access Denied, API key not valid' } });
  });

  it('answers missing required fields with the documented list of {field: text}', async () => {
    expect(await call({ email: `x${marker()}@example.com` })).toEqual({
      status: 400,
      body: { statusCode: 400, message: [{ name: 'name field is missing from body' }, { phoneNumber: 'phoneNumber field is missing from body' }] },
    });
  });

  it('answers a phone that is not E.164 with the documented list of strings', async () => {
    expect(await call({ name: `Phone ${marker()}`, phoneNumber: '01001234567' })).toEqual({
      status: 400,
      body: { statusCode: 400, message: ['Invalid phone number format'] },
    });
  });

  it('refuses a bad email, an empty project and undocumented fields', async () => {
    const answer = await call({ name: `Email ${marker()}`, phoneNumber: uniquePhone().e164, email: 'nope', project: '', utm_source: 'google' });
    expect(answer).toEqual({
      status: 400,
      body: { statusCode: 400, message: [{ email: 'email must be a valid email' }, { project: 'project must be a non-empty string' }, { utm_source: 'property utm_source should not exist' }] },
    });
  });

  it('reads a body that is not JSON as empty, and has no other routes', async () => {
    expect((await call('name=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    expect(await call(undefined, {}, '/external/apis/v1.0/leads', 'GET')).toEqual({ status: 404, body: { statusCode: 404, message: 'Cannot GET /external/apis/v1.0/leads' } });
  });

  it('creates the documented newLead, matching the project to a compound case-insensitively', async () => {
    const mark = marker();
    const phone = uniquePhone().e164;
    const { status, body } = await call({ name: `New ${mark}`, phoneNumber: phone, project: 'downtown TOWER' });
    expect(status).toBe(201);
    expect(body).toEqual({
      newLead: {
        _id: expect.stringMatching(/^[0-9a-f]{24}$/),
        leadId: expect.any(Number),
        clientId: expect.stringMatching(/^[0-9a-f]{24}$/),
        organizationId: expect.stringMatching(/^[0-9a-f]{24}$/),
        compoundsIds: [expect.stringMatching(/^[0-9a-f]{24}$/)],
        data: { name: `New ${mark}`, phoneNumber: phone, project: 'downtown TOWER' },
        assignedAt: expect.any(String),
        isActive: true,
        isFresh: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
  });
});
