import { CAMPAIGN_KEYS, MAX_VALUE_LENGTH } from '../shared/constants.ts';
import type { Attribution, Touch } from '../shared/lead.ts';

/**
 * The campaign touch of the current page view: UTM parameters and click ids from the URL,
 * an external referrer, the landing page. Undefined when the visit carries none of them.
 */
export function touchFromPage(location: URL, referrer: string, now: number): Touch | undefined {
  const touch: Touch = {};
  for (const key of CAMPAIGN_KEYS) {
    const value = location.searchParams.get(key)?.trim();
    if (value) touch[key] = value.slice(0, MAX_VALUE_LENGTH);
  }
  const external = referrer && !sameSite(referrer, location);
  if (external) touch.referrer = referrer.slice(0, MAX_VALUE_LENGTH);
  if (Object.keys(touch).length === 0) return undefined;
  touch.landing_page = (location.origin + location.pathname + location.search).slice(0, MAX_VALUE_LENGTH);
  touch.captured_at = now;
  return touch;
}

function sameSite(referrer: string, location: URL): boolean {
  try {
    return new URL(referrer).hostname === location.hostname;
  } catch {
    return true; // an unreadable referrer tells nothing about the source
  }
}

/** Attribution to send with a lead submitted on this page. */
export function currentAttribution(location: URL, referrer: string, now: number): Attribution {
  const touch = touchFromPage(location, referrer, now);
  return touch ? { first: touch, last: touch } : {};
}
