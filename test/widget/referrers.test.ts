// No self-referrals: links from the site's own hosts and from payment and sign-in pages never
// start a new last touch; UTMs always do.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { subdomainCookie } from '../../widget/attribution/cookie.ts';
import { createTracker, type TrackerOptions } from '../../widget/attribution/tracker.ts';
import { scriptTagOptions } from '../../widget/page.ts';

const T0 = 1_700_000_000_000;
const LANDING = 'https://www.example.com/?utm_source=google&utm_campaign=spring';

beforeAll(() => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://www.example.com/'));
beforeEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

/** The last touch's campaign after landing from a campaign and then coming back from `referrer`. */
function lastCampaignAfter(referrer: string, options: TrackerOptions = {}): string | undefined {
  const tracker = createTracker(options, T0);
  tracker.capture({ url: new URL(LANDING), referrer: '', now: T0 });
  tracker.capture({ url: new URL('https://www.example.com/thanks'), referrer, now: T0 + 1000 });
  return tracker.attribution().last?.utm_campaign;
}

describe('referrers that are the site itself', () => {
  it('keeps the campaign on a link from another subdomain of the registrable domain', () => {
    expect(lastCampaignAfter('https://shop.example.com/cart')).toBe('spring');
    expect(lastCampaignAfter('https://example.com/')).toBe('spring');
  });

  it('treats a look-alike domain as another site', () => {
    expect(lastCampaignAfter('https://notexample.com/')).toBeUndefined();
    expect(lastCampaignAfter('https://example.com.evil.net/')).toBeUndefined();
  });

  it('finds the subdomains only with consent (the probe is a cookie), but always honours the cookie domain', () => {
    expect(lastCampaignAfter('https://shop.example.com/', { consentRequired: true })).toBeUndefined();
    expect(lastCampaignAfter('https://shop.example.com/', { consentRequired: true, cookie: subdomainCookie('.example.com') })).toBe('spring');
  });
});

describe('ignored referrers', () => {
  it('keeps the campaign on a return from a default payment or sign-in host and its subdomains', () => {
    expect(lastCampaignAfter('https://checkout.stripe.com/c/pay/cs_live_1')).toBe('spring');
    expect(lastCampaignAfter('https://www.paypal.com/checkoutnow')).toBe('spring');
    expect(lastCampaignAfter('https://accounts.google.com/o/oauth2')).toBe('spring');
  });

  it('adds the site\'s own list to the defaults', () => {
    expect(lastCampaignAfter('https://pay.example.net/done')).toBeUndefined();
    expect(lastCampaignAfter('https://pay.example.net/done', { ignoreReferrers: ['example.net'] })).toBe('spring');
    expect(lastCampaignAfter('https://checkout.stripe.com/', { ignoreReferrers: ['example.net'] })).toBe('spring');
  });

  it('still lets a link with UTMs from an ignored host start a new touch', () => {
    const tracker = createTracker({}, T0);
    tracker.capture({ url: new URL(LANDING), referrer: '', now: T0 });
    tracker.capture({ url: new URL('https://www.example.com/?utm_campaign=paypal-promo'), referrer: 'https://www.paypal.com/', now: T0 + 1 });
    expect(tracker.attribution().last).toEqual({ utm_campaign: 'paypal-promo', landing_page: 'https://www.example.com/?utm_campaign=paypal-promo', captured_at: T0 + 1 });
  });

  it('reads data-ignore-referrers from the script tag', () => {
    const script = document.createElement('script');
    script.dataset['ignoreReferrers'] = ' checkout.stripe.com , paypal.com,pay.example.net ';
    expect(scriptTagOptions(script).ignoreReferrers).toEqual(['checkout.stripe.com', 'paypal.com', 'pay.example.net']);
    expect(scriptTagOptions(document.createElement('script')).ignoreReferrers).toBeUndefined();
  });
});

describe('storage writes', () => {
  it('writes only when the attribution changed', () => {
    const setItem = vi.spyOn(localStorage, 'setItem');
    createTracker({}, T0).capture({ url: new URL(LANDING), referrer: '', now: T0 });
    expect(setItem).toHaveBeenCalledTimes(1);
    // The next page views: a page load with nothing new, an internal click, a return from Stripe.
    const next = createTracker({}, T0 + 1000);
    next.capture({ url: new URL('https://www.example.com/a'), referrer: '', now: T0 + 1000 });
    next.capture({ url: new URL('https://www.example.com/b'), referrer: 'https://www.example.com/a', now: T0 + 2000 });
    next.capture({ url: new URL('https://www.example.com/c'), referrer: 'https://checkout.stripe.com/', now: T0 + 3000 });
    expect(setItem).toHaveBeenCalledTimes(1);
    next.capture({ url: new URL('https://www.example.com/?utm_source=bing'), referrer: '', now: T0 + 4000 });
    expect(setItem).toHaveBeenCalledTimes(2);
  });

  it('writes again after consent is withdrawn and granted', () => {
    const tracker = createTracker({}, T0);
    tracker.capture({ url: new URL(LANDING), referrer: '', now: T0 });
    tracker.setConsent(false);
    expect(localStorage.length).toBe(0);
    tracker.setConsent(true);
    expect(JSON.parse(localStorage.getItem('leadrelay_attribution') ?? '{}').first.utm_campaign).toBe('spring');
  });
});
