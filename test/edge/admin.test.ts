// The operators' API: token, lists with paging, one lead with its attempts, replay, counts, operations.
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../support/forms.ts';
import { callWorker, marker, receivedWith, scriptStandIn } from './helpers.ts';
import { uniquePhone } from '../support/unique-phone.ts';
import { deliveryHarness } from './delivery/harness.ts';

const admin = (path: string, init: RequestInit = {}, token: string = TEST_SECRETS.ADMIN_TOKEN) =>
  callWorker(`/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });

const lead = (mark: string) => ({
  fields: { name: `Asha ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: `${mark}@example.com` },
  attribution: { last: { utm_source: 'google' } },
  idempotencyKey: crypto.randomUUID(),
});

describe('admin API', () => {
  it('refuses requests without the right bearer token', async () => {
    expect((await callWorker('/v1/admin/summary')).status).toBe(401);
    expect((await admin('/summary', {}, 'wrong-token')).status).toBe(401);
    expect((await admin('/summary', {}, `${TEST_SECRETS.ADMIN_TOKEN}x`)).status).toBe(401);
    const refused = await admin('/summary', {}, '');
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).not.toContain(TEST_SECRETS.ADMIN_TOKEN);
  });

  it('shows a dead lead with its attempts, and replays it to delivery', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 503, body: { message: 'maintenance' }, match: mark }, { status: 503, body: { message: 'maintenance' }, match: mark }]);
    const harness = deliveryHarness([0, 0]);
    const { id } = await harness.accept('anarock-json', lead(mark));
    await harness.drain();

    const shown = (await (await admin(`/leads/${id}`)).json()) as { lead: Record<string, unknown>; attempts: Array<Record<string, unknown>> };
    expect(shown.lead).toMatchObject({ id, formId: 'anarock-json', status: 'dead', attempts: 2, lastError: '503 maintenance' });
    expect(shown.lead['submission']).toMatchObject({ fields: { name: `Asha ${mark}` } });
    expect(shown.attempts).toEqual([
      expect.objectContaining({ result: 'retry', httpStatus: 503, reason: '503 maintenance' }),
      expect.objectContaining({ result: 'retry', httpStatus: 503 }),
    ]);
    expect(JSON.stringify(shown)).not.toContain(TEST_SECRETS.ANAROCK_TEST_KEY);

    const replay = await admin(`/leads/${id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(202);
    // The replay queued the lead; the consumer would run it, here the test does.
    await harness.drain();
    const { deliverDue } = await import('../../edge/delivery/pipeline.ts');
    await deliverDue(harness.deps, [{ leadId: id, formId: 'anarock-json' }]);
    expect(((await (await admin(`/leads/${id}`)).json()) as { lead: { status: string } }).lead.status).toBe('delivered');
    expect((await receivedWith(mark)).map((record) => record.response.status)).toEqual([503, 503, 200]);
    expect((await admin(`/leads/${id}/replay`, { method: 'POST' })).status).toBe(409);
  });

  it('lists leads by form and status, newest first, page by page', async () => {
    const harness = deliveryHarness([0]);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await harness.accept('anarock-form', { ...lead(marker()), fields: { name: 'Omar Haddad', phone: '+971 50 123 4567' } })).id);
    const first = (await (await admin('/leads?form=anarock-form&status=delivered&limit=2')).json()) as { leads: Array<{ id: string }>; nextCursor: string };
    expect(first.leads).toHaveLength(2);
    const second = (await (await admin(`/leads?form=anarock-form&status=delivered&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json()) as { leads: Array<{ id: string }> };
    const seen = [...first.leads, ...second.leads].map((item) => item.id);
    for (const id of ids) expect(seen).toContain(id);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await admin('/leads?status=nope')).status).toBe(400);
    expect((await admin('/leads?limit=1000')).status).toBe(400);
  });

  it('counts leads by form and status and lists recent failures', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 400, body: { message: 'bad campaign' }, match: mark }]);
    await deliveryHarness([0]).accept('anarock-json', lead(mark));
    const summary = (await (await admin('/summary')).json()) as { counts: Array<Record<string, unknown>>; recentFailures: Array<Record<string, unknown>> };
    expect(summary.counts).toContainEqual(expect.objectContaining({ formId: 'anarock-json', status: 'rejected' }));
    expect(summary.recentFailures[0]).toMatchObject({ formId: 'anarock-json', result: 'rejected', reason: '400 bad campaign' });
  });

  it('lists the forms and runs a provider operation against its stand-in', async () => {
    const forms = (await (await admin('/forms')).json()) as { forms: Array<{ id: string; operations: string[]; fieldMap: Record<string, string>; fields: string[] | null }> };
    expect(forms.forms.find((form) => form.id === 'anarock-json')?.operations).toEqual(['last-lead-data']);
    // What the operator page's snippet names the fields by: the form's fieldMap, and its fields setting.
    expect(forms.forms.find((form) => form.id === 'comunik8-test-mode')).toMatchObject({ fieldMap: { first_name: 'given_name', surname: 'family_name' }, fields: null });
    expect(forms.forms.find((form) => form.id === 'fields-drop')?.fields).toEqual(['name', 'phone', 'email']);
    const mark = marker();
    const body = lead(mark);
    await deliveryHarness([0]).accept('anarock-json', body);
    const check = await admin('/forms/anarock-json/operations/last-lead-data', { method: 'POST', body: JSON.stringify({ phone: body.fields.phone.slice(3) }) });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ ok: true, status: 200, body: { name: `Asha ${mark}` } });
    const bad = await admin('/forms/anarock-json/operations/last-lead-data', { method: 'POST', body: JSON.stringify({ phone: 'x' }) });
    expect(bad.status).toBe(400);
    expect((await admin('/forms/anarock-json/operations/nope', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
