import type { Attribution } from '../shared/lead.ts';
import { deferredTracker } from './attribution/deferred-tracker.ts';
import { createTracker, trackerWith, type Tracker, type TrackerOptions } from './attribution/tracker.ts';
import { fillHiddenInputs } from './attribution/hidden-inputs.ts';
import { watchNavigation } from './attribution/navigation.ts';
import type { PageView } from './attribution/touch.ts';
import { mayBeOnThisSite } from './attribution/own-site.ts';
import { SITE_GLOBAL } from './constants.ts';
import type { SiteChunk } from './entries/site.ts';
import type { scriptLoader } from './script-loader.ts';

/** How attribution runs on a page. */
export interface PageOptions extends TrackerOptions {
  /** Called with the attribution after each page view is recorded, once the DOM is parsed. */
  onPageView?: ((attribution: Attribution) => void) | undefined;
}

/** Runs `task` once the DOM is parsed (now, when it already is). */
export const whenReady = (task: () => void): void => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', task);
  else task();
};

/** Calls `onView` with this page view and with every later URL change of a single-page app. */
export function eachPageView(onView: (view: PageView) => void): void {
  // Inside an SPA the page we came from is this site: only new campaign parameters count.
  let referrer = document.referrer;
  const view = () => {
    onView({ url: new URL(location.href), referrer, now: Date.now() });
    referrer = location.href;
  };
  view();
  watchNavigation(view);
}

/** Records a page view with `tracker`, then calls `onPageView` once the DOM is parsed (and, from another host, the site code decided). */
export const recordView =
  (tracker: Tracker, onPageView: PageOptions['onPageView']) =>
  (view: PageView): void => {
    tracker.capture(view);
    whenReady(() => tracker.settled(() => onPageView?.(tracker.attribution())));
  };

/** Starts attribution on this page with `tracker`: records this page view and every later URL change of a single-page app. */
export function followPage(tracker: Tracker, onPageView: PageOptions['onPageView']): Tracker {
  eachPageView(recordView(tracker, onPageView));
  return tracker;
}

/** Starts attribution on this page with the site code bundled (apps): this page view and every SPA URL change. */
export const trackPage = (options: PageOptions): Tracker => followPage(createTracker(options), options.onPageView);

/** The script tags' settings (scriptTagOptions). */
export interface ScriptTagOptions extends TrackerOptions {
  endpoint: string;
  /** data-cookie-domain: its cookie's code comes with site.js. */
  cookieDomain?: string | undefined;
}

/**
 * widget.js's attribution, keeping the hidden attribution inputs of the page's forms filled. A page
 * view that needs the site code (a referrer of another host: is it this site?; a Worker that may be
 * on this site; a cookie domain) waits for site.js from the script's folder (`load`), and so do the
 * calls after it; every other page view goes on without.
 */
export function trackScriptTagPage({ cookieDomain, ...options }: ScriptTagOptions, load: ReturnType<typeof scriptLoader>): Tracker {
  const referrer = document.referrer && new URL(document.referrer).hostname;
  if (!cookieDomain && !mayBeOnThisSite(options.endpoint) && (!referrer || referrer === location.hostname)) return followPage(trackerWith(undefined, options), fillHiddenInputs);
  // Without site.js (it could not load, offline, or brought nothing) only the page's own host is
  // this site, and no cookie is shared.
  const start = load<SiteChunk | undefined>('site', SITE_GLOBAL)
    .catch(() => undefined)
    .then((code) => trackerWith(code, { ...options, cookie: cookieDomain ? code?.subdomainCookie(cookieDomain) : undefined }));
  return followPage(deferredTracker(start), fillHiddenInputs);
}

/** `leadrelay('attribution', callback)`: the attribution once this page view is recorded. */
export const attributionCommand = (tracker: Tracker) => (callback: (attribution: Attribution) => void) => tracker.settled(() => callback(tracker.attribution()));

/**
 * The script tags' settings, from `data-*` attributes of the script that loaded us:
 * `data-consent-required`, `data-cookie-domain`, `data-retention-days`,
 * `data-ignore-referrers="checkout.stripe.com,paypal.com"`, and `data-endpoint` (the Worker;
 * by default where the script came from).
 */
export function scriptTagOptions(script: HTMLScriptElement | null): ScriptTagOptions {
  const data = script?.dataset ?? {};
  return {
    consentRequired: 'consentRequired' in data && data['consentRequired'] !== 'false',
    cookieDomain: data['cookieDomain'] || undefined,
    retentionDays: Number(data['retentionDays']) || undefined,
    // Split without a regular expression: the first one a page runs costs it about 0.1 ms (catalogue.ts).
    ignoreReferrers: data['ignoreReferrers']?.split(',').map((host) => host.trim()),
    endpoint: data['endpoint'] || new URL(script?.src || '/', location.href).origin,
  };
}
