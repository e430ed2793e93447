import type { Tracker } from './attribution/tracker.ts';
import type { captureWith, CaptureOptions, LeadCapture } from './capture.ts';
import { holdsLeads, keepForLater } from './form/kept-leads.ts';
import type { Messages } from './i18n/catalogue.ts';
import { ENGLISH_UNSENT } from './i18n/en.ts';
import { leadSubmission } from './lead-submission.ts';

/** The lines a lead whose submit code never arrived is told, in a language (with the site's overrides). */
export type UnsentMessages = (locale: string, overrides?: Partial<Messages>) => Pick<Messages, 'failed' | 'queued'>;

/**
 * widget.js's lines: Arabic, like the rest of the catalogue, comes with submit.js, so a lead whose
 * submit.js never came is told of in English (or the site's own text); widget.js carries only these two.
 */
export const englishUnsent: UnsentMessages = (_locale, overrides) => ({ ...ENGLISH_UNSENT, ...overrides });

/**
 * The capture API around `tracker`, running already, with the submit path (validation, posting,
 * the outbox) fetched by `load` only when it is needed: on the first submit, or at once when
 * the outbox holds leads to send (or once consent makes them readable). widget.js loads it
 * with submit.js, the npm entries as a chunk (capture-split.ts). Submits made before it
 * arrives wait for it; none is lost.
 * A submit also waits for the page view's touch to be recorded (one from another host waits for site.js).
 * `unsent`: what a submit tells the visitor when that code cannot be loaded.
 */
export function lazyCapture(tracker: Tracker, options: CaptureOptions, load: () => Promise<typeof captureWith>, unsent: UnsentMessages): LeadCapture {
  const startedAt = Date.now();
  let consented = !options.consentRequired;
  let capture: LeadCapture | undefined;
  // One capture for the page (one outbox, one online listener), started with the consent given by then.
  const code = () => load().then((captureWith) => (capture ??= captureWith(tracker, { ...options, consentRequired: !consented }, startedAt)));
  const flushKept = () => {
    if (holdsLeads(consented)) code().catch((error: unknown) => console.error('[leadrelay]', error));
  };
  flushKept();
  return {
    attribution: () => tracker.attribution(),
    setConsent(granted) {
      consented = granted;
      (capture ?? tracker).setConsent(granted);
      // Leads an earlier page view kept, readable only with consent: they go now, not with the next submit.
      if (!capture) flushKept();
    },
    submit: (formId, fields, extra = {}) =>
      new Promise<void>((resolve) => tracker.settled(resolve)).then(code).then(
        (loaded) => loaded.submit(formId, fields, extra),
        () => {
          // The submit code never arrived (the visitor went offline before it could): the lead waits
          // in the outbox as the submit code would keep it, and goes on a later page view.
          const text = unsent(extra.locale ?? 'en', extra.text);
          // Without consent nothing may be written to the browser, and a lead with a Turnstile token
          // cannot wait (the token expires in minutes): the visitor is asked to try again.
          if (!consented || extra.turnstileToken) return { kind: 'failed', message: text.failed };
          keepForLater(formId, leadSubmission(tracker, fields, extra, startedAt));
          return { kind: 'queued', message: text.queued };
        },
      ),
  };
}
