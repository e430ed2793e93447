// The script tags fetch site.js only for page views that need it: the touch is still decided right
// once it arrives, a submit made before then waits for that decision, and nothing is stored
// without consent.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attribution } from '../../shared/lead.ts';
import { subdomainCookie } from '../../widget/attribution/cookie.ts';
import { siteCode } from '../../widget/attribution/site-code.ts';
import { captureWith, type CaptureOptions } from '../../widget/capture.ts';
import { englishUnsent, lazyCapture } from '../../widget/capture-lazy.ts';
import { ATTRIBUTION_STORAGE_KEY } from '../../widget/constants.ts';
import type { SiteChunk } from '../../widget/entries/site.ts';
import { attributionCommand, trackScriptTagPage, type ScriptTagOptions } from '../../widget/page.ts';
import type { scriptLoader } from '../../widget/script-loader.ts';
import { fakeFetch } from '../support/fake-fetch.ts';

const T0 = Date.now() - 60_000;
const SITE_CHUNK: SiteChunk = { ...siteCode, subdomainCookie };
const CROSS_SITE_WORKER = 'https://leadrelay.example.workers.dev';
const spring = { utm_source: 'google', utm_campaign: 'spring', landing_page: 'https://www.example.com/?utm_source=google&utm_campaign=spring', captured_at: T0 };

/** site.js as the script tags load it, arriving (or failing) when the test says so. */
function siteLoader() {
  let arrive!: () => void;
  let fail!: () => void;
  const chunk = new Promise<SiteChunk>((resolve, reject) => {
    arrive = () => resolve(SITE_CHUNK);
    fail = () => reject(new Error('site.js could not be loaded'));
  });
  const load = vi.fn((_name: string, _global: string) => chunk) as unknown as ReturnType<typeof scriptLoader> & ReturnType<typeof vi.fn>;
  return { load, arrive, fail };
}

/** This page view came from `referrer` (document.referrer is read-only in a browser). */
const arriveFrom = (referrer: string) => Object.defineProperty(document, 'referrer', { configurable: true, get: () => referrer });
const storeEarlierVisit = (touch = spring) => localStorage.setItem(ATTRIBUTION_STORAGE_KEY, JSON.stringify({ first: touch, last: touch }));
const settledAttribution = (tracker: ReturnType<typeof trackScriptTagPage>) => new Promise<Attribution>((resolve) => tracker.settled(() => resolve(tracker.attribution())));
const options = (extra: Partial<ScriptTagOptions> = {}): ScriptTagOptions => ({ endpoint: CROSS_SITE_WORKER, ...extra });

beforeAll(() => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://www.example.com/thanks'));
beforeEach(() => {
  localStorage.clear();
  arriveFrom('');
});
afterEach(() => vi.restoreAllMocks());

describe('a page view that needs no site code', () => {
  it('is recorded at once, and site.js is never fetched', () => {
    storeEarlierVisit();
    arriveFrom('https://www.example.com/');
    const site = siteLoader();
    const tracker = trackScriptTagPage(options(), site.load);
    expect(tracker.attribution().last?.utm_campaign).toBe('spring');
    const seen = vi.fn();
    tracker.settled(seen);
    expect(seen).toHaveBeenCalledTimes(1); // nothing waits
    expect(site.load).not.toHaveBeenCalled();
  });
});

describe('a first page view from another host', () => {
  it('waits for site.js, then a link from another subdomain of the site keeps the campaign', async () => {
    storeEarlierVisit();
    arriveFrom('https://shop.example.com/cart');
    const site = siteLoader();
    const tracker = trackScriptTagPage(options(), site.load);
    expect(site.load).toHaveBeenCalledWith('site', 'leadrelaySite');
    const seen = vi.fn();
    tracker.settled(seen);
    expect(seen).not.toHaveBeenCalled(); // the decision waits for the site code
    site.arrive();
    expect((await settledAttribution(tracker)).last).toEqual(spring);
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('classifies a link from another site, or from a payment host, once site.js has arrived', async () => {
    storeEarlierVisit();
    arriveFrom('https://news.example.net/story');
    const fromNews = siteLoader();
    const news = trackScriptTagPage(options(), fromNews.load);
    fromNews.arrive();
    expect((await settledAttribution(news)).last).toMatchObject({ referrer: 'https://news.example.net/story', landing_page: 'https://www.example.com/thanks' });

    storeEarlierVisit();
    arriveFrom('https://checkout.stripe.com/c/pay/cs_live_1');
    const fromStripe = siteLoader();
    const stripe = trackScriptTagPage(options(), fromStripe.load);
    fromStripe.arrive();
    expect((await settledAttribution(stripe)).last).toEqual(spring);
  });

  it('answers leadrelay("attribution") with the decided touch, not the one before it', async () => {
    storeEarlierVisit();
    arriveFrom('https://news.example.net/story');
    const site = siteLoader();
    const callback = vi.fn();
    attributionCommand(trackScriptTagPage(options(), site.load))(callback);
    expect(callback).not.toHaveBeenCalled();
    site.arrive();
    await vi.waitFor(() => expect(callback).toHaveBeenCalledTimes(1));
    expect(callback.mock.calls[0]?.[0].last.referrer).toBe('https://news.example.net/story');
  });

  it('counts as another site when site.js cannot load (offline), and the page still records it', async () => {
    storeEarlierVisit();
    arriveFrom('https://checkout.stripe.com/');
    const site = siteLoader();
    const tracker = trackScriptTagPage(options(), site.load);
    site.fail();
    expect((await settledAttribution(tracker)).last?.referrer).toBe('https://checkout.stripe.com/');
    expect(JSON.parse(localStorage.getItem(ATTRIBUTION_STORAGE_KEY) ?? '{}').first).toEqual(spring);
  });
});

describe('a submit made before site.js arrives', () => {
  const lead = (send: typeof fetch, load: ReturnType<typeof scriptLoader>): ReturnType<typeof lazyCapture> => {
    const settings: CaptureOptions = { endpoint: CROSS_SITE_WORKER, fetch: send, retryDelaysMs: [0, 0] };
    return lazyCapture(trackScriptTagPage(settings, load), settings, async () => captureWith, englishUnsent);
  };

  it('waits for the touch decision, and the lead carries the campaign a return from Stripe keeps', async () => {
    storeEarlierVisit();
    arriveFrom('https://checkout.stripe.com/c/pay/cs_live_1');
    const site = siteLoader();
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'pending' } });
    const outcome = lead(network.send, site.load).submit('shop', { name: 'Asha', phone: '+91 98765 43210' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(network.calls).toHaveLength(0); // held until the touch is decided
    site.arrive();
    expect(await outcome).toMatchObject({ kind: 'accepted' });
    const attribution = network.calls[0]?.body['attribution'] as Attribution;
    expect(attribution.last).toEqual(spring);
    expect(attribution.last).not.toHaveProperty('referrer');
  });

  it('carries a new referral touch when the link came from another site', async () => {
    arriveFrom('https://news.example.net/story');
    const site = siteLoader();
    const network = fakeFetch({ status: 202, body: { id: 'lead-2', status: 'pending' } });
    const outcome = lead(network.send, site.load).submit('shop', { name: 'Asha', phone: '+91 98765 43210' });
    site.arrive();
    await outcome;
    expect((network.calls[0]?.body['attribution'] as Attribution).first?.referrer).toBe('https://news.example.net/story');
  });
});

describe('other page views that need site.js', () => {
  it('data-cookie-domain: the cookie comes with site.js and is read first', async () => {
    document.cookie = `${ATTRIBUTION_STORAGE_KEY}=${encodeURIComponent(JSON.stringify({ first: spring, last: spring }))};domain=example.com;path=/`;
    const site = siteLoader();
    const tracker = trackScriptTagPage(options({ cookieDomain: '.example.com' }), site.load);
    expect(site.load).toHaveBeenCalledTimes(1);
    site.arrive();
    expect((await settledAttribution(tracker)).first).toEqual(spring);
    document.cookie = `${ATTRIBUTION_STORAGE_KEY}=;domain=example.com;path=/;max-age=0`;
  });

  it('goes on without site.js when it brings nothing (a file that registers no code), cookie domain and all', async () => {
    storeEarlierVisit();
    arriveFrom('https://news.example.net/story');
    const load = vi.fn(async () => undefined) as unknown as ReturnType<typeof scriptLoader>;
    const tracker = trackScriptTagPage(options({ cookieDomain: '.example.com' }), load);
    expect((await settledAttribution(tracker)).last?.referrer).toBe('https://news.example.net/story');
  });

  it('a Worker that may be on this site: fetched, and its touch goes to the Worker', async () => {
    const send = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 204 }));
    const site = siteLoader();
    history.replaceState(null, '', '/?utm_source=google&utm_campaign=spring');
    localStorage.clear(); // what the trackers of the tests before heard of this URL change
    const tracker = trackScriptTagPage(options({ endpoint: 'https://leads.example.com' }), site.load);
    expect(site.load).toHaveBeenCalledTimes(1);
    site.arrive();
    await settledAttribution(tracker);
    expect(send).toHaveBeenCalledWith('https://leads.example.com/v1/touch', expect.objectContaining({ method: 'POST', credentials: 'include' }));
    history.replaceState(null, '', '/thanks');
  });

  it('applies consent given or withdrawn while site.js is on its way after the page view, in call order', async () => {
    arriveFrom('https://news.example.net/story');
    const granting = siteLoader();
    const granted = trackScriptTagPage(options({ consentRequired: true }), granting.load);
    granted.setConsent(true);
    expect(localStorage.length).toBe(0);
    granting.arrive();
    await settledAttribution(granted);
    expect(JSON.parse(localStorage.getItem(ATTRIBUTION_STORAGE_KEY) ?? '{}').first.referrer).toBe('https://news.example.net/story');

    localStorage.clear();
    const withdrawing = siteLoader();
    const withdrawn = trackScriptTagPage(options(), withdrawing.load);
    withdrawn.setConsent(false);
    withdrawing.arrive();
    expect((await settledAttribution(withdrawn)).first?.referrer).toBe('https://news.example.net/story'); // this page still has it
    expect(localStorage.length).toBe(0);
  });

  it('runs every call after a task that throws while waiting', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    arriveFrom('https://news.example.net/story');
    const site = siteLoader();
    const tracker = trackScriptTagPage(options(), site.load);
    tracker.settled(() => {
      throw new Error('a page callback failed');
    });
    site.arrive();
    expect((await settledAttribution(tracker)).first?.referrer).toBe('https://news.example.net/story');
    expect(errors).toHaveBeenCalledWith('[leadrelay]', expect.any(Error));
  });

  it('with consent required, stores nothing and probes no cookie once site.js is there', async () => {
    const cookies = vi.spyOn(document, 'cookie', 'set');
    arriveFrom('https://shop.example.com/');
    const site = siteLoader();
    const tracker = trackScriptTagPage(options({ consentRequired: true }), site.load);
    site.arrive();
    expect((await settledAttribution(tracker)).first?.referrer).toBe('https://shop.example.com/'); // the registrable domain is unknown without the probe
    expect(cookies).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
  });
});
