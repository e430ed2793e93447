import type { Attribution, LeadSubmissionInput } from '../shared/lead.ts';
import { onThisSite } from './attribution/own-site.ts';
import type { Messages } from './i18n/catalogue.ts';
import { messagesFor } from './i18n/messages.ts';
import { createOutbox } from './form/outbox.ts';
import { isRetryable, postLead, type PostOptions, type SubmitOutcome } from './form/submit.ts';
import { fieldErrors, invalidMessage } from './form/validate.ts';
import type { Tracker } from './attribution/tracker.ts';
import { leadSubmission } from './lead-submission.ts';
import { trackPage, type PageOptions } from './page.ts';

/** Settings of the capture API on a page: where to post, and how attribution is kept. */
export interface CaptureOptions extends PageOptions, PostOptions {
  endpoint: string;
}

/** What a form knows about one submission besides its fields. */
export interface SubmitExtra {
  /** The same key for every try of one submission, so the edge makes one lead of them; a new one otherwise. */
  idempotencyKey?: string | undefined;
  /** Language of the messages (English unless given), also sent to the edge. */
  locale?: string | undefined;
  /** Overrides of the built-in messages. */
  text?: Partial<Messages> | undefined;
  /** Field names that must not be empty. */
  required?: Iterable<string> | undefined;
  /**
   * Milliseconds since the form appeared (the edge treats a very fast submit as spam); by default,
   * since the capture started. A browser lead without it is held for review at the edge.
   */
  elapsedMs?: number | undefined;
  /** The value of a honeypot input, if a bot filled it. */
  honeypot?: string | undefined;
  /** A Cloudflare Turnstile token, for forms that require one. */
  turnstileToken?: string | undefined;
}

/** The capture API: attribution, consent and submitting leads, with no UI of its own. */
export interface LeadCapture {
  /** First and last touch as they stand (also what every submit sends). */
  attribution(): Attribution;
  /** Grants (or withdraws) consent to keep attribution in storage when `consentRequired` is set. */
  setConsent(granted: boolean): void;
  /**
   * Validates and posts a lead; resolves with how it ended, messages in `locale`, and never
   * rejects. The lead is kept in the browser from before its first POST until the edge answers; one
   * the edge could not be reached for (or that met a 5xx or 429) stays kept and is sent again on the
   * next page view, when the browser is back online, or after a 429's Retry-After (`queued`).
   */
  submit(formId: string, fields: Record<string, string>, extra?: SubmitExtra): Promise<SubmitOutcome>;
}

/** The edge's answer as the visitor hears it, in their language. */
function forVisitor(outcome: SubmitOutcome, text: Messages, locale: string | undefined, kept: boolean): SubmitOutcome {
  if (outcome.kind === 'accepted' && outcome.lead.status === 'rejected') return { kind: 'rejected', lead: outcome.lead, message: text.refused };
  if (outcome.kind === 'invalid') {
    // The edge's verdict on each field, in the visitor's language where we have a message for it.
    if (locale && !/^en\b/i.test(locale)) for (const name in outcome.fields) outcome.fields[name] = invalidMessage(text, name);
    outcome.message = text.fixFields;
  }
  if (outcome.kind !== 'failed') return outcome;
  if (!isRetryable(outcome)) return { ...outcome, message: text.refused };
  if (kept) return { kind: 'queued', message: outcome.status === 429 ? text.rateLimited : text.queued, status: outcome.status };
  return { ...outcome, message: text.failed };
}

/** Starts attribution on this page (this view and every SPA URL change) and returns the capture API. */
export const createLeadCapture = (options: CaptureOptions): LeadCapture => captureWith(trackPage(options), options, Date.now());

/**
 * The capture API around a tracker that is running already: widget.js starts attribution at
 * once and brings this code (submit.js) only when a form or the outbox needs it. `startedAt`:
 * when the capture started, the default start of a submission's elapsed time.
 */
export function captureWith(tracker: Tracker, options: CaptureOptions, startedAt: number): LeadCapture {
  let consented = !options.consentRequired;
  // Same-site cookie mode: with consent, the Worker's cookie goes with the lead, so the edge can
  // merge in the touches it kept when this browser's storage lost them.
  const post = (formId: string, submission: LeadSubmissionInput) =>
    postLead(formId, submission, { ...options, credentials: consented && onThisSite(options.endpoint) ? 'include' : 'omit' });
  const outbox = createOutbox(post, consented);
  // Leads kept from earlier page views (or this one) go now, and when the browser is back online.
  const flush = () => void outbox.flush();
  flush();
  addEventListener('online', flush);
  return {
    attribution: () => tracker.attribution(),
    setConsent(granted) {
      consented = granted;
      outbox.setPersistent(granted);
      tracker.setConsent(granted);
    },
    async submit(formId, fields, extra = {}) {
      const { locale } = extra;
      const text = messagesFor(locale ?? 'en', extra.text);
      const errors = fieldErrors(fields, text, extra.required);
      if (errors) return { kind: 'invalid', fields: errors, message: text.fixFields };
      const submission = leadSubmission(tracker, fields, extra, startedAt);
      // A Turnstile token expires in minutes: a lead that needs one cannot wait in the browser (sent
      // later, it would be judged spam), so it is never kept and the visitor is asked to try again.
      const kept = !extra.turnstileToken;
      const outcome = kept ? await outbox.send(formId, submission) : await post(formId, submission);
      return forVisitor(outcome, text, locale, kept);
    },
  };
}
