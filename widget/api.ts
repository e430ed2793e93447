import type { Attribution } from '../shared/lead.ts';
import type { TrackerOptions } from './attribution/tracker.ts';
import type { CaptureOptions, LeadCapture, SubmitExtra } from './capture.ts';
import { createLeadCapture, submitPath } from './capture-split.ts';
import { prepareForm } from './form/prepare.ts';
import { keepUnloaded } from './form/unloaded.ts';
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

/**
 * Starts attribution on this page (this view and every SPA URL change) and returns the API. Its
 * submit path is a chunk of its own, as widget.js's is: an enhanced form asks for it on the first
 * focus, and a submit before it arrives waits for it.
 */
export function createLeadRelay(options: LeadRelayOptions): LeadRelay {
  const capture = createLeadCapture(options);
  return {
    ...capture,
    // A form's submit code and the capture's are asked for together: the first click waits for one round trip, not two.
    enhance: (form, text) =>
      prepareForm(form, (context) => Promise.all([import('./form/enhance.ts'), submitPath()]).then(([code]) => code.submitForm(form, capture, context)), {
        turnstile: options.turnstile,
        text,
        unloaded: keepUnloaded(form, capture),
      }),
  };
}
