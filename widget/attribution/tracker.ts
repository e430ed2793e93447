import { MAX_VALUE_LENGTH } from '../../shared/constants.ts';
import type { Attribution, Touch } from '../../shared/lead.ts';
import { ATTRIBUTION_STORAGE_KEY, DEFAULT_RETENTION_DAYS, TOUCH_TEXT_KEYS, days } from '../constants.ts';
import { isCurrent } from './retention.ts';
import { siteCode, type SiteCode } from './site-code.ts';
import { browserStore, type KeyValueStore } from './storage.ts';
import { isNewSource, touchFromPage, type PageView } from './touch.ts';

/** How a site wants attribution kept. */
export interface TrackerOptions {
  /** Write nothing to storage until setConsent(true). */
  consentRequired?: boolean;
  /** Also keep attribution here, read first: `subdomainCookie('.example.com')` lets subdomains share it. */
  cookie?: KeyValueStore | undefined;
  /** Days a touch counts (default 90). */
  retentionDays?: number | undefined;
  /**
   * Hosts whose links never start a new touch, each with its subdomains (a checkout or sign-in
   * page), besides the site's own hosts and DEFAULT_IGNORED_REFERRERS.
   */
  ignoreReferrers?: readonly string[] | undefined;
  /** The Worker's origin: served on this site, it also keeps the touches in its own cookie (same-site cookie mode). */
  endpoint?: string | undefined;
}

/** First and last touch across pages and visits. */
export interface Tracker {
  /** Records one page view: first touch is frozen once set; a new source replaces last touch whole. */
  capture(view: PageView): void;
  attribution(): Attribution;
  /**
   * Runs `task` once every call so far has taken effect: at once, unless the tracker waits for its
   * site code (a script tag's page view that needs site.js). A submit waits for this, so its lead
   * carries the right touch.
   */
  settled(task: () => void): void;
  setConsent(granted: boolean): void;
}

/** A stored touch still within retention, its text keys only: storage may hold anything (old versions, other scripts). */
function cleanTouch(value: unknown, oldest: number): Touch | undefined {
  const touch = value as Record<string, unknown> | null | undefined;
  if (!isCurrent(touch, oldest)) return undefined;
  const clean: Record<string, string | number> = {};
  for (const key of TOUCH_TEXT_KEYS) if (typeof touch[key] === 'string') clean[key] = (touch[key] as string).slice(0, MAX_VALUE_LENGTH);
  // Last, as touchFromPage puts it: a touch read back serializes as it was stored, so an unchanged one is never written again.
  clean['captured_at'] = touch.captured_at;
  return clean as Touch;
}

/** Creates the tracker with the site code bundled (apps), and loads what earlier page views stored. */
export const createTracker = (options: TrackerOptions = {}, now = Date.now()): Tracker => trackerWith(siteCode, options, now);

/**
 * Creates the tracker and loads what earlier page views stored. Without the site code (a script
 * tag's page view that needs none, or site.js could not load) only the page's own host is this
 * site, and the same-site cookie mode is off.
 */
export function trackerWith(code: SiteCode | undefined, options: TrackerOptions, now = Date.now()): Tracker {
  const retention = days(options.retentionDays ?? DEFAULT_RETENTION_DAYS);
  const stores: KeyValueStore[] = [browserStore()];
  if (options.cookie) stores.unshift(options.cookie);
  if (options.endpoint && code) stores.push(code.workerStore(options.endpoint));
  const ownHosts = [...(options.ignoreReferrers ?? []), ...stores.flatMap((store) => store.domain ?? [])];
  let consented = !options.consentRequired;
  let state: Attribution = {};

  // What each store holds: a store is written only when that changes (a storage write costs more than the rest of a page view).
  const held = stores.map((store) => (store.writeOnly ? null : store.get(ATTRIBUTION_STORAGE_KEY)));
  const load = (at: number) => {
    for (const value of held) {
      try {
        const saved = JSON.parse(value ?? 'null') as Attribution | null;
        const first = cleanTouch(saved?.first, at - retention);
        const last = cleanTouch(saved?.last, at - retention);
        if (first || last) return { first, last };
      } catch {
        // unreadable: try the next store
      }
    }
    return {};
  };
  const write = (value: string | null) =>
    stores.forEach((store, index) => {
      if (held[index] !== value) store.set(ATTRIBUTION_STORAGE_KEY, (held[index] = value), retention / 1000);
    });
  const save = () => consented && write(JSON.stringify(state));
  // A link from the page's own host is no new source; from another host, the site code says (the
  // site's own hosts: its registrable domain, its ignore list, a cookie's domain).
  const isOtherSite = (page: URL) => (host: string) => host !== page.hostname && (!code || code.isOtherSite(host, ownHosts, consented));
  state = load(now);
  // A store that cannot be read back holds what this page loaded: it hears of changes only.
  stores.forEach((store, index) => store.writeOnly && (held[index] = JSON.stringify(state)));

  return {
    capture(view) {
      const touch = touchFromPage(view, isOtherSite(view.url));
      const oldest = view.now - retention;
      const current = (touchOrNot: Touch | undefined) => (isCurrent(touchOrNot, oldest) ? touchOrNot : undefined);
      const first = current(state.first) ?? touch;
      const kept = current(state.last);
      const last = isNewSource(touch) ? touch : kept;
      state = { first, last };
      save();
    },
    attribution: () => state,
    settled: (task) => task(),
    setConsent(granted) {
      consented = granted;
      if (granted) save();
      else write(null);
    },
  };
}
