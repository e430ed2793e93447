// Sends one alert over its channel: a webhook signed per Standard Webhooks (the `standardwebhooks`
// package: `webhook-id`, `webhook-timestamp`, `webhook-signature`), or an email through the
// send_email binding. The id is the alert's own, the same on every retry, so a receiver that
// keeps the ids it has seen drops a repeat.
import { EmailMessage } from 'cloudflare:email';
import { Webhook } from 'standardwebhooks';
import { sendRequest, type Fetcher } from '../delivery/deliver.ts';
import type { AlertConfig } from './config.ts';
import type { AlertPayload } from './messages.ts';

const ALERT_TIMEOUT_MS = 10_000;

export type SendResult = { ok: true } | { ok: false; reason: string };

/** POSTs the payload, signed; any 2xx is delivered. */
export async function sendWebhook(webhook: NonNullable<AlertConfig['webhook']>, id: string, body: string, send: Fetcher, now: Date): Promise<SendResult> {
  const signature = new Webhook(webhook.secret).sign(id, now, body);
  const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature };
  const answer = await sendRequest({ method: 'POST', url: webhook.url, headers, body }, send, ALERT_TIMEOUT_MS);
  if (!answer.ok) return { ok: false, reason: answer.reason };
  return answer.status >= 200 && answer.status < 300 ? { ok: true } : { ok: false, reason: `HTTP ${answer.status}` };
}

/** A header value without line breaks, so nothing in an alert can add a header of its own. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

/** The payload as a plain-text email (RFC 5322), its text as subject and first paragraph. */
export function emailSource(email: NonNullable<AlertConfig['email']>, id: string, payload: AlertPayload, now: Date): string {
  const subject = oneLine(payload.text.replace(/^LeadRelay: /, 'LeadRelay alert: ')).slice(0, 180);
  const domain = email.from.split('@')[1] ?? 'leadrelay.invalid';
  return [
    `From: ${email.from}`,
    `To: ${email.to}`,
    `Subject: ${subject}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${id}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    payload.text,
    '',
    JSON.stringify(payload.data, null, 2),
    '',
  ].join('\r\n');
}

export async function sendEmail(email: NonNullable<AlertConfig['email']>, id: string, payload: AlertPayload, now: Date): Promise<SendResult> {
  try {
    await email.sender.send(new EmailMessage(email.from, email.to, emailSource(email, id, payload, now)));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'send_email failed' };
  }
}
