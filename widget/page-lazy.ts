import type { Attribution } from '../shared/lead.ts';
import { isCurrent } from './attribution/retention.ts';
import type { PageView } from './attribution/touch.ts';
import { ATTRIBUTION_STORAGE_KEY, DEFAULT_RETENTION_DAYS, TOUCH_GLOBAL, days } from './constants.ts';
import type { TouchChunk, TouchPage } from './entries/touch.ts';
import { eachPageView, whenReady, type ScriptTagOptions } from './page.ts';
import type { scriptLoader } from './script-loader.ts';

/**
 * Whether localStorage holds a first touch, and a last touch if any, both seen since `oldest`:
 * then a page view that starts no touch changes nothing the tracker would store.
 */
function holdsCurrentTouches(oldest: number): boolean {
  try {
    const { first, last } = JSON.parse(localStorage.getItem(ATTRIBUTION_STORAGE_KEY)!) as Attribution;
    return isCurrent(first, oldest) && (!last || isCurrent(last, oldest));
  } catch {
    return false; // nothing stored, unreadable, or storage blocked: the tracker decides
  }
}

/** Whether a page view may start a touch: its query may hold campaign parameters, or it came from another host. */
const mayStartTouch = ({ url, referrer }: PageView): boolean => url.search !== '' || (referrer !== '' && new URL(referrer).hostname !== url.hostname);

/** What attribution.js answers: `leadrelay('consent', granted)` and `leadrelay('attribution', callback)`. */
export interface LazyPage {
  setConsent(granted: boolean): void;
  attribution(callback: (attribution: Attribution) => void): void;
}

/**
 * attribution.js's page: the tracker and its key lists come with touch.js from the script's folder
 * (`load`), fetched only for a page view that may change what is stored (campaign parameters, a
 * referrer of another host, no current touch stored, data-cookie-domain's shared cookie), for a
 * page with hidden inputs to fill, or for a command; from then on every page view goes to it, in
 * order. Every other page view, most of them, runs no attribution code at all: what is stored
 * stays as it is. Without touch.js (offline) nothing is recorded; the next call tries again.
 */
export function lazyScriptTagPage(options: ScriptTagOptions, load: ReturnType<typeof scriptLoader>): LazyPage {
  const retention = days(options.retentionDays ?? DEFAULT_RETENTION_DAYS);
  let consented = !options.consentRequired;
  let page: Promise<TouchPage | undefined> | undefined;
  // Started with the consent given by then, as the tracker would have heard it.
  const started = () =>
    (page ??= load<TouchChunk | undefined>('touch', TOUCH_GLOBAL).then(
      (chunk) => chunk?.({ ...options, consentRequired: !consented }),
      () => (page = undefined),
    ));
  const record = (view: PageView) => void started().then((tracked) => tracked?.view(view));
  eachPageView((view) => {
    if (page || options.cookieDomain || mayStartTouch(view) || !holdsCurrentTouches(view.now - retention)) record(view);
    // Nothing to change: touch.js only fills the page's hidden inputs, if it has any.
    else whenReady(() => document.querySelector('input[type=hidden][name]') && record(view));
  });
  return {
    setConsent(granted) {
      consented = granted;
      // Granted before touch.js is needed: nothing changed that was not stored already.
      if (page || !granted) void started().then((tracked) => tracked?.tracker.setConsent(granted));
    },
    attribution: (callback) => void started().then((tracked) => (tracked ? tracked.tracker.settled(() => callback(tracked.tracker.attribution())) : callback({}))),
  };
}
