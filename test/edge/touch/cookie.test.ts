// The touch cookie's pure parts: sealing within a cookie's size, merging, the mode's settings.
import { describe, expect, it } from 'vitest';
import { openTouches, sealTouches } from '../../../edge/touch/cookie.ts';
import { mergeTouches } from '../../../edge/touch/merge.ts';
import { touchCookieSettings } from '../../../edge/touch/settings.ts';

const SECRET = 'unit-test-secret';

describe('sealTouches', () => {
  it('opens what it sealed, and only under the same secret', async () => {
    const kept = { first: { utm_source: 'google', captured_at: 1 }, last: { gclid: 'G-1', captured_at: 2 } };
    const sealed = (await sealTouches(kept, SECRET)) ?? '';
    expect(await openTouches(sealed, SECRET)).toEqual(kept);
    expect(await openTouches(sealed, 'another-secret')).toBeUndefined();
  });

  it('fits a browser cookie: long values are shortened, then referrer and landing page left out', async () => {
    const long = 'x'.repeat(2000);
    const touch = { utm_source: long, utm_campaign: long, utm_term: long, utm_content: long, referrer: `https://a.example/${long}`, landing_page: `https://b.example/${long}`, captured_at: 1 };
    const sealed = (await sealTouches({ first: touch, last: touch }, SECRET)) ?? '';
    expect(sealed.length).toBeLessThanOrEqual(3800);
    const opened = await openTouches(sealed, SECRET);
    expect(opened?.first?.utm_source).toBe('x'.repeat(300));
    expect(opened?.first?.captured_at).toBe(1);
  });
});

describe('mergeTouches', () => {
  const old = { utm_campaign: 'old', captured_at: 100 };
  const recent = { utm_campaign: 'recent', captured_at: 200 };
  it('keeps the older first touch and the newer last touch', () => {
    expect(mergeTouches({ first: recent, last: old }, { first: old, last: recent }, 0)).toEqual({ first: old, last: recent });
    expect(mergeTouches({ first: old }, { first: recent, last: recent }, 0)).toEqual({ first: old, last: recent });
  });
  it('drops kept touches older than retention', () => {
    expect(mergeTouches({ first: recent }, { first: old, last: old }, 150)).toEqual({ first: recent });
  });
});

describe('touchCookieSettings', () => {
  it('is off without the secret, and reads the lifetime and path', () => {
    expect(touchCookieSettings({})).toBeUndefined();
    expect(touchCookieSettings({ TOUCH_COOKIE_SECRET: 's' })).toEqual({ secret: 's', maxAgeSeconds: 90 * 86_400, path: '/' });
    expect(touchCookieSettings({ TOUCH_COOKIE_SECRET: 's', TOUCH_COOKIE_DAYS: '30', BASE_PATH: '/lr' })).toEqual({ secret: 's', maxAgeSeconds: 30 * 86_400, path: '/lr' });
  });
});
