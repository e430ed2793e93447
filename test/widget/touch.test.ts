import { describe, expect, it } from 'vitest';
import { isNewSource, touchFromPage } from '../../widget/attribution/touch.ts';

const now = 1_700_000_000_000;
const view = (url: string, referrer = '') => ({ url: new URL(url), referrer, now });

describe('touchFromPage', () => {
  it('records UTM parameters, click ids and the landing page of a campaign visit', () => {
    const touch = touchFromPage(view('https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&fbclid=F1&x=1#top'));
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
    const ids = ['gclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id'];
    const touch = touchFromPage(view(`https://shop.example.com/?${ids.map((id) => `${id}=v_${id}`).join('&')}`));
    for (const id of ids) expect(touch[id as 'gclid']).toBe(`v_${id}`);
  });

  it('counts an external referrer as a new source and ignores an internal one', () => {
    const external = touchFromPage(view('https://shop.example.com/', 'https://news.example.net/a'));
    expect(external.referrer).toBe('https://news.example.net/a');
    expect(isNewSource(external)).toBe(true);
    const internal = touchFromPage(view('https://shop.example.com/b', 'https://shop.example.com/a'));
    expect(internal).toEqual({ landing_page: 'https://shop.example.com/b', captured_at: now });
    expect(isNewSource(internal)).toBe(false);
  });

  it('is no new source for a direct visit, and skips empty parameters', () => {
    expect(isNewSource(touchFromPage(view('https://shop.example.com/?utm_source=&q=1')))).toBe(false);
  });

  it('bounds long values', () => {
    expect(touchFromPage(view(`https://shop.example.com/?utm_term=${'x'.repeat(3000)}`)).utm_term).toHaveLength(2000);
  });
});
