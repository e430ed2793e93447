// The consent adapter's two sources, against stand-ins of a page's consent tools.
import { beforeEach, describe, expect, it } from 'vitest';
import { followConsentMode } from '../../../widget/consent/consent-mode.ts';
import { followTcf } from '../../../widget/consent/tcf.ts';

const host = window as unknown as { dataLayer?: unknown[]; __tcfapi?: unknown };
beforeEach(() => {
  delete host.dataLayer;
  delete host.__tcfapi;
});

/** What the gtag snippet defines: every call pushes its `arguments` onto the dataLayer. */
function gtag(..._args: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  (host.dataLayer ??= []).push(arguments);
}

describe('Google Consent Mode v2', () => {
  it('reads a default set before it loaded and follows every update', () => {
    gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' });
    const decisions: boolean[] = [];
    followConsentMode(['analytics_storage', 'ad_storage'], (granted) => decisions.push(granted));
    gtag('consent', 'update', { analytics_storage: 'granted' });
    gtag('consent', 'update', { ad_storage: 'granted' });
    gtag('event', 'page_view');
    gtag('consent', 'update', { analytics_storage: 'denied' });
    expect(decisions).toEqual([false, false, true, false]);
  });

  it('waits until every storage type it needs has a state', () => {
    const decisions: boolean[] = [];
    followConsentMode(['analytics_storage', 'ad_storage'], (granted) => decisions.push(granted));
    gtag('consent', 'default', { analytics_storage: 'granted' });
    expect(decisions).toEqual([]);
    gtag('consent', 'update', { ad_storage: 'granted' });
    expect(decisions).toEqual([true]);
  });

  it('still sees the pushes after gtag.js replaces dataLayer.push with its own', () => {
    const decisions: boolean[] = [];
    followConsentMode(['analytics_storage'], (granted) => decisions.push(granted));
    const layer = host.dataLayer as unknown[];
    const seenByGtag: unknown[] = [];
    const previous = layer.push;
    layer.push = function (...entries: unknown[]) {
      seenByGtag.push(...entries);
      return previous.apply(this, entries);
    };
    gtag('consent', 'update', { analytics_storage: 'granted' });
    expect(decisions).toEqual([true]);
    expect(seenByGtag).toHaveLength(1);
    expect(layer).toHaveLength(1); // stored once, though both pushes ran
  });
});

describe('IAB TCF v2', () => {
  /** A CMP stand-in that answers addEventListener with each of `events` in turn. */
  function cmp(...events: Array<{ eventStatus: string; gdprApplies?: boolean; consents?: Record<string, boolean> }>) {
    host.__tcfapi = (command: string, version: number, callback: (data: unknown, success: boolean) => void) => {
      expect([command, version]).toEqual(['addEventListener', 2]);
      for (const { consents, ...event } of events) callback({ gdprApplies: true, ...event, purpose: { consents: consents ?? {} } }, true);
    };
  }

  it('grants with consent to Purpose 1, withdraws without, and ignores the dialog being shown', () => {
    cmp({ eventStatus: 'cmpuishown' }, { eventStatus: 'useractioncomplete', consents: { '1': true } }, { eventStatus: 'useractioncomplete', consents: { '1': false, '7': true } });
    const decisions: boolean[] = [];
    expect(followTcf((granted) => decisions.push(granted))).toBe(true);
    expect(decisions).toEqual([true, false]);
  });

  it('grants where GDPR does not apply, and says so when the page has no CMP', () => {
    cmp({ eventStatus: 'tcloaded', gdprApplies: false });
    const decisions: boolean[] = [];
    followTcf((granted) => decisions.push(granted));
    expect(decisions).toEqual([true]);
    delete host.__tcfapi;
    expect(followTcf(() => undefined)).toBe(false);
  });
});
