import type { Attribution } from '../shared/lead.ts';
import type { TrackerOptions } from './attribution/tracker.ts';
import { createLeadCapture, type CaptureOptions, type LeadCapture, type SubmitExtra } from './capture.ts';
import { enhanceForm } from './form/enhance.ts';
import type { Messages } from './i18n/catalogue.ts';
import type { AttachTurnstile } from './form/turnstile.ts';
import type { SubmitOutcome } from './form/submit.ts';

export type { Attribution, CaptureOptions, LeadCapture, Messages, SubmitExtra, SubmitOutcome, TrackerOptions };

/** Settings of one LeadRelay instance on a page. */
export interface LeadRelayOptions extends CaptureOptions {
  /** Turnstile support for forms that ask for it (the entries pass a loader that costs nothing until then). */
  turnstile?: AttachTurnstile;
}

/** The plain API: the capture API, and enhancing forms of the page. */
export interface LeadRelay extends LeadCapture {
  /** Takes over a `<form data-lead-form="FORM_ID">` (validation, posting, messages, events). */
  enhance(form: HTMLFormElement, text?: Partial<Messages>): void;
}

/** Starts attribution on this page (this view and every SPA URL change) and returns the API. */
export function createLeadRelay(options: LeadRelayOptions): LeadRelay {
  const capture = createLeadCapture(options);
  return { ...capture, enhance: (form, text) => enhanceForm(form, capture, { turnstile: options.turnstile, text }) };
}
