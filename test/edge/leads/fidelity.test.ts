// Lead fidelity through the Worker and the stand-ins: what the visitor typed lands, what the
// operator set stays, and what a provider cannot carry is named on the lead.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../support/forms.ts';
import { uniquePhone } from '../../support/unique-phone.ts';
import { callWorker, marker, postLead, receivedWith, submission } from '../helpers.ts';

const leadRow = (id: string) => env.DB.prepare('SELECT * FROM leads WHERE id = ?').bind(id).first<Record<string, unknown>>();
const adminLead = async (id: string) =>
  (await (await callWorker(`/v1/admin/leads/${id}`, { headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}` } })).json()) as { lead: { notForwarded: string[]; submission: { mapped?: unknown } } };

async function post(formId: string, body: unknown) {
  const response = await postLead(formId, body);
  return { status: response.status, body: (await response.json()) as { id: string; status: string; error?: { fields: Record<string, string> } } };
}

describe('lead fidelity', () => {
  it('sends the visitor’s message to Anarock as remarks (demo Page B: name, phone, email, message), delivered', async () => {
    const mark = marker();
    const sent = await post('anarock-json', submission(mark, { fields: { message: `Please call me about the 2BHK ${mark}` } }));
    expect(sent.body.status).toBe('delivered');
    const [received] = await receivedWith(mark);
    expect(received?.parsed).toMatchObject({ name: `Asha ${mark}`, remarks: `Please call me about the 2BHK ${mark}`, sub_source: 'cpc', placement: 'spring', extra_details: { keyword: 'villa' } });
    expect(await leadRow(sent.body.id)).toMatchObject({ status: 'delivered', not_forwarded: null });
  });

  it('never lets a crafted post set Anarock’s control fields; a form without a fields list names what it did not forward', async () => {
    const mark = marker();
    const crafted = { credit_value: '0', is_otp_verified: 'true', is_call_verified: 'true', source_id: '99', sub_source_id: '99', hacked_by: 'me' };
    const sent = await post('anarock-json', submission(mark, { fields: crafted }));
    expect(sent.body.status).toBe('delivered');
    const [received] = await receivedWith(mark);
    const parsed = received?.parsed as Record<string, unknown>;
    for (const field of Object.keys(crafted)) {
      expect(parsed, field).not.toHaveProperty(field);
      expect(parsed['extra_details'], field).not.toHaveProperty(field);
    }
    expect(JSON.parse(String((await leadRow(sent.body.id))?.['not_forwarded'])).sort()).toEqual(Object.keys(crafted).sort());
    expect((await adminLead(sent.body.id)).lead.notForwarded.sort()).toEqual(Object.keys(crafted).sort());
  });

  it('stores the mapping made at accept with the lead, and delivery sends exactly that', async () => {
    const mark = marker();
    const sent = await post('anarock-json', submission(mark, { fields: { message: `hello ${mark}` } }));
    const { lead } = await adminLead(sent.body.id);
    const [received] = await receivedWith(mark);
    const { current_time: _time, hash: _hash, ...request } = received?.parsed as Record<string, unknown>;
    expect(lead.submission.mapped).toMatchObject({ payload: request, mappingKey: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });

  it('joins first and last name for Sakneen and names the fields it has no place for', async () => {
    const mark = marker();
    const body = submission(mark, { fields: { first_name: 'Layla', last_name: mark, phone: uniquePhone('AE', '+97150', 7), message: 'Sea view' } });
    const { name: _name, ...fields } = body.fields;
    const sent = await post('sakneen-test', { ...body, fields });
    expect(sent.body.status).toBe('delivered');
    const [received] = await receivedWith(mark);
    expect(received?.parsed).toMatchObject({ name: `Layla ${mark}` });
    expect(JSON.parse(String((await leadRow(sent.body.id))?.['not_forwarded']))).toEqual(['message']);
  });

  it('says on the operator page’s form view that Sakneen carries no attribution', async () => {
    const response = await callWorker('/v1/admin/forms', { headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}` } });
    const { forms } = (await response.json()) as { forms: Array<{ id: string; note: string | null }> };
    expect(forms.find((form) => form.id === 'sakneen-test')?.note).toMatch(/^Sakneen documents no attribution field/);
    expect(forms.find((form) => form.id === 'anarock-json')?.note).toBeNull();
  });

  it('refuses a Hotwire lead without the consent box ticked, on that field, and sends nothing', async () => {
    const mark = marker();
    const sent = await post('hotwire-test', submission(mark, { fields: { email: `${mark}@example.com` } }));
    expect(sent).toMatchObject({ status: 400, body: { error: { fields: { consent: 'Tick the box to agree to receive Hotwire emails' } } } });
    expect(await receivedWith(mark)).toHaveLength(0);
  });

  it('asks a UK visitor on an IN form for the country code instead of sending a wrong Indian number', async () => {
    const mark = marker();
    const request = new Request('https://leads.example.net/v1/forms/anarock-json/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example.com' },
      body: JSON.stringify(submission(mark, { fields: { phone: '07123 456789' } })),
      cf: { country: 'GB' },
    });
    const response = await exports.default.fetch(request);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { phone: 'Which country is this number in? Add its country code: +91 (IN) or +44 (GB)' } } });
    expect(await receivedWith(mark)).toHaveLength(0);
  });
});
