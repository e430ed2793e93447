import type { captureWith, CaptureOptions, LeadCapture } from './capture.ts';
import { holdsLeads } from './form/outbox.ts';
import { trackPage } from './page.ts';

/**
 * The capture API with attribution running at once and the submit path (validation, posting,
 * the outbox) fetched by `load` only when it is needed: on the first submit, or at once when
 * the outbox holds leads to send. widget.js loads it with submit.js. Submits made before it arrives wait for it; none is lost.
 */
export function lazyCapture(options: CaptureOptions, load: () => Promise<typeof captureWith>): LeadCapture {
  const tracker = trackPage(options);
  const startedAt = Date.now();
  let consented = !options.consentRequired;
  let capture: LeadCapture | undefined;
  // One capture for the page (one outbox, one online listener), started with the consent given by then.
  const code = () => load().then((captureWith) => (capture ??= captureWith(tracker, { ...options, consentRequired: !consented }, startedAt)));
  if (holdsLeads(consented)) code().catch((error: unknown) => console.error('[leadrelay]', error));
  return {
    attribution: () => tracker.attribution(),
    setConsent(granted) {
      consented = granted;
      (capture ?? tracker).setConsent(granted);
    },
    submit: (formId, fields, extra) =>
      code().then(
        (loaded) => loaded.submit(formId, fields, extra),
        (error: unknown) => ({ kind: 'failed', message: String(error) }),
      ),
  };
}
