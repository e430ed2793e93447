import type { Attribution } from '../shared/lead.ts';
import type { TrackerOptions } from './attribution/tracker.ts';
import { enhanceForm } from './form/enhance.ts';
import { messagesFor, type Messages } from './form/messages.ts';
import { fieldErrors } from './form/validate.ts';
import { createOutbox } from './form/outbox.ts';
import type { AttachTurnstile } from './form/turnstile.ts';
import { postLead, type PostOptions, type SubmitOutcome } from './form/submit.ts';
import { trackPage } from './page.ts';
import { withCurrentPage } from './attribution/touch.ts';

export type { Attribution, Messages, SubmitOutcome, TrackerOptions };

/** Settings of one LeadRelay instance on a page. */
export interface LeadRelayOptions extends TrackerOptions, PostOptions {
  /** Turnstile support for forms that ask for it (the entries pass a loader that costs nothing until then). */
  turnstile?: AttachTurnstile;
}

/** The plain API: attribution, consent, submitting leads, enhancing forms. */
export interface LeadRelay {
  /** First and last touch as they stand (also what every submit sends). */
  attribution(): Attribution;
  /** Grants (or withdraws) consent to keep attribution in storage when `consentRequired` is set. */
  setConsent(granted: boolean): void;
  /** Validates and posts a lead; resolves with how it ended (messages in `locale`), never rejects. */
  submit(formId: string, fields: Record<string, string>, extra?: { idempotencyKey?: string; locale?: string }): Promise<SubmitOutcome>;
  /** Takes over a `<form data-lead-form="FORM_ID">` (validation, posting, messages, events). */
  enhance(form: HTMLFormElement, text?: Partial<Messages>): void;
}

/** Starts attribution on this page (this view and every SPA URL change) and returns the API. */
export function createLeadRelay(options: LeadRelayOptions): LeadRelay {
  const tracker = trackPage(options);
  let consented = !options.consentRequired;
  const outbox = createOutbox(() => consented);
  // Leads kept while the edge was out of reach go on the next page view and when the browser is back online.
  const flush = () => void outbox.flush((formId, submission) => postLead(formId, submission, options));
  flush();
  addEventListener('online', flush);
  return {
    attribution: () => tracker.attribution(),
    setConsent(granted) {
      consented = granted;
      tracker.setConsent(granted);
    },
    async submit(formId, fields, extra = {}) {
      const { idempotencyKey = crypto.randomUUID(), locale } = extra;
      const text = messagesFor(locale ?? 'en');
      const errors = fieldErrors(fields, text);
      if (errors) return { kind: 'invalid', fields: errors, message: text.fixFields };
      return postLead(formId, { fields, attribution: withCurrentPage(tracker.attribution()), idempotencyKey, ...(locale ? { locale } : {}) }, options);
    },
    enhance: (form, text) => enhanceForm(form, { ...options, outbox, attribution: () => tracker.attribution(), ...(text ? { text } : {}) }),
  };
}
