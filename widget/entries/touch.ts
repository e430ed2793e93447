// touch.js: attribution.js's tracker (with the site code bundled) and its hidden-input filling,
// fetched by attribution.js from its own folder for a page view that may change the stored
// attribution, a page with hidden inputs to fill, or a command that needs the tracker
// (page-lazy.ts). Most page views, clicks inside the site, never fetch it.
import { subdomainCookie } from '../attribution/cookie.ts';
import { fillHiddenInputs } from '../attribution/hidden-inputs.ts';
import type { PageView } from '../attribution/touch.ts';
import { createTracker, type Tracker } from '../attribution/tracker.ts';
import { TOUCH_GLOBAL } from '../constants.ts';
import { recordView, type ScriptTagOptions } from '../page.ts';

/** The page's tracker, and what records a page view with it (the hidden inputs filled after). */
export interface TouchPage {
  tracker: Tracker;
  view(view: PageView): void;
}

/** What touch.js gives attribution.js: the tracker of a page with these settings. */
export type TouchChunk = (options: ScriptTagOptions) => TouchPage;

const touchPage: TouchChunk = ({ cookieDomain, ...options }) => {
  const tracker = createTracker({ ...options, cookie: cookieDomain ? subdomainCookie(cookieDomain) : undefined });
  return { tracker, view: recordView(tracker, fillHiddenInputs) };
};

(window as unknown as Record<string, TouchChunk>)[TOUCH_GLOBAL] = touchPage;
