import { createTracker, type TrackerOptions } from './attribution/tracker.ts';
import { fillHiddenInputs } from './attribution/hidden-inputs.ts';
import { watchNavigation } from './attribution/navigation.ts';
import type { Tracker } from './attribution/tracker.ts';

/** Runs `task` once the DOM is parsed (now, when it already is). */
export const whenReady = (task: () => void): void => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', task);
  else task();
};

/**
 * Starts attribution on this page: records this page view and every later URL change of a
 * single-page app, and keeps hidden attribution inputs of any form filled.
 */
export function trackPage(options: TrackerOptions): Tracker {
  const tracker = createTracker(options);
  let previous = location.href;
  tracker.capture({ url: new URL(previous), referrer: document.referrer, now: Date.now() });
  whenReady(() => fillHiddenInputs(document, tracker.attribution()));
  watchNavigation(() => {
    // Inside an SPA the page we came from is this site: only new campaign parameters count.
    tracker.capture({ url: new URL(location.href), referrer: previous, now: Date.now() });
    previous = location.href;
    fillHiddenInputs(document, tracker.attribution());
  });
  return tracker;
}

/** Reads `data-*` settings of the script tag that loaded us: `data-consent-required`, `data-cookie-domain`, `data-retention-days`. */
export function trackerOptionsFrom(script: HTMLScriptElement | null): TrackerOptions {
  const data = script?.dataset ?? {};
  return {
    consentRequired: data['consentRequired'] !== undefined && data['consentRequired'] !== 'false',
    cookieDomain: data['cookieDomain'],
    retentionDays: Number(data['retentionDays']) || undefined,
  };
}
