import type { Attribution } from '../shared/lead.ts';
import { createTracker, type TrackerOptions } from './attribution/tracker.ts';
import { subdomainCookie } from './attribution/cookie.ts';
import { fillHiddenInputs } from './attribution/hidden-inputs.ts';
import { watchNavigation } from './attribution/navigation.ts';
import type { Tracker } from './attribution/tracker.ts';

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

/** Starts attribution on this page: records this page view and every later URL change of a single-page app. */
export function trackPage(options: PageOptions): Tracker {
  const tracker = createTracker(options);
  const view = (referrer: string) => ({ url: new URL(location.href), referrer, now: Date.now() });
  const seen = () => options.onPageView?.(tracker.attribution());
  let previous = location.href;
  tracker.capture(view(document.referrer));
  whenReady(seen);
  watchNavigation(() => {
    // Inside an SPA the page we came from is this site: only new campaign parameters count.
    tracker.capture(view(previous));
    previous = location.href;
    seen();
  });
  return tracker;
}

/**
 * The script tags' settings, from `data-*` attributes of the script that loaded us:
 * `data-consent-required`, `data-cookie-domain`, `data-retention-days`,
 * `data-ignore-referrers="checkout.stripe.com,paypal.com"`, and `data-endpoint` (the Worker;
 * by default where the script came from). Script tags also keep the hidden attribution inputs of
 * the page's forms filled.
 */
export function scriptTagOptions(script: HTMLScriptElement | null): PageOptions & { endpoint: string } {
  const data = script?.dataset ?? {};
  return {
    consentRequired: 'consentRequired' in data && data['consentRequired'] !== 'false',
    cookie: data['cookieDomain'] ? subdomainCookie(data['cookieDomain']) : undefined,
    retentionDays: Number(data['retentionDays']) || undefined,
    ignoreReferrers: data['ignoreReferrers']?.trim().split(/\s*,\s*/),
    endpoint: data['endpoint'] || new URL(script?.src || '/', location.href).origin,
    onPageView: fillHiddenInputs,
  };
}
