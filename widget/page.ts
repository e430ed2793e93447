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
  const view = (referrer: string) => ({ url: new URL(location.href), referrer, now: Date.now() });
  const fill = () => fillHiddenInputs(document, tracker.attribution());
  let previous = location.href;
  tracker.capture(view(document.referrer));
  whenReady(fill);
  watchNavigation(() => {
    // Inside an SPA the page we came from is this site: only new campaign parameters count.
    tracker.capture(view(previous));
    previous = location.href;
    fill();
  });
  return tracker;
}

/** Reads `data-*` settings of the script tag that loaded us: `data-consent-required`, `data-cookie-domain`, `data-retention-days`. */
export function trackerOptionsFrom(script: HTMLScriptElement | null): TrackerOptions {
  const data = script?.dataset ?? {};
  return {
    consentRequired: 'consentRequired' in data && data['consentRequired'] !== 'false',
    cookieDomain: data['cookieDomain'],
    retentionDays: Number(data['retentionDays']) || undefined,
  };
}
