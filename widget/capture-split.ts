import { lazyCapture } from './capture-lazy.ts';
import type { CaptureOptions, LeadCapture } from './capture.ts';
import { messagesFor } from './i18n/catalogue.ts';
import { trackPage } from './page.ts';

/** The npm entries' submit path (submit-path.ts), fetched when first asked for; the bundler makes a chunk of it. */
export const submitPath = () => import('./submit-path.ts');

/**
 * The capture API for the npm entries: attribution at once, and the submit path fetched on the
 * first submit (or a focus in a LeadForm), or at once when the outbox holds leads.
 */
export const createLeadCapture = (options: CaptureOptions): LeadCapture => lazyCapture(trackPage(options), options, () => submitPath().then((code) => code.captureWith), messagesFor);
