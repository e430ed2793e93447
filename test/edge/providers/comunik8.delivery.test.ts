// Black-box: widget body -> Worker -> Comunik8 stand-in, and the lead's row in D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { parseForms } from '../../../edge/config/forms.ts';
import { sendRequest } from '../../../edge/delivery/deliver.ts';
import type { RecordedRequest } from '../../../standins/types.ts';
import { TEST_SECRETS, testForms } from '../../support/forms.ts';
import { marker, postLead, receivedWith, scriptStandIn, standInUrl, submission } from '../helpers.ts';

const KEY = TEST_SECRETS.COMUNIK8_TEST_KEY;
const leadRow = (id: string) => env.DB.prepare('SELECT * FROM leads WHERE id = ?').bind(id).first<Record<string, unknown>>();

/** A fresh valid UK mobile, so the stand-in's contact list keeps tests apart: [as typed, as Comunik8 gets it]. */
function ukMobile(): [string, string] {
  const digits = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');
  return [`+44 7400 ${digits}`, `07400${digits}`];
}

async function send(formId: string, mark: string, fields: Record<string, string> = {}) {
  const response = await postLead(formId, submission(mark, { fields }));
  expect(response.status).toBe(202);
  const body = (await response.json()) as { id: string; status: string };
  return { ...body, row: await leadRow(body.id) };
}

const adds = async (mark: string) => (await receivedWith(mark)).filter((item) => item.url.startsWith('/comunik8/lead/add'));
const allChecksPassed = (received: RecordedRequest | undefined) => expect(received?.checks.filter((check) => !check.ok)).toEqual([]);

describe('comunik8 delivery through the Worker', () => {
  it('sends every field as the document says and records the lead delivered', async () => {
    const mark = marker();
    const [typed, national] = ukMobile();
    const lead = await send('comunik8-test', mark, { phone: typed, landline: '020 7946 0958', vehicle_make: 'Ford' });
    expect(lead.status).toBe('delivered');

    const [received, ...more] = await adds(mark);
    expect(more).toHaveLength(0);
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe(`/comunik8/lead/add?key=${KEY}`);
    expect(received?.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-cache', accept: 'application/json' });
    expect(received?.authenticated).toBe(true);
    allChecksPassed(received);
    const data = { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'villa', channel: 'Paid Search', source: 'google', medium: 'cpc', vehicle_make: 'Ford' };
    expect(received?.body).toBe(
      JSON.stringify({ first_name: 'Asha', surname: mark, mobile: national, email: 'asha@example.com', type: 'motor-trade', subtype: 'valeter', other_phone: '02079460958', delays: 600, data: JSON.stringify(data) }),
    );
    expect(received?.response).toEqual({ status: 200, body: { saved: true, processed: true } });
    expect(lead.row).toMatchObject({ form_id: 'comunik8-test', provider: 'comunik8', status: 'delivered', attempts: 1, provider_lead_id: null, last_error: null });
    expect(JSON.stringify(lead.row)).not.toContain(KEY);
  });

  it('records "Another call is already scheduled" and "Existing Contact" on a first send as duplicate, without a retry; the visitor is told it was received', async () => {
    const [typed] = ukMobile();
    await send('comunik8-test', marker(), { phone: typed }); // delays 600: the call is still ahead
    const mark = marker();
    const again = await send('comunik8-test', mark, { phone: typed });
    expect((await adds(mark))[0]?.response.body).toEqual({ saved: true, processed: false, error: 'Another call is already scheduled' });
    expect(again.status).toBe('delivered');
    expect(again.row).toMatchObject({
      status: 'duplicate',
      attempts: 1,
      possible_duplicate: 0,
      last_error: '200 Another call is already scheduled: a call to this number was already queued; saved, not processed, so the dialler will not call this lead',
    });

    const [other] = ukMobile();
    await send('comunik8-test', marker(), { phone: other, call_in: '0' }); // dialled at once
    const mark2 = marker();
    const existing = await send('comunik8-test', mark2, { phone: other });
    const [received] = await adds(mark2);
    expect(received?.response.body).toEqual({ saved: true, processed: false, error: 'Existing Contact' });
    expect(existing.row).toMatchObject({ status: 'duplicate', attempts: 1 });
    expect(await adds(mark2)).toHaveLength(1);
  });

  it('sends a form-chosen delay, and separate name fields with test "true" in test mode', async () => {
    const mark = marker();
    await send('comunik8-test', mark, { phone: ukMobile()[0], call_in: '0' });
    expect(JSON.parse((await adds(mark))[0]?.body ?? '')).toMatchObject({ delays: 0 });

    const mark2 = marker();
    const [typed, national] = ukMobile();
    const lead = await send('comunik8-test-mode', mark2, { phone: typed, given_name: 'Ada', family_name: `Lovelace ${mark2}` });
    const [received] = await adds(mark2);
    allChecksPassed(received);
    expect(JSON.parse(received?.body ?? '')).toEqual({
      first_name: 'Ada',
      surname: `Lovelace ${mark2}`,
      mobile: national,
      email: 'asha@example.com',
      type: 'motor-trade',
      data: JSON.stringify({ utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'villa', channel: 'Paid Search', source: 'google', medium: 'cpc' }),
      test: 'true',
    });
    expect(received?.response).toEqual({ status: 200, body: { test: 'ok' } });
    expect(lead.row).toMatchObject({ status: 'delivered', last_error: null });
  });

  it('refuses while the visitor is there a name Comunik8 cannot split, naming the field', async () => {
    const response = await postLead('comunik8-test', submission(marker(), { fields: { name: 'Asha', phone: ukMobile()[0] } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', fields: { name: 'Enter your first name and surname' } } });
    const separate = await postLead('comunik8-test-mode', submission(marker(), { fields: { given_name: 'Ada', phone: ukMobile()[0] } }));
    expect(await separate.json()).toMatchObject({ error: { fields: { family_name: 'Enter your surname' } } });
  });

  it.each([
    { answer: { status: 500, body: '' }, status: 'pending', error: '500 (empty body)' },
    { answer: { status: 200, body: '<html>maintenance</html>' }, status: 'pending', error: 'unexpected 200 answer: 200 <html>maintenance</html>' },
    { answer: { status: 200, body: { test: 'ok' } }, status: 'pending', error: '200 answered the test-mode check {"test":"ok"} to a real lead; nothing was saved' },
    { answer: { status: 200, body: { saved: true, processed: false, error: 'Unknown Type' } }, status: 'rejected', error: '200 Unknown Type: the form\'s type option "motor-trade" is not a lead type Comunik8 knows' },
    { answer: { status: 400, body: { email: { '0': 'Email cannot be blank.' } } }, status: 'rejected', error: '400 email: Email cannot be blank.' },
    { answer: { status: 400, body: { data: { '0': 'Empty or invalid content of `data` field' } } }, status: 'rejected', error: '400 data: Empty or invalid content of `data` field' },
    { answer: { status: 200, body: { saved: true, processed: false, error: 'Existing Contact' } }, status: 'duplicate', visible: 'delivered', error: expect.stringContaining('Existing Contact') },
    {
      answer: { status: 401, body: { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', status: 401 } },
      status: 'held',
      visible: 'pending',
      error: expect.stringContaining('401 Your request was made with invalid credentials. (credentials refused'),
    },
  ])('records $answer.status $answer.body as $status', async ({ answer, status, visible, error }) => {
    const mark = marker();
    await scriptStandIn('comunik8', [{ ...answer, match: mark }]);
    const lead = await send('comunik8-test', mark, { phone: ukMobile()[0] });
    expect(lead.status).toBe(visible ?? status);
    expect(lead.row).toMatchObject({ status, attempts: 1, last_error: error });
  });
});

describe('comunik8 cancel against the stand-in', () => {
  const cancel = async (mobile: string, type?: string) => {
    const parsed = parseForms({ 'comunik8-test': testForms(standInUrl())['comunik8-test'] });
    const operation = parsed.forms.get('comunik8-test')?.adapter.operations['cancel'];
    const built = await operation!.buildRequest({ mobile, ...(type ? { type } : {}) }, { key: KEY }, new Date());
    if (!built.ok) throw new Error(JSON.stringify(built.fields));
    const answer = await sendRequest(built.request, (request) => fetch(request));
    if (!answer.ok) throw new Error(answer.reason);
    return operation!.classifyResponse(answer.status, answer.bodyText);
  };
  const cancels = async (national: string) => (await receivedWith(national)).filter((item) => item.url.startsWith('/comunik8/lead/cancel'));

  it('cancels a lead whose call is still ahead, once', async () => {
    const [typed, national] = ukMobile();
    await send('comunik8-test', marker(), { phone: typed });
    expect(await cancel(typed)).toEqual({ ok: true, status: 200, body: { cancelled: true } });
    const [received] = await cancels(national);
    expect(received?.url).toBe(`/comunik8/lead/cancel?key=${KEY}`);
    expect(received?.body).toBe(JSON.stringify({ mobile: national, type: 'motor-trade' }));
    allChecksPassed(received);
    expect(await cancel(typed)).toEqual({ ok: false, status: 200, reason: '200 not found (Comunik8 has no lead of this type for this mobile number)' });
  });

  it('keeps each documented warning', async () => {
    const [typed, national] = ukMobile();
    await send('comunik8-test', marker(), { phone: typed, call_in: '0' });
    expect(await cancel(typed)).toEqual({ ok: false, status: 200, reason: '200 already processed (the lead has already been dialled)' });
    // The stand-in answers the document's unquoted, non-JSON body verbatim.
    expect(await cancel(typed, 'no-such-type')).toEqual({ ok: false, status: 200, reason: '200 server error (call group) (the lead type does not exist at Comunik8)' });
    await scriptStandIn('comunik8', [{ status: 200, body: { cancelled: false, warning: 'server error (save)' }, match: national }]);
    expect(await cancel(typed)).toEqual({ ok: false, status: 200, reason: '200 server error (save) (Comunik8 could not save the cancellation; try again)' });
  });
});

describe('the comunik8 stand-in judges as comunik8.txt says', () => {
  const post = async (route: string, body: unknown, key: string = KEY, contentType = 'application/json') => {
    const response = await fetch(`${standInUrl()}/comunik8/lead/${route}?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  const valid = () => ({ first_name: 'John', surname: marker(), mobile: ukMobile()[1], email: 'john@example.com', type: 'motor-trade' });

  it('answers the documented 400 bodies for a blank field and a bad `data`', async () => {
    const { email: _email, ...noEmail } = valid();
    expect(await post('add', noEmail)).toEqual({ status: 400, text: '{"email":{"0":"Email cannot be blank."}}' });
    expect(await post('add', { ...valid(), data: { vehicle_make: 'Ford' } })).toEqual({ status: 400, text: '{"data":{"0":"Empty or invalid content of `data` field"}}' });
    expect(await post('add', { ...valid(), data: '' })).toEqual({ status: 400, text: '{"data":{"0":"Empty or invalid content of `data` field"}}' });
    expect((await post('add', { ...valid(), mobile: '12345' })).status).toBe(400);
    expect((await post('add', { ...valid(), delays: '600' })).status).toBe(400);
  });

  it('takes the sample’s `"test": true` as well as the table’s "true", and saves nothing', async () => {
    const lead = valid();
    expect(await post('add', { ...lead, test: true })).toEqual({ status: 200, text: '{"test":"ok"}' });
    expect(await post('add', { ...lead, test: 'true' })).toEqual({ status: 200, text: '{"test":"ok"}' });
    expect(await post('add', { ...lead, test: 'yes' })).toMatchObject({ status: 400 });
    expect(await post('add', lead)).toEqual({ status: 200, text: '{"saved":true,"processed":true}' });
  });

  it('answers Unknown Type, and refuses a wrong key, a non-JSON body and a cancel with `test`', async () => {
    expect(await post('add', { ...valid(), type: 'no-such-type' })).toEqual({ status: 200, text: '{"saved":true,"processed":false,"error":"Unknown Type"}' });
    expect((await post('add', valid(), 'wrong-key')).status).toBe(401);
    expect((await post('add', 'first_name=John', KEY, 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await post('cancel', { mobile: ukMobile()[1], type: 'motor-trade', test: 'true' })).status).toBe(400);
  });
});
