import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillHiddenInputs } from '../../widget/attribution/hidden-inputs.ts';
import { trackPage } from '../../widget/page.ts';

beforeEach(() => localStorage.clear());
afterEach(() => history.replaceState(null, '', '/'));

describe('hidden inputs of forms that post elsewhere', () => {
  it('fills empty inputs named after attribution keys, first touch under first_', () => {
    document.body.innerHTML = `<form action="/elsewhere">
      <input type="hidden" name="utm_source"><input type="hidden" name="first_utm_source">
      <input type="hidden" name="gclid"><input type="hidden" name="utm_term" value="kept">
      <input type="hidden" name="landing_page"><input type="text" name="utm_medium"><input type="hidden" name="password">
    </form>`;
    fillHiddenInputs({
      first: { utm_source: 'facebook', captured_at: 1 },
      last: { utm_source: 'google', utm_term: 'villa', gclid: 'G1', landing_page: 'https://shop.example.com/?utm_source=google', utm_medium: 'cpc', captured_at: 2 },
    });
    const value = (name: string) => (document.querySelector(`[name=${name}]`) as HTMLInputElement).value;
    expect([value('utm_source'), value('first_utm_source'), value('gclid'), value('utm_term'), value('landing_page')]).toEqual([
      'google',
      'facebook',
      'G1',
      'kept',
      'https://shop.example.com/?utm_source=google',
    ]);
    expect(value('utm_medium')).toBe(''); // only hidden inputs
    expect(value('password')).toBe('');
  });
});

describe('single-page apps', () => {
  it('sees History API URL changes: a new campaign replaces last touch, an internal route does not', () => {
    history.replaceState(null, '', '/?utm_source=google');
    const tracker = trackPage({});
    history.pushState(null, '', '/pricing');
    expect(tracker.attribution().last?.utm_source).toBe('google');
    history.pushState(null, '', '/offer?utm_source=newsletter&utm_campaign=may');
    expect(tracker.attribution().last).toMatchObject({ utm_source: 'newsletter', utm_campaign: 'may' });
    expect(tracker.attribution().first?.utm_source).toBe('google');
    expect(tracker.attribution().last).not.toHaveProperty('referrer');
  });
});
