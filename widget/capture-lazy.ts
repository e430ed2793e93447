import type { Tracker } from './attribution/tracker.ts';
import type { captureWith, CaptureOptions, LeadCapture } from './capture.ts';
import { holdsLeads, keepForLater } from './form/kept-leads.ts';
import { languageOf, messagesByLanguage, type Messages } from './i18n/catalogue.ts';
import { ENGLISH_UNSENT } from './i18n/en.ts';
import { leadSubmission } from './lead-submission.ts';

/**
 * What a lead whose submit code never arrived is told, in its language with the site's overrides:
 * the two English lines, or the language's catalogue where this bundle has it already (the plain
 * API, or an Arabic LeadForm once it fetched Arabic). The rest of the English catalogue comes with
 * the submit code, so no entry carries it before a submit needs it; widget.js gets Arabic with
 * submit.js, so its visitors are told in English (or the site's own text).
 */
const unsentMessages = (locale: string, overrides?: Partial<Messages>): Pick<Messages, 'failed' | 'queued'> => ({
  ...ENGLISH_UNSENT,
  ...messagesByLanguage[languageOf(locale)],
  ...overrides,
});

/**
 * The capture API around `tracker`, running already, with the submit path (validation, posting,
 * the outbox) fetched by `load` only when it is needed: on the first submit, or at once when
 * the outbox holds leads to send (or once consent makes them readable). widget.js loads it
 * with submit.js, the npm entries as a chunk (capture-split.ts). Submits made before it
 * arrives wait for it; none is lost.
 * A submit also waits for the page view's touch to be recorded (one from another host waits for site.js).
 */
export function lazyCapture(tracker: Tracker, options: CaptureOptions, load: () => Promise<typeof captureWith>): LeadCapture {
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
          const text = unsentMessages(extra.locale ?? 'en', extra.text);
          // Without consent nothing may be written to the browser, and a lead with a Turnstile token
          // cannot wait (the token expires in minutes): the visitor is asked to try again.
          if (!consented || extra.turnstileToken) return { kind: 'failed', message: text.failed };
          keepForLater(formId, leadSubmission(tracker, fields, extra, startedAt));
          return { kind: 'queued', message: text.queued };
        },
      ),
  };
}
