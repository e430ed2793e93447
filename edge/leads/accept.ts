import * as v from 'valibot';
import { LeadSubmissionSchema } from '../../shared/lead.ts';
import { toFieldErrors } from '../../shared/field-errors.ts';
import type { LeadAccepted, LeadStatus } from '../../shared/api.ts';
import type { FormConfig } from '../config/forms.ts';
import { LEASE_MS } from '../constants.ts';
import { deliverClaimed, type PipelineDeps } from '../delivery/pipeline.ts';
import { readJsonBody } from '../http/read-json.ts';
import { apiError, json } from '../http/responses.ts';
import { log } from '../log.ts';
import { readVisitorPhone } from './phone-field.ts';
import type { ProviderLead } from '../providers/types.ts';
import { insertLead } from '../store/leads.ts';
import { attributionWithChannels } from '../attribution/rules-config.ts';
import { withKeptTouches, type KeptInCookie } from '../touch/kept.ts';
import { applyFieldList } from '../guard/fields.ts';
import { spamReason, type TurnstileCheck } from '../guard/spam.ts';
import { timingReview } from '../guard/timing.ts';
import { idempotencyConflict, sameSubmission, submissionFingerprint } from './fingerprint.ts';

/** What accepting a lead needs from the outside world. */
export interface AcceptContext {
  deps: PipelineDeps;
  newId: () => string;
  /** Keeps work alive after the answer (ExecutionContext.waitUntil). */
  waitUntil: (promise: Promise<unknown>) => void;
  /** The Worker's env, for secrets that forms name (server token, Turnstile). */
  env: Readonly<Record<string, unknown>>;
  /** Where the request came from (`request.cf.country`), the last resort for reading a national phone number. */
  requestCountry?: string | undefined;
  checkTurnstile: TurnstileCheck;
  /** How long the answer waits for the first delivery attempt before it says `pending`. */
  firstAttemptWaitMs: number;
  /** The touches the Worker's own cookie kept (same-site cookie mode), merged into the lead's attribution. */
  keptTouches?: KeptInCookie | undefined;
}

/**
 * What a visitor is told: their lead is at the provider, refused by it, or on its way (also when
 * held for review or for the form's credentials). Spam is told it was delivered, and so is a
 * duplicate: the provider already has the person, so their request was received.
 */
const visibleStatus = (status: LeadStatus | undefined): LeadAccepted['status'] =>
  status === 'delivered' || status === 'duplicate' || status === 'spam' ? 'delivered' : status === 'rejected' ? 'rejected' : 'pending';

/**
 * Stores a bot's lead as spam, never to be delivered, and answers like a delivery, so the bot
 * learns nothing. Operators see it (and its reason) and can replay it if it was a person.
 */
async function holdAsSpam(
  form: FormConfig,
  lead: { fields: ProviderLead['fields']; attribution: ProviderLead['attribution']; locale: string | undefined; idempotencyKey: string; fingerprint: string },
  reason: string,
  context: AcceptContext,
): Promise<Response> {
  const stored = await insertLead(context.deps.db, {
    id: context.newId(),
    formId: form.id,
    idempotencyKey: lead.idempotencyKey,
    fingerprint: lead.fingerprint,
    provider: form.provider,
    receivedAt: context.deps.now(),
    submission: { fields: lead.fields, phone: undefined, attribution: lead.attribution, locale: lead.locale },
    status: 'spam',
    reason,
  });
  if (!sameSubmission(stored, lead.fingerprint)) return idempotencyConflict();
  if (stored.created) log({ event: 'lead.spam', leadId: stored.id, formId: form.id, reason });
  return json({ id: stored.id, status: visibleStatus(stored.status) } satisfies LeadAccepted, 202);
}

/** `POST /v1/forms/{formId}/leads` with a JSON body (also sent as `text/plain`, which needs no preflight). */
export async function acceptLead(request: Request, form: FormConfig, context: AcceptContext): Promise<Response> {
  const body = await readJsonBody(request, true);
  return body.ok ? acceptSubmission(body.value, form, context, request.headers.get('origin')) : body.response;
}

/** The first attempt's statuses, or undefined when it is still running after `ms`. */
async function within<T>(attempt: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([attempt, late]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * Validates a submission and stores it, then makes its first delivery attempt right away. The
 * answer waits for that attempt at most `firstAttemptWaitMs` (then says `pending`), and the
 * attempt never depends on the answer: it runs to the end in waitUntil, and if the Worker dies,
 * the cron sweep finds the stored lead and queues it. `widgetOrigin` is the Origin of a JSON
 * request from a browser, whose lead must carry the widget's timing signal; null for a server
 * (it has the server token) and for a form posted without JavaScript (it has no timer).
 */
export async function acceptSubmission(value: unknown, form: FormConfig, context: AcceptContext, widgetOrigin: string | null): Promise<Response> {
  const parsed = v.safeParse(LeadSubmissionSchema, value);
  if (!parsed.success) return apiError(400, 'invalid_input', 'Some fields need attention', toFieldErrors(parsed.issues));
  const { idempotencyKey, locale } = parsed.output;
  const attribution = attributionWithChannels(withKeptTouches(parsed.output.attribution, context.keptTouches), context.env);
  const listed = applyFieldList(parsed.output.fields, form.guard, form.adapter.readsFields);
  if (!listed.ok) return apiError(400, 'invalid_input', 'Some fields need attention', listed.errors);
  const { fields } = listed;
  const fingerprint = await submissionFingerprint(fields);

  const spam = await spamReason(parsed.output, form, context.env, context.checkTurnstile);
  if (spam) return holdAsSpam(form, { fields, attribution, locale, idempotencyKey, fingerprint }, spam, context);

  const read = readVisitorPhone(fields, { defaultCountry: form.defaultCountry, requestCountry: context.requestCountry, locale });
  if (!read.ok) return apiError(400, 'invalid_input', 'Some fields need attention', read.fields);
  const { phone } = read;
  const receivedAt = context.deps.now();
  const lead: ProviderLead = { id: context.newId(), fields, phone, attribution, locale, receivedAt };
  // Mapped once, here: refused while the visitor is still on the page, else stored with the lead for delivery to send as it is.
  const mapping = form.adapter.mapLead(lead);
  if (!mapping.ok) return apiError(400, 'invalid_input', 'Some fields need attention', mapping.fields);
  const notForwarded = [...new Set([...listed.notForwarded, ...mapping.notForwarded])];

  const review = timingReview(parsed.output, form.guard, widgetOrigin);
  // A lead to send now is stored already claimed by its first attempt: one D1 write before the
  // provider call, one after (recordAttempts), and a crash in between leaves the attempt's mark.
  const claim = review ? undefined : { claim: context.deps.newClaim(), leaseUntil: receivedAt + LEASE_MS };
  const stored = await insertLead(context.deps.db, {
    id: lead.id,
    formId: form.id,
    idempotencyKey,
    fingerprint,
    provider: form.provider,
    receivedAt,
    submission: { fields, phone, attribution, locale, mapped: mapping.mapped },
    notForwarded,
    ...(review ? { status: 'review', reason: review } : {}),
    ...(claim ? { claimedBy: claim } : {}),
  });
  if (!sameSubmission(stored, fingerprint)) return idempotencyConflict();
  if (!stored.created) return json({ id: stored.id, status: visibleStatus(stored.status) } satisfies LeadAccepted, 202);
  if (!claim) {
    log({ event: 'lead.review', leadId: lead.id, formId: form.id, reason: review });
    return json({ id: lead.id, status: 'pending' } satisfies LeadAccepted, 202);
  }
  log({ event: 'lead.accepted', leadId: lead.id, formId: form.id, provider: form.provider });

  const due = { leadId: lead.id, formId: form.id };
  // With the mapping just made, as a retry reads it back from D1: the adapter sends that payload and maps nothing again.
  const claimed = { lead: { ...lead, mapped: mapping.mapped }, formId: form.id, attempts: 0, outcomeUnknown: false, claim: claim.claim };
  const attempt = deliverClaimed(context.deps, form.id, [claimed]).catch(async (error: unknown) => {
    // The row is committed and still holds this attempt's mark. Whatever failed (the attempt's
    // record, say), the queue gets the lead once the lease has run out; its next claim treats
    // this attempt as an unknown outcome.
    log({ event: 'lead.first_attempt_failed', leadId: lead.id, formId: form.id, error: error instanceof Error ? error.message : 'unknown' });
    await context.deps.enqueue(due, Math.ceil((claim.leaseUntil - context.deps.now()) / 1000) + 1);
    return new Map<string, LeadStatus>();
  });
  context.waitUntil(attempt);
  const statuses = await within(attempt, context.firstAttemptWaitMs);
  return json({ id: lead.id, status: visibleStatus(statuses?.get(lead.id)) } satisfies LeadAccepted, 202);
}
