import { LOCALE_PATTERN } from '../shared/constants.ts';
import type { LeadSubmissionInput } from '../shared/lead.ts';
import { withCurrentPage } from './attribution/touch.ts';
import type { Tracker } from './attribution/tracker.ts';
import type { SubmitExtra } from './capture.ts';

/**
 * The lead one submit sends (or keeps for later): its fields, attribution as it stands with this
 * page view, and the signals the form gave. `startedAt`: when the capture started, the default
 * start of its elapsed time. Both capture paths build it here, so a kept lead and a posted one are alike.
 */
export function leadSubmission(tracker: Tracker, fields: Record<string, string>, extra: SubmitExtra, startedAt: number): LeadSubmissionInput {
  // Messages and required names shape what the visitor sees, not the lead: they stay out of it.
  const { idempotencyKey = crypto.randomUUID(), locale, text, required, elapsedMs = Date.now() - startedAt, ...signals } = extra;
  // Signals left undefined vanish in JSON, as if absent.
  const submission = { fields, attribution: withCurrentPage(tracker.attribution()), idempotencyKey, elapsedMs, ...signals } as LeadSubmissionInput;
  if (locale && LOCALE_PATTERN.test(locale)) submission.locale = locale;
  return submission;
}
