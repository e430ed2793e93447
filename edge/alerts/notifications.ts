// New-lead notifications: for a form with `notify` in FORMS, one message per delivered lead, with
// its fields and attribution (the site owner asked for them, as form backends send them), over
// the deployment's alert channels and through the same outbox (retries, one id per message).
import type { FormConfig } from '../config/forms.ts';
import type { AlertConfig } from './config.ts';
import { alertStatements } from './events.ts';
import type { AlertPayload } from './messages.ts';

/** Leads one run notifies; the next cron run takes the rest. */
const BATCH = 200;

interface Delivered { id: string; form_id: string; provider: string; provider_lead_id: string | null; received_at: number; submission: string }

/** The message for one delivered lead. */
export function newLeadPayload(lead: Delivered, now: number): AlertPayload {
  const submission = JSON.parse(lead.submission) as { fields?: Record<string, string>; attribution?: { last?: Record<string, unknown>; first?: Record<string, unknown> } };
  const fields = submission.fields ?? {};
  const who = [fields['name'], fields['email'], fields['phone']].filter(Boolean).join(', ');
  const last = submission.attribution?.last;
  const source = last ? ` from ${[last['channel'], last['source'], last['utm_campaign']].filter(Boolean).join(' / ')}` : '';
  return {
    type: 'lead.delivered',
    timestamp: new Date(now).toISOString(),
    text: `LeadRelay: new lead on form ${lead.form_id}${source}: ${who || 'no name, email or phone'} (delivered to ${lead.provider}${lead.provider_lead_id ? `, id ${lead.provider_lead_id}` : ''}).`,
    data: { leadId: lead.id, formId: lead.form_id, provider: lead.provider, providerLeadId: lead.provider_lead_id, receivedAt: lead.received_at, fields, attribution: submission.attribution ?? {} },
  };
}

/** Keeps notify_forms as the config says (the trigger reads it), then turns pending notifications into outbox rows. */
export async function processNotifications(db: D1Database, config: AlertConfig, forms: ReadonlyMap<string, FormConfig>, now: number): Promise<number> {
  const notifying = [...forms.values()].filter((form) => form.notify.length > 0);
  await db.batch([
    db.prepare('DELETE FROM notify_forms WHERE form_id NOT IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(notifying.map((form) => form.id))),
    ...notifying.map((form) => db.prepare('INSERT INTO notify_forms (form_id) VALUES (?1) ON CONFLICT DO NOTHING').bind(form.id)),
  ]);
  const { results } = await db
    .prepare(
      `SELECT l.id, l.form_id, l.provider, l.provider_lead_id, l.received_at, l.submission FROM lead_notifications n JOIN leads l ON l.id = n.lead_id
       ORDER BY n.at LIMIT ?1`,
    )
    .bind(BATCH)
    .all<Delivered>();
  if (results.length === 0) return 0;
  await db.batch([
    ...results.flatMap((lead) => alertStatements(db, config, [{ dedupeKey: `lead|${lead.id}`, payload: newLeadPayload(lead, now) }], now, forms.get(lead.form_id)?.notify ?? [])),
    db.prepare('DELETE FROM lead_notifications WHERE lead_id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(results.map((lead) => lead.id))),
  ]);
  return results.length;
}
