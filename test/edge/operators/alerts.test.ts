// Alerts: the triggers' events become a first alert per form and reason, then one digest count,
// then a recovery; the outbox retries a failing receiver without sending anything twice; the local
// receiver (standins/alert-receiver.ts) verifies every Standard Webhooks signature.
import { env } from 'cloudflare:workers';
import type { EmailMessage } from 'cloudflare:email';
import { describe, expect, inject, it } from 'vitest';
import { alertConfig, alertProblems, type AlertConfig } from '../../../edge/alerts/config.ts';
import { processAlertEvents } from '../../../edge/alerts/events.ts';
import { sendDueAlerts } from '../../../edge/alerts/outbox.ts';
import { processNotifications } from '../../../edge/alerts/notifications.ts';
import { formsOf } from '../../../edge/runtime.ts';
import { runAlerts, runPhoneMetadataAlert } from '../../../edge/alerts/run.ts';
import { PHONE_METADATA_PATH } from '../../../edge/phone-metadata.ts';
import { emailSource } from '../../../edge/alerts/send.ts';
import { leadValues, maskReason } from '../../../edge/alerts/mask.ts';
import type { ReceivedAlert } from '../../../standins/alert-receiver.ts';
import { marker, scriptStandIn } from '../helpers.ts';
import { uniquePhone } from '../../support/unique-phone.ts';
import { deliveryHarness } from '../delivery/harness.ts';

const receiver = inject('alertReceiverUrl');
const WINDOW_MS = 15 * 60_000;
/** This file's own form (test/support/forms.ts): no other file's delivery can be its recovery. */
const FORM = 'anarock-alerts';
const config = (overrides: Partial<AlertConfig> = {}): AlertConfig => ({ webhook: { url: `${receiver}/alerts`, secret: inject('alertSecret') }, windowMs: WINDOW_MS, personalData: false, ...overrides });
const send = (request: Request) => fetch(request);
const received = async () => (await (await fetch(`${receiver}/__alerts`)).json()) as Array<ReceivedAlert & { payload: { type: string; text: string; data: Record<string, unknown> } }>;
const about = async (text: string) => (await received()).filter((alert) => JSON.stringify(alert.payload).includes(text));

/**
 * Accepts `count` leads the stand-in answers with `status` and the reason `outage <mark>`; with one
 * attempt in the schedule a 503 is dead at once. The mark is not in the lead, so no redaction hides it.
 */
async function failingLeads(count: number, status: number, mark: string) {
  const name = marker();
  await scriptStandIn('anarock', Array.from({ length: count }, () => ({ status, body: { message: `outage ${mark}` }, match: name })));
  const harness = deliveryHarness([0]);
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push((await harness.accept(FORM, { fields: { name: `Priya ${name} ${index}`, phone: uniquePhone('IN', '+9198', 8), email: `priya${index}@example.com` }, idempotencyKey: crypto.randomUUID() })).id);
  }
  return ids;
}

describe('alerts', () => {
  it('sends the first dead lead at once, the rest of the outage as one digest, then the recovery; signed, without personal data', async () => {
    const mark = marker();
    const ids = await failingLeads(12, 503, mark);
    const now = Date.now();
    await processAlertEvents(env.DB, config(), now);
    await sendDueAlerts(env.DB, config(), send, now);
    const first = await about(mark);
    expect(first, 'first').toHaveLength(1);
    expect(first[0]).toMatchObject({ verified: true, status: 200, payload: { type: 'lead.dead', data: { formId: FORM, provider: 'anarock', leadIds: [ids[0]], reason: `503 outage ${mark}` } } });
    expect(first[0]!.payload.text).toMatch(/^LeadRelay: a lead of form anarock-alerts \(anarock\) is dead .*: 503 outage /);
    expect(JSON.stringify(first)).not.toMatch(/Priya|priya\d@|\+9198/);
    expect(first[0]!.id).toMatch(/^msg_[0-9a-f]{32}$/);

    // The window closes: the other 11 go out as one count.
    const later = now + WINDOW_MS;
    await processAlertEvents(env.DB, config(), later);
    await sendDueAlerts(env.DB, config(), send, later);
    const digest = (await about(mark)).filter((alert) => alert.payload.type === 'lead.digest');
    expect(digest, 'digest').toHaveLength(1);
    expect(digest[0]!.payload.data).toMatchObject({ count: 11, leadIds: ids.slice(1) });
    expect(digest[0]!.payload.text).toContain('11 more lead(s) of form anarock-alerts (anarock) dead: 503 outage');

    // The next delivered lead of the form is a recovery.
    const delivered = await deliveryHarness([0]).accept(FORM, { fields: { name: `Ok ${mark}`, phone: uniquePhone('IN', '+9198', 8) }, idempotencyKey: crypto.randomUUID() });
    expect(delivered.status).toBe('delivered');
    await processAlertEvents(env.DB, config(), later + 1000);
    await sendDueAlerts(env.DB, config(), send, later + 1000);
    const recovery = (await received()).filter((alert) => alert.payload.type === 'provider.recovered' && (alert.payload.data['leadId'] as string) === delivered.id);
    expect(recovery, 'recovery').toHaveLength(1);
    expect(recovery[0]!.payload.text).toContain('deliveries to anarock for form anarock-alerts are working again');
    expect(recovery[0]!.verified).toBe(true);
  });

  it('retries a failing receiver through the outbox with the same webhook-id, and sends each alert once', async () => {
    const mark = marker();
    await failingLeads(1, 400, mark);
    const now = Date.now();
    await processAlertEvents(env.DB, config(), now);
    await fetch(`${receiver}/__alerts/fail`, { method: 'POST', body: JSON.stringify({ count: 2, match: mark }) });
    expect(await sendDueAlerts(env.DB, config(), send, now)).toMatchObject({ failed: expect.any(Number) });
    // Not due again until the retry schedule says so.
    await sendDueAlerts(env.DB, config(), send, now + 1000);
    await sendDueAlerts(env.DB, config(), send, now + 61_000);
    await sendDueAlerts(env.DB, config(), send, now + 61_000 + 301_000);
    await sendDueAlerts(env.DB, config(), send, now + 61_000 + 301_000 + 1_801_000);
    const tries = await about(mark);
    expect(tries.map((alert) => alert.status)).toEqual([500, 500, 200]);
    expect(new Set(tries.map((alert) => alert.id)).size).toBe(1);
    expect(tries[0]!.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(tries[0]!.payload.type).toBe('lead.rejected');
    const row = await env.DB.prepare("SELECT status, attempts FROM alerts WHERE id = ?1 AND channel = 'webhook'").bind(tries[0]!.id).first();
    expect(row).toEqual({ status: 'sent', attempts: 3 });
  });

  it('carries the lead\'s fields only when personal data is turned on, and masks lead values out of reasons', async () => {
    const mark = marker();
    await failingLeads(1, 400, mark);
    const now = Date.now();
    await processAlertEvents(env.DB, config({ personalData: true }), now);
    await sendDueAlerts(env.DB, config(), send, now);
    const [alert] = await about(mark);
    expect((alert?.payload.data['lead'] as Record<string, string>)['name']).toMatch(/^Priya T/);
    const values = leadValues({ fields: { name: 'Meera Nair', email: 'meera@example.com' }, phone: { e164: '+919812345678', national: '9812345678' } });
    expect(maskReason('duplicate 9812345678 for Meera Nair (meera@example.com), also +91 98123 45679 at 10:30, code 422', values)).toBe(
      'duplicate [lead value] for [lead value] ([lead value]), also [number] at 10:30, code 422',
    );
    expect(maskReason('409 contact other@example.org exists', [])).toBe('409 contact [email] exists');
    expect(maskReason('lead T1234567abc is 1234567 of id 5f3a-1234567', [])).toBe('lead T1234567abc is [number] of id 5f3a-1234567');
  });

  it('emails through the send_email binding where configured', async () => {
    const mark = marker();
    const sent: EmailMessage[] = [];
    const email = { sender: { send: async (message: EmailMessage) => void sent.push(message) }, from: 'alerts@example.com', to: 'ops@example.com' };
    await failingLeads(1, 400, mark);
    const now = Date.now();
    await processAlertEvents(env.DB, { webhook: undefined, email, windowMs: WINDOW_MS, personalData: false }, now);
    await sendDueAlerts(env.DB, { webhook: undefined, email, windowMs: WINDOW_MS, personalData: false }, send, now);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: 'alerts@example.com', to: 'ops@example.com' });
    const source = emailSource(email, 'msg_0123', { type: 'lead.rejected', timestamp: '', text: `LeadRelay: a lead was rejected\r\nBcc: someone@example.com ${mark}`, data: { leadIds: ['x'] } }, new Date(0));
    expect(source.split('\r\n').slice(0, 8)).toEqual([
      'From: alerts@example.com',
      'To: ops@example.com',
      `Subject: LeadRelay alert: a lead was rejected Bcc: someone@example.com ${mark}`,
      'Date: Thu, 01 Jan 1970 00:00:00 GMT',
      'Message-ID: <msg_0123@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
    ]);
  });

  it('sends a form that asks for it one new-lead message per delivered lead, with its fields and attribution', async () => {
    const forms = formsOf(env).forms;
    const notifying = new Map([...forms].map(([id, form]) => [id, id === 'anarock-json' ? { ...form, notify: ['webhook' as const] } : form]));
    await processNotifications(env.DB, config(), notifying, Date.now());
    const mark = marker();
    const harness = deliveryHarness([0]);
    const body = { fields: { name: `Nora ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: 'nora@example.com' }, attribution: { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'villas' } }, idempotencyKey: crypto.randomUUID() };
    const lead = await harness.accept('anarock-json', body);
    const other = await harness.accept('anarock-form', { ...body, idempotencyKey: crypto.randomUUID() });
    expect([lead.status, other.status]).toEqual(['delivered', 'delivered']);
    await processNotifications(env.DB, config(), notifying, Date.now());
    await processNotifications(env.DB, config(), notifying, Date.now());
    await sendDueAlerts(env.DB, config(), send, Date.now());
    const messages = await about(mark);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ verified: true, payload: { type: 'lead.delivered', data: { leadId: lead.id, formId: 'anarock-json', fields: { name: `Nora ${mark}`, email: 'nora@example.com' }, attribution: { last: { channel: 'Paid Search', utm_campaign: 'villas' } } } } });
    expect(messages[0]!.payload.text).toMatch(new RegExp(`^LeadRelay: new lead on form anarock-json from Paid Search / google / villas: Nora ${mark}, nora@example.com, \\+91`));
    // The config without `notify` again: the form stops notifying.
    await processNotifications(env.DB, config(), forms, Date.now());
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM notify_forms').first()).toEqual({ n: 0 });
  });

  it('says when a provider refuses our credentials, whatever becomes of the lead', async () => {
    const mark = marker();
    await failingLeads(1, 401, mark);
    const now = Date.now();
    await processAlertEvents(env.DB, config(), now);
    await sendDueAlerts(env.DB, config(), send, now);
    const refused = (await about(mark)).filter((alert) => alert.payload.type === 'provider.credentials_failed');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.payload.text).toContain('the provider does not accept our credentials: 401 outage');
  });

  it('says once a day that the forms config is invalid, from the cron\'s run', async () => {
    const mark = marker().toLowerCase();
    const broken = { ...env, FORMS: { ...(env.FORMS as unknown as Record<string, unknown>), [mark]: { provider: 'salesforce', origins: ['https://shop.example.com'] } } } as unknown as Env;
    const now = Date.now();
    await runAlerts(broken, now, config(), send);
    await runAlerts(broken, now + 60_000, config(), send);
    const alerts = (await about(mark)).filter((alert) => alert.payload.type === 'form.config_invalid');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.verified).toBe(true);
    expect(alerts[0]!.payload.text).toMatch(/^LeadRelay: the forms config has \d+ problem\(s\): .*provider/);
  });

  it('says once a day, from the cron\'s run, that the Worker cannot read its phone metadata', async () => {
    // A day of its own: another run of this file, or another file's, sends on its own day.
    const day = Date.UTC(2031, 0, 1 + Math.floor(Math.random() * 3000));
    const before = (await received()).length;
    await runPhoneMetadataAlert(env, day, config(), send);
    await runPhoneMetadataAlert(env, day + 3_600_000, config(), send);
    const alerts = (await received()).slice(before).filter((alert) => alert.payload.type === 'worker.phone_metadata_unavailable' && JSON.stringify(alert.payload).includes(new Date(day).toISOString()));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ verified: true, payload: { data: { path: PHONE_METADATA_PATH } } });
    expect(alerts[0]!.payload.text).toMatch(/^LeadRelay: the Worker cannot read \/libphonenumber-js\/metadata\.max\.json .*every lead is answered 503/);
  });

  it('reads its settings from the deployment, and names what is wrong', () => {
    const secret = inject('alertSecret');
    expect(alertConfig({ ALERT_WEBHOOK_URL: 'https://hooks.slack.com/services/x', ALERT_WEBHOOK_SECRET: secret, ALERT_WINDOW_MINUTES: '5' })).toMatchObject({ webhook: { url: 'https://hooks.slack.com/services/x' }, windowMs: 300_000, personalData: false });
    expect(alertConfig({ ALERT_WEBHOOK_URL: 'https://hooks.example.com/', ALERT_WEBHOOK_SECRET: 'short' }).webhook).toBeUndefined();
    expect(alertProblems({ ALERT_WEBHOOK_URL: 'http://hooks.example.com/', ALERT_EMAIL_TO: 'ops@example.com', ALERT_WINDOW_MINUTES: '0', ALERT_PERSONAL_DATA: 'yes' }, () => false)).toEqual([
      'ALERT_WEBHOOK_URL must be https:// (alerts carry lead ids and reasons)',
      'ALERT_WEBHOOK_URL is set but the ALERT_WEBHOOK_SECRET secret is not: npx wrangler secret put ALERT_WEBHOOK_SECRET (a whsec_ key)',
      'ALERT_EMAIL_TO and ALERT_EMAIL_FROM go together: set both or neither',
      'ALERT_WINDOW_MINUTES must be a number of minutes from 1 to 1440',
      'ALERT_PERSONAL_DATA must be "on" or "off"',
    ]);
    expect(alertProblems({ ALERT_WEBHOOK_URL: '', ALERT_WINDOW_MINUTES: '15', ALERT_PERSONAL_DATA: 'off' }, () => undefined)).toEqual([]);
  });
});
