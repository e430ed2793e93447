import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker } from '../../widget/attribution/tracker.ts';
import { subdomainCookie } from '../../widget/attribution/cookie.ts';
import { ATTRIBUTION_STORAGE_KEY } from '../../widget/constants.ts';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;
const view = (url: string, now: number, referrer = '') => ({ url: new URL(url), referrer, now });
const stored = () => JSON.parse(localStorage.getItem(ATTRIBUTION_STORAGE_KEY) ?? 'null');

beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('first and last touch', () => {
  it('freezes first touch and replaces last touch whole on a new campaign', () => {
    createTracker({}, T0).capture(view('https://shop.example.com/a?utm_source=google&utm_campaign=spring&utm_term=villa', T0));
    // A later visit, on a new page load, from another campaign without utm_term.
    const tracker = createTracker({}, T0 + DAY);
    tracker.capture(view('https://shop.example.com/b?utm_source=facebook&utm_campaign=autumn', T0 + DAY));
    expect(tracker.attribution()).toEqual({
      first: { utm_source: 'google', utm_campaign: 'spring', utm_term: 'villa', landing_page: 'https://shop.example.com/a?utm_source=google&utm_campaign=spring&utm_term=villa', captured_at: T0 },
      last: { utm_source: 'facebook', utm_campaign: 'autumn', landing_page: 'https://shop.example.com/b?utm_source=facebook&utm_campaign=autumn', captured_at: T0 + DAY },
    });
  });

  it('keeps both touches across pages: a direct or internal visit changes nothing', () => {
    createTracker({}, T0).capture(view('https://shop.example.com/?utm_source=google', T0));
    const later = createTracker({}, T0 + 1000);
    later.capture(view('https://shop.example.com/contact', T0 + 1000, 'https://shop.example.com/'));
    later.capture(view('https://shop.example.com/about', T0 + 2000));
    expect(later.attribution().last?.utm_source).toBe('google');
    expect(later.attribution().first?.utm_source).toBe('google');
  });

  it('writes storage only when the attribution changed: a direct or internal page view writes nothing', () => {
    createTracker({}, T0).capture(view('https://shop.example.com/?utm_source=google', T0));
    const writes = vi.spyOn(localStorage, 'setItem');
    const later = createTracker({}, T0 + 1000);
    later.capture(view('https://shop.example.com/contact', T0 + 1000, 'https://shop.example.com/'));
    later.capture(view('https://shop.example.com/about', T0 + 2000));
    expect(writes).not.toHaveBeenCalled();
    later.capture(view('https://shop.example.com/?utm_source=facebook', T0 + 3000));
    expect(writes).toHaveBeenCalledTimes(1);
    expect(stored().last.utm_source).toBe('facebook');
  });

  it('lets an external referrer replace last touch', () => {
    const tracker = createTracker({}, T0);
    tracker.capture(view('https://shop.example.com/?utm_source=google', T0));
    tracker.capture(view('https://shop.example.com/', T0 + 5, 'https://news.example.net/story'));
    expect(tracker.attribution().last).toEqual({ referrer: 'https://news.example.net/story', landing_page: 'https://shop.example.com/', captured_at: T0 + 5 });
    expect(tracker.attribution().first?.utm_source).toBe('google');
  });

  it('records a direct first visit as first touch, with no last touch', () => {
    const tracker = createTracker({}, T0);
    tracker.capture(view('https://shop.example.com/', T0));
    expect(tracker.attribution()).toEqual({ first: { landing_page: 'https://shop.example.com/', captured_at: T0 }, last: undefined });
  });

  it('forgets touches older than the retention period', () => {
    createTracker({ retentionDays: 30 }, T0).capture(view('https://shop.example.com/?utm_source=google', T0));
    const tracker = createTracker({ retentionDays: 30 }, T0 + 31 * DAY);
    expect(tracker.attribution()).toEqual({});
    tracker.capture(view('https://shop.example.com/?utm_source=bing', T0 + 31 * DAY));
    expect(tracker.attribution().first?.utm_source).toBe('bing');
  });

  it('ignores what storage holds that it did not write', () => {
    localStorage.setItem(ATTRIBUTION_STORAGE_KEY, JSON.stringify({ first: { utm_source: 42, evil: 'x', captured_at: T0 }, last: 'nope' }));
    expect(createTracker({}, T0).attribution()).toEqual({ first: { captured_at: T0 }, last: undefined });
    localStorage.setItem(ATTRIBUTION_STORAGE_KEY, '{not json');
    expect(createTracker({}, T0).attribution()).toEqual({});
  });
});

describe('consent', () => {
  it('writes nothing before consent, yet the page still has its attribution', () => {
    const tracker = createTracker({ consentRequired: true }, T0);
    tracker.capture(view('https://shop.example.com/?utm_source=google', T0));
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    expect(tracker.attribution().last?.utm_source).toBe('google');
    tracker.setConsent(true);
    expect(stored().last.utm_source).toBe('google');
  });

  it('erases what it stored when consent is withdrawn', () => {
    const tracker = createTracker({}, T0);
    tracker.capture(view('https://shop.example.com/?utm_source=google', T0));
    tracker.setConsent(false);
    expect(localStorage.getItem(ATTRIBUTION_STORAGE_KEY)).toBeNull();
    tracker.capture(view('https://shop.example.com/?utm_source=bing', T0 + 1));
    expect(localStorage.getItem(ATTRIBUTION_STORAGE_KEY)).toBeNull();
  });
});

describe('storage that fails', () => {
  it('falls back to memory when localStorage throws on every access', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const tracker = createTracker({}, T0);
    expect(() => tracker.capture(view('https://shop.example.com/?utm_source=google', T0))).not.toThrow();
    expect(tracker.attribution().last?.utm_source).toBe('google');
  });

  it('falls back to memory when writes are refused (quota, private mode)', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const tracker = createTracker({}, T0);
    tracker.capture(view('https://shop.example.com/?utm_source=google', T0));
    expect(tracker.attribution().last?.utm_source).toBe('google');
  });
});

describe('cookie on a parent domain', () => {
  it('expires with the retention the tracker is given', () => {
    const writes: string[] = [];
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => void writes.push(value));
    createTracker({ cookie: subdomainCookie('.example.com'), retentionDays: 30 }, T0).capture(view('https://www.example.com/?utm_source=google', T0));
    expect(writes[0]).toContain(';max-age=2592000;');
  });

  it('shares attribution through a cookie that a tracker on another subdomain reads', () => {
    const writes: string[] = [];
    let jar = '';
    vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => {
      writes.push(value);
      jar = value.split(';')[0] ?? '';
    });
    vi.spyOn(document, 'cookie', 'get').mockImplementation(() => jar);
    createTracker({ cookie: subdomainCookie('.example.com') }, T0).capture(view('https://www.example.com/?utm_source=google', T0));
    expect(writes[0]).toMatch(/^leadrelay_attribution=.+;domain=\.example\.com;path=\/;max-age=7776000;SameSite=Lax$/);
    localStorage.clear(); // another subdomain has its own localStorage
    expect(createTracker({ cookie: subdomainCookie('.example.com') }, T0 + 1).attribution().first?.utm_source).toBe('google');
  });
});
