import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { CLICK_ID_KEYS } from '../../shared/constants.ts';
import { TouchSchema } from '../../shared/lead.ts';
import { isNewSource, touchFromPage } from '../../widget/attribution/touch.ts';

const now = 1_700_000_000_000;
const view = (url: string, referrer = '') => ({ url: new URL(url), referrer, now });
// The site here is shop.example.com alone; the tracker's tests cover how it finds the site's hosts.
const otherThanShop = (host: string) => host !== 'shop.example.com';
const touchOf = (url: string, referrer = '') => touchFromPage(view(url, referrer), otherThanShop);

describe('touchFromPage', () => {
  it('records UTM parameters, click ids and the landing page of a campaign visit', () => {
    const touch = touchOf('https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&fbclid=F1&x=1#top');
    expect(touch).toEqual({
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'spring',
      utm_term: 'villa',
      gclid: 'Cj0K',
      fbclid: 'F1',
      landing_page: 'https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&fbclid=F1&x=1',
      captured_at: now,
    });
    expect(isNewSource(touch)).toBe(true);
  });

  it('takes every click id the widget knows', () => {
    const ids = [...CLICK_ID_KEYS];
    expect(ids).toEqual(expect.arrayContaining(['gad_source', 'gclsrc', 'dclid', 'twclid', 'epik', 'sccid', 'rdt_cid', 'yclid', 'irclickid']));
    const touch = touchOf(`https://shop.example.com/?${ids.map((id) => `${id}=v_${id}`).join('&')}`);
    for (const id of ids) expect(touch[id as 'gclid']).toBe(`v_${id}`);
  });

  it('counts an external referrer as a new source and ignores an internal one', () => {
    const external = touchOf('https://shop.example.com/', 'https://news.example.net/a');
    expect(external.referrer).toBe('https://news.example.net/a');
    expect(isNewSource(external)).toBe(true);
    const internal = touchOf('https://shop.example.com/b', 'https://shop.example.com/a');
    expect(internal).toEqual({ landing_page: 'https://shop.example.com/b', captured_at: now });
    expect(isNewSource(internal)).toBe(false);
  });

  it('is no new source for a direct visit, and skips empty parameters', () => {
    expect(isNewSource(touchOf('https://shop.example.com/?utm_source=&q=1'))).toBe(false);
  });

  it('bounds long values', () => {
    expect(touchOf(`https://shop.example.com/?utm_term=${'x'.repeat(3000)}`).utm_term).toHaveLength(2000);
  });

  it('matches keys in any case, decodes and trims values, and keeps the first of a key', () => {
    const touch = touchOf('https://shop.example.com/?UTM_Source=Google%20Ads&Utm_Medium=+cpc+&utm_campaign=spring%2Fsale&ScCid=S-1&utm_source=later&GCLID=%20G-2');
    expect(touch).toMatchObject({ utm_source: 'Google Ads', utm_medium: 'cpc', utm_campaign: 'spring/sale', sccid: 'S-1', gclid: 'G-2' });
    // The landing page keeps the URL as typed, for the edge and for people reading the lead.
    expect(touch.landing_page).toContain('UTM_Source=Google%20Ads');
  });

  it('records every click id the shared lead schema accepts', () => {
    const touch = touchOf(`https://shop.example.com/?${CLICK_ID_KEYS.map((id) => `${id.toUpperCase()}=v`).join('&')}`);
    const parsed = v.parse(TouchSchema, touch);
    for (const id of CLICK_ID_KEYS) expect(parsed[id]).toBe('v');
  });

  it('leaves out a referrer the site says is its own or ignored', () => {
    const touch = touchFromPage(view('https://shop.example.com/', 'https://checkout.stripe.com/pay/x'), (host) => host !== 'checkout.stripe.com');
    expect(touch).toEqual({ landing_page: 'https://shop.example.com/', captured_at: now });
    expect(isNewSource(touch)).toBe(false);
  });
});
