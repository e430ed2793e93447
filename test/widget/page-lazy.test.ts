// attribution.js fetches its tracker (touch.js) only for a page view that may change the stored
// attribution, a page with hidden inputs to fill, or a command: the touch is recorded once it
// arrives, in call order, with the consent given by then; every other page view runs nothing.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attribution } from '../../shared/lead.ts';
import { ATTRIBUTION_STORAGE_KEY, TOUCH_GLOBAL } from '../../widget/constants.ts';
import '../../widget/entries/touch.ts';
import type { TouchChunk } from '../../widget/entries/touch.ts';
import type { ScriptTagOptions } from '../../widget/page.ts';
import { lazyScriptTagPage } from '../../widget/page-lazy.ts';
import type { scriptLoader } from '../../widget/script-loader.ts';

// Each page watches the History API: a test's pages must not hear the next test's URL changes.
const { pushState, replaceState } = history;
const touchJs = (window as unknown as Record<string, TouchChunk>)[TOUCH_GLOBAL]!;
const CROSS_SITE_WORKER = 'https://leadrelay.example.workers.dev';
const T0 = Date.now() - 60_000;
const spring = { utm_source: 'google', utm_campaign: 'spring', landing_page: 'https://www.example.com/?utm_source=google&utm_campaign=spring', captured_at: T0 };

/** touch.js as attribution.js loads it, arriving (or failing) when the test says so. */
function touchLoader() {
  const attempts: Array<{ arrive: () => void; fail: () => void }> = [];
  const load = vi.fn(
    () =>
      new Promise<TouchChunk>((resolve, reject) => {
        attempts.push({ arrive: () => resolve(touchJs), fail: () => reject(new Error('touch.js could not be loaded')) });
      }),
  );
  const arrive = async () => {
    attempts.at(-1)!.arrive();
    await new Promise((resolve) => setTimeout(resolve)); // the calls queued for it run
  };
  const fail = async () => {
    attempts.at(-1)!.fail();
    await new Promise((resolve) => setTimeout(resolve));
  };
  return { load: load as unknown as ReturnType<typeof scriptLoader> & typeof load, arrive, fail };
}

const arriveFrom = (referrer: string) => Object.defineProperty(document, 'referrer', { configurable: true, get: () => referrer });
const storeEarlierVisit = (touch: Record<string, unknown> = spring) => localStorage.setItem(ATTRIBUTION_STORAGE_KEY, JSON.stringify({ first: touch, last: touch }));
const stored = () => JSON.parse(localStorage.getItem(ATTRIBUTION_STORAGE_KEY) ?? 'null') as Attribution | null;
const options = (extra: Partial<ScriptTagOptions> = {}): ScriptTagOptions => ({ endpoint: CROSS_SITE_WORKER, ...extra });
const answer = (page: ReturnType<typeof lazyScriptTagPage>) => new Promise<Attribution>((resolve) => page.attribution(resolve));

beforeAll(() => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://www.example.com/villas'));
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
  arriveFrom('');
});
afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(history, { pushState, replaceState });
  history.replaceState(null, '', '/villas');
});

describe('a click inside the site, with current touches stored', () => {
  it('fetches nothing and writes nothing; a command fetches touch.js and answers what is stored', async () => {
    storeEarlierVisit();
    arriveFrom('https://www.example.com/');
    const writes = vi.spyOn(Storage.prototype, 'setItem');
    const touch = touchLoader();
    const page = lazyScriptTagPage(options(), touch.load);
    expect(touch.load).not.toHaveBeenCalled();
    const answered = answer(page);
    expect(touch.load).toHaveBeenCalledWith('touch', TOUCH_GLOBAL);
    await touch.arrive();
    expect((await answered).last).toEqual(spring);
    expect(writes).not.toHaveBeenCalled();
  });

  it('fetches touch.js when the page has hidden inputs, and fills them once it arrives', async () => {
    storeEarlierVisit();
    document.body.innerHTML = '<form action="/elsewhere"><input type="hidden" name="utm_campaign"><input type="hidden" name="first_landing_page"></form>';
    const touch = touchLoader();
    lazyScriptTagPage(options(), touch.load);
    expect(touch.load).toHaveBeenCalledTimes(1);
    await touch.arrive();
    const value = (name: string) => (document.querySelector(`[name=${name}]`) as HTMLInputElement).value;
    expect([value('utm_campaign'), value('first_landing_page')]).toEqual(['spring', spring.landing_page]);
  });
});

describe('page views that may change the stored attribution', () => {
  it('a landing page with campaign parameters: touch.js records its touch, and fills the hidden inputs with it', async () => {
    storeEarlierVisit();
    history.replaceState(null, '', '/villas?UTM_Source=newsletter&gclid=G1');
    document.body.innerHTML = '<input type="hidden" name="utm_source"><input type="hidden" name="first_utm_source">';
    const touch = touchLoader();
    const page = lazyScriptTagPage(options(), touch.load);
    expect(stored()?.last).toEqual(spring); // not yet
    await touch.arrive();
    expect(stored()?.last).toMatchObject({ utm_source: 'newsletter', gclid: 'G1' });
    expect(stored()?.first).toEqual(spring);
    expect((document.querySelector('[name=utm_source]') as HTMLInputElement).value).toBe('newsletter');
    expect((document.querySelector('[name=first_utm_source]') as HTMLInputElement).value).toBe('google');
    expect((await answer(page)).last?.utm_source).toBe('newsletter');
  });

  it('a first visit, a referrer of another host, an expired touch, a shared cookie: each fetches touch.js', () => {
    const fetched = (setUp: () => Partial<ScriptTagOptions> | void) => {
      localStorage.clear();
      arriveFrom('');
      const extra = setUp() ?? {};
      const touch = touchLoader();
      lazyScriptTagPage(options(extra), touch.load);
      return touch.load.mock.calls.length;
    };
    expect(fetched(() => undefined)).toBe(1); // nothing stored: the first touch is this page view
    expect(
      fetched(() => {
        storeEarlierVisit();
        arriveFrom('https://news.example.net/story');
      }),
    ).toBe(1);
    expect(fetched(() => storeEarlierVisit({ ...spring, captured_at: T0 - 91 * 86_400_000 }))).toBe(1);
    expect(fetched(() => (storeEarlierVisit(), { retentionDays: 0.0001 }))).toBe(1); // older than this site's retention
    expect(fetched(() => (storeEarlierVisit(), { cookieDomain: '.example.com' }))).toBe(1);
    expect(fetched(() => void storeEarlierVisit())).toBe(0);
  });

  it('an SPA navigation to a campaign URL fetches touch.js; the route it came from is no referrer', async () => {
    storeEarlierVisit();
    const touch = touchLoader();
    lazyScriptTagPage(options(), touch.load);
    history.pushState(null, '', '/pricing');
    expect(touch.load).not.toHaveBeenCalled();
    history.pushState(null, '', '/offer?utm_source=partner');
    expect(touch.load).toHaveBeenCalledTimes(1);
    await touch.arrive();
    history.pushState(null, '', '/contact'); // touch.js is here: later views go to it at once
    expect(stored()?.last).toEqual({ utm_source: 'partner', landing_page: 'https://www.example.com/offer?utm_source=partner', captured_at: expect.any(Number) });
  });

  it('without touch.js (offline) nothing is recorded and a command answers no attribution; the next need tries again', async () => {
    history.replaceState(null, '', '/villas?utm_source=google');
    const touch = touchLoader();
    const page = lazyScriptTagPage(options(), touch.load);
    await touch.fail();
    expect(stored()).toBeNull();
    const answered = answer(page);
    expect(touch.load).toHaveBeenCalledTimes(2);
    await touch.fail();
    expect(await answered).toEqual({});
    history.pushState(null, '', '/offer?utm_source=partner');
    await touch.arrive();
    expect(stored()?.first?.utm_source).toBe('partner');
  });
});

describe('consent', () => {
  it('given before touch.js is needed: nothing to write then, and touch.js stores the next touch', async () => {
    storeEarlierVisit();
    const touch = touchLoader();
    const page = lazyScriptTagPage(options({ consentRequired: true }), touch.load);
    page.setConsent(true);
    expect(touch.load).not.toHaveBeenCalled();
    history.pushState(null, '', '/offer?utm_source=partner');
    await touch.arrive();
    expect(stored()?.last?.utm_source).toBe('partner');
  });

  it('required and not given: touch.js records the touch for this page only', async () => {
    history.replaceState(null, '', '/villas?utm_source=google');
    const touch = touchLoader();
    const page = lazyScriptTagPage(options({ consentRequired: true }), touch.load);
    await touch.arrive();
    expect(localStorage.length).toBe(0);
    expect((await answer(page)).first?.utm_source).toBe('google');
  });

  it('withdrawn before touch.js was needed: it is fetched to erase what is stored', async () => {
    storeEarlierVisit();
    const touch = touchLoader();
    const page = lazyScriptTagPage(options(), touch.load);
    page.setConsent(false);
    expect(touch.load).toHaveBeenCalledTimes(1);
    await touch.arrive();
    expect(localStorage.getItem(ATTRIBUTION_STORAGE_KEY)).toBeNull();
    history.pushState(null, '', '/offer?utm_source=partner');
    await new Promise((resolve) => setTimeout(resolve));
    expect(localStorage.getItem(ATTRIBUTION_STORAGE_KEY)).toBeNull();
  });
});
