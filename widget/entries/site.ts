// site.js: the attribution code only some page views need (the site's own hosts for a referrer of
// another host, the same-site cookie mode, the cookie of data-cookie-domain), fetched by widget.js
// from its own folder for a page view that needs it (attribution.js's touch.js bundles it).
import { subdomainCookie } from '../attribution/cookie.ts';
import { siteCode, type SiteCode } from '../attribution/site-code.ts';
import { SITE_GLOBAL } from '../constants.ts';

/** What site.js gives the script tags. */
export interface SiteChunk extends SiteCode {
  subdomainCookie: typeof subdomainCookie;
}

(window as unknown as Record<string, SiteChunk>)[SITE_GLOBAL] = { ...siteCode, subdomainCookie };
