import { campaignParams } from '../../shared/campaign-params.ts';
import { MAX_VALUE_LENGTH } from '../../shared/constants.ts';
import type { Attribution, Touch } from '../../shared/lead.ts';

/** A page view as the tracker sees it. */
export interface PageView {
  url: URL;
  referrer: string;
  now: number;
}

/**
 * The touch of one page view: UTM parameters and click ids from the URL, the referrer when
 * `isOtherSite` says its host is another site, the landing page and when it was seen.
 */
export function touchFromPage({ url, referrer, now }: PageView, isOtherSite: (host: string) => boolean): Touch {
  const touch: Touch = campaignParams(url.searchParams);
  // document.referrer is a full URL or empty, so it always parses.
  if (referrer && isOtherSite(new URL(referrer).hostname)) touch.referrer = referrer.slice(0, MAX_VALUE_LENGTH);
  touch.landing_page = (url.origin + url.pathname + url.search).slice(0, MAX_VALUE_LENGTH);
  touch.captured_at = now;
  return touch;
}

/**
 * Whether a touch starts a new last touch: it has campaign keys or an external referrer. A direct
 * visit or a click inside the site has only its landing page and time.
 */
export const isNewSource = (touch: Touch): boolean => Object.keys(touch).length > 2;

/** Attribution plus the page being submitted on (URL without its fragment, and title): where the visitor converted. */
export const withCurrentPage = (attribution: Attribution): Attribution => ({
  ...attribution,
  page: { url: location.href.split('#')[0]!.slice(0, MAX_VALUE_LENGTH), title: document.title.slice(0, MAX_VALUE_LENGTH) },
});
