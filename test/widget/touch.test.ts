import { describe, expect, it } from 'vitest';
import { touchFromPage } from '../../widget/attribution/touch.ts';

const now = 1_700_000_000_000;
const view = (url: string, referrer = '') => ({ url: new URL(url), referrer, now });

describe('touchFromPage', () => {
  it('records UTM parameters, click ids and the landing page of a campaign visit', () => {
    expect(touchFromPage(view('https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&fbclid=F1&x=1#top'))).toEqual({
      isNewSource: true,
      touch: {
        utm_source: 'google',
        utm_medium: 'cpc',
        utm_campaign: 'spring',
        utm_term: 'villa',
        gclid: 'Cj0K',
        fbclid: 'F1',
        landing_page: 'https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&fbclid=F1&x=1',
        captured_at: now,
      },
    });
  });

  it('takes every click id the widget knows', () => {
    const ids = ['gclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id'];
    const { touch } = touchFromPage(view(`https://shop.example.com/?${ids.map((id) => `${id}=v_${id}`).join('&')}`));
    for (const id of ids) expect(touch[id as 'gclid']).toBe(`v_${id}`);
  });

  it('counts an external referrer as a new source and ignores an internal one', () => {
    expect(touchFromPage(view('https://shop.example.com/', 'https://news.example.net/a'))).toMatchObject({ isNewSource: true, touch: { referrer: 'https://news.example.net/a' } });
    const internal = touchFromPage(view('https://shop.example.com/b', 'https://shop.example.com/a'));
    expect(internal.isNewSource).toBe(false);
    expect(internal.touch).toEqual({ landing_page: 'https://shop.example.com/b', captured_at: now });
  });

  it('is no new source for a direct visit, and skips empty parameters', () => {
    expect(touchFromPage(view('https://shop.example.com/?utm_source=&q=1')).isNewSource).toBe(false);
  });

  it('bounds long values', () => {
    expect(touchFromPage(view(`https://shop.example.com/?utm_term=${'x'.repeat(3000)}`)).touch.utm_term).toHaveLength(2000);
  });
});
