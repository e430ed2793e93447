import { DEFAULT_IGNORED_REFERRERS } from '../constants.ts';
import { isUnder, thisSite } from './own-site.ts';
import type { KeyValueStore } from './storage.ts';
import { workerStore } from './worker-store.ts';

/**
 * The tracker's code that only some page views need: telling the site's own hosts from other sites
 * for a referrer of another host, and the same-site cookie mode. The script tags fetch it as
 * site.js (from their own folder) when a page needs it; bundles import it.
 */
export interface SiteCode {
  /**
   * Whether `host`, a referrer's other than the page's own, is another site: not under the page's
   * registrable domain (found with a probe cookie, so only with `consented`), one of `ownHosts` (a
   * cookie's domain, the site's ignore list) or a default payment or sign-in host.
   */
  isOtherSite(host: string, ownHosts: readonly string[], consented: boolean): boolean;
  /** The Worker's cookie as a store (same-site cookie mode): a no-op unless the Worker is on this site. */
  workerStore(endpoint: string): KeyValueStore;
}

/** What site.js brings. */
export const siteCode: SiteCode = {
  isOtherSite: (host, ownHosts, consented) => ![...(consented ? [thisSite()] : []), ...DEFAULT_IGNORED_REFERRERS, ...ownHosts].some((domain) => isUnder(host, domain)),
  workerStore,
};
