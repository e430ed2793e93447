import * as v from 'valibot';
import { LeadSubmissionSchema } from '../../shared/lead.ts';
import { toFieldErrors } from '../../shared/field-errors.ts';
import type { LeadAccepted } from '../../shared/api.ts';
import type { FormConfig } from '../config/forms.ts';
import { deliverLeads, type Fetcher } from '../delivery/deliver.ts';
import { readJsonBody } from '../http/read-json.ts';
import { apiError, json } from '../http/responses.ts';
import { log } from '../log.ts';
import { normalizePhone } from '../phone.ts';
import type { ProviderLead, ProviderSecrets } from '../providers/types.ts';
import { insertLead, recordAttempt } from '../store/leads.ts';

/** What accepting a lead needs from the outside world. */
export interface AcceptContext {
  db: D1Database;
  secrets: ProviderSecrets;
  send: Fetcher;
  now: () => Date;
  newId: () => string;
}

/**
 * `POST /v1/forms/{formId}/leads`: validates the lead, stores it, then delivers it to the form's
 * provider. The visitor's answer says where the lead stands; a stored lead is never dropped.
 */
export async function acceptLead(request: Request, form: FormConfig, context: AcceptContext): Promise<Response> {
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = v.safeParse(LeadSubmissionSchema, body.value);
  if (!parsed.success) return apiError(400, 'invalid_input', 'Some fields need attention', toFieldErrors(parsed.issues));
  const { fields, attribution, idempotencyKey, locale } = parsed.output;

  const phone = fields.phone ? normalizePhone(fields.phone, form.defaultCountry) : undefined;
  if (fields.phone && !phone) {
    return apiError(400, 'invalid_input', 'Some fields need attention', { phone: 'Enter a valid phone number, with its country code' });
  }
  const receivedAt = context.now().getTime();
  const lead: ProviderLead = { id: context.newId(), fields, phone, attribution, locale, receivedAt };
  // Refused while the visitor is still here: a lead the provider could never take is not stored.
  const unfit = form.adapter.checkLead(lead);
  if (unfit) return apiError(400, 'invalid_input', 'Some fields need attention', unfit);

  const stored = await insertLead(context.db, {
    id: lead.id,
    formId: form.id,
    idempotencyKey,
    provider: form.provider,
    receivedAt,
    submission: { fields, phone, attribution, locale },
  });
  if (!stored.created) return json({ id: stored.id, status: stored.status } satisfies LeadAccepted, 202);

  const [result] = await deliverLeads(form.adapter, [lead], context.secrets, context.send, context.now());
  if (!result) throw new Error('[edge] [delivery] no result for the lead');
  const status = await recordAttempt(context.db, lead.id, result, context.now().getTime());
  log({ event: 'lead.delivery', leadId: lead.id, formId: form.id, provider: form.provider, result: result.kind, httpStatus: result.status, ...(result.kind === 'delivered' ? { providerId: result.providerId, note: result.note } : { reason: result.reason }) });
  return json({ id: lead.id, status } satisfies LeadAccepted, 202);
}
