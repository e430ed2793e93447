import { CAMPAIGN_KEYS } from '../shared/constants.ts';

/** Touch keys that hold text (all but captured_at): what storage may give back and hidden inputs may take. */
export const TOUCH_TEXT_KEYS: ReadonlySet<string> = new Set([...CAMPAIGN_KEYS, 'referrer', 'landing_page']);

/** localStorage key (and cookie name) of the stored first and last touch. */
export const ATTRIBUTION_STORAGE_KEY = 'leadrelay_attribution';

/**
 * Hosts whose links never start a new touch, whatever the site lists too: payment and sign-in
 * pages a visitor leaves for and comes back from (each with its subdomains).
 */
export const DEFAULT_IGNORED_REFERRERS = [
  'checkout.stripe.com',
  'paypal.com',
  'pay.google.com',
  'accounts.google.com',
  'appleid.apple.com',
  'login.microsoftonline.com',
];

/** How long a touch counts, unless the site configures another number of days. */
export const DEFAULT_RETENTION_DAYS = 90;

/** Delays before the second and third try of a submission that met a network error or a 5xx. */
export const RETRY_DELAYS_MS = [1000, 3000];

/** Longest Retry-After the widget waits for while the visitor watches; past it the lead waits in the outbox. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** How long one POST may take; a hanging connection then counts as a network failure (and the lead stays kept). */
export const POST_TIMEOUT_MS = 10_000;

/** The browser's own outbox: storage key, how many leads, for how long. */
export const OUTBOX = { key: 'leadrelay_outbox', maxEntries: 5, maxAgeMs: 72 * 3_600_000 } as const;

export { HONEYPOT_FIELD } from '../shared/constants.ts';

/**
 * How the honeypot is hidden: invisible and zero-sized in place (not pushed off-screen, which
 * widens right-to-left pages). Set through CSSOM, which a strict CSP allows.
 */
export const HONEYPOT_STYLE = 'position:absolute;width:0;height:0;padding:0;border:0;opacity:0;pointer-events:none';

/** Name of the page's command function (`leadrelay('consent', true)`), callable before the script loads. */
export const GLOBAL_NAME = 'leadrelay';

/** render.js's global: renders every `<div data-lead-form>` not rendered yet (for divs a page adds later). */
export const RENDER_GLOBAL = 'leadrelayRender';

/** turnstile.js's global: the function that renders Turnstile on a form. */
export const TURNSTILE_GLOBAL = 'leadrelayTurnstile';

/** submit.js's global: the submit path of widget.js (capture, outbox, form submit code), fetched on demand. */
export const SUBMIT_GLOBAL = 'leadrelaySubmit';

/** site.js's global: the attribution code only some page views need (attribution/site-code.ts). */
export const SITE_GLOBAL = 'leadrelaySite';

/** touch.js's global: attribution.js's tracker, fetched for a page view that may change what is stored or that reads it (entries/touch.ts). */
export const TOUCH_GLOBAL = 'leadrelayTouch';

/** Events the widget dispatches on a form, for analytics or custom UI. */
export const EVENTS = { success: 'leadrelay:success', error: 'leadrelay:error' } as const;

const DAY_MS = 86_400_000;
/** Milliseconds in `days` days. */
export const days = (count: number): number => count * DAY_MS;
