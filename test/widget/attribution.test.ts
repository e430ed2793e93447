import { describe, expect, it } from 'vitest';
import { currentAttribution, touchFromPage } from '../../widget/attribution.ts';

const NOW = 1_700_000_000_000;

describe('touchFromPage', () => {
  it('records UTM parameters, click ids and the landing page', () => {
    const url = new URL('https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&x=1#top');
    expect(touchFromPage(url, '', NOW)).toEqual({
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'spring',
      utm_term: 'villa',
      gclid: 'Cj0K',
      landing_page: 'https://shop.example.com/villas?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=Cj0K&x=1',
      captured_at: NOW,
    });
  });

  it('keeps an external referrer and ignores an internal one', () => {
    const url = new URL('https://shop.example.com/');
    expect(touchFromPage(url, 'https://news.example.net/article', NOW)).toMatchObject({ referrer: 'https://news.example.net/article' });
    expect(touchFromPage(url, 'https://shop.example.com/other', NOW)).toBeUndefined();
  });

  it('is undefined for a direct visit, and skips empty parameters', () => {
    expect(touchFromPage(new URL('https://shop.example.com/?utm_source=&q=1'), '', NOW)).toBeUndefined();
  });

  it('bounds long values', () => {
    const touch = touchFromPage(new URL(`https://shop.example.com/?utm_term=${'x'.repeat(3000)}`), '', NOW);
    expect(touch?.utm_term).toHaveLength(2000);
  });
});

describe('currentAttribution', () => {
  it('sends the page touch as first and last touch, or nothing for a direct visit', () => {
    const url = new URL('https://shop.example.com/?utm_source=google');
    expect(currentAttribution(url, '', NOW)).toEqual({
      first: { utm_source: 'google', landing_page: 'https://shop.example.com/?utm_source=google', captured_at: NOW },
      last: { utm_source: 'google', landing_page: 'https://shop.example.com/?utm_source=google', captured_at: NOW },
    });
    expect(currentAttribution(new URL('https://shop.example.com/'), '', NOW)).toEqual({});
  });
});
