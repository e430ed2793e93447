import { describe, expect, it } from 'vitest';
import type { Touch } from '../../../shared/lead.ts';
import { CHANNELS } from '../../../edge/attribution/channel-rules.ts';
import { channelFor, classifyTouch, DEFAULT_RULES, withChannels } from '../../../edge/attribution/channels.ts';

const LANDING = 'https://villas.example.com/offer';
const touch = (query: string, referrer?: string): Touch => ({
  landing_page: `${LANDING}${query ? `?${query}` : ''}`,
  captured_at: 1_795_839_209_983,
  ...(referrer ? { referrer } : {}),
});
const classify = (value: Touch) => classifyTouch(value, DEFAULT_RULES);

describe('GA4 channel rules on source, medium and campaign', () => {
  // One row per GA4 default channel group rule, in GA4's order.
  const rows: Array<[source: string, medium: string, campaign: string, channel: (typeof CHANNELS)[number]]> = [
    ['(direct)', '(none)', '', 'Direct'],
    ['(direct)', '(not set)', '', 'Direct'],
    ['google', 'cpc', 'pmax-cross-network-q4', 'Cross-network'],
    ['amazon', 'cpc', '', 'Paid Shopping'],
    ['newsletter', 'paid', 'summer-shopping', 'Paid Shopping'],
    ['google', 'cpc', 'spring', 'Paid Search'],
    ['bing', 'ppc', '', 'Paid Search'],
    ['duckduckgo', 'retargeting', '', 'Paid Search'],
    ['facebook', 'paid_social', '', 'Paid Social'],
    ['m.facebook.com', 'cpc', '', 'Paid Social'],
    ['youtube', 'cpv', '', 'Paid Video'],
    ['dv360', 'banner', '', 'Display'],
    ['partner', 'cpm', '', 'Display'],
    ['partner', 'cpa', '', 'Paid Other'],
    ['ebay', 'listing', '', 'Organic Shopping'],
    ['crm', 'link', 'summer-shop', 'Organic Shopping'],
    ['instagram', 'bio', '', 'Organic Social'],
    ['partner', 'social network', '', 'Organic Social'],
    ['vimeo', 'embed', '', 'Organic Video'],
    ['partner', 'product-video', '', 'Organic Video'],
    ['yandex.ru', 'referral', '', 'Organic Search'],
    ['partner', 'organic', '', 'Organic Search'],
    ['partner', 'app', '', 'Referral'],
    ['partner', 'referral', '', 'Referral'],
    ['newsletter', 'e-mail', '', 'Email'],
    ['email', 'weekly', '', 'Email'],
    ['partner', 'affiliate', '', 'Affiliates'],
    ['podcast', 'audio', '', 'Audio'],
    ['sms', 'broadcast', '', 'SMS'],
    ['app', 'web-push', '', 'Mobile Push Notifications'],
    ['app', 'notification', '', 'Mobile Push Notifications'],
    ['partner', 'flyer', '', 'Unassigned'],
    ['(not set)', '(not set)', '', 'Unassigned'],
  ];
  it.each(rows)('%s / %s (campaign "%s") is %s', (source, medium, campaign, channel) => {
    expect(channelFor(source, medium, campaign, DEFAULT_RULES)).toBe(channel);
  });

  it('"shop" after a letter other than e is no shopping campaign, as GA4\'s [^a-df-z] says', () => {
    expect(channelFor('partner', 'cpc', 'bishop-street', DEFAULT_RULES)).toBe('Paid Other');
    expect(channelFor('crm', 'link', 'workshop-invite', DEFAULT_RULES)).toBe('Referral');
    expect(channelFor('partner', 'cpc', 'eshop', DEFAULT_RULES)).toBe('Paid Shopping');
  });
});

describe('classifyTouch: UTMs first', () => {
  it('takes utm_source and utm_medium, lower-cased, and keeps them over click ids and the referrer', () => {
    expect(classify({ ...touch('gclid=abc', 'https://www.bing.com/'), utm_source: 'Newsletter', utm_medium: 'EMAIL' })).toEqual({ channel: 'Email', source: 'newsletter', medium: 'email' });
  });
  it('writes (not set) for the UTM a tagged link leaves out, as GA4 does', () => {
    expect(classify({ ...touch(''), utm_medium: 'email' })).toEqual({ channel: 'Email', source: '(not set)', medium: 'email' });
    expect(classify({ ...touch(''), utm_source: 'flyer' })).toEqual({ channel: 'Unassigned', source: 'flyer', medium: '(not set)' });
  });
  it('reads upper-case UTM keys from the landing page when the touch lacks them', () => {
    expect(classify(touch('UTM_Source=Google&Utm_Medium=CPC&UTM_CAMPAIGN=Spring'))).toEqual({ channel: 'Paid Search', source: 'google', medium: 'cpc' });
  });
  it('decodes URL-encoded values and trims them', () => {
    expect(classify({ ...touch(''), utm_source: '  Google%20Ads ', utm_medium: 'paid%20search' })).toEqual({ channel: 'Paid Other', source: 'google ads', medium: 'paid search' });
    expect(classify(touch('utm_source=facebook%252Ecom&utm_medium=cpc'))).toMatchObject({ source: 'facebook.com', channel: 'Paid Social' });
  });
  it('keeps a value with a lone % as sent', () => {
    expect(classify({ ...touch(''), utm_source: '100%', utm_medium: 'referral' })).toEqual({ channel: 'Referral', source: '100%', medium: 'referral' });
  });
  it('reads the campaign for shopping and cross-network rules', () => {
    expect(classify({ ...touch(''), utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'Cross-Network Q4' })).toMatchObject({ channel: 'Cross-network' });
  });
});

describe('classifyTouch: click ids next', () => {
  it.each([
    ['gclid', 'google', 'cpc', 'Paid Search'],
    ['gbraid', 'google', 'cpc', 'Paid Search'],
    ['wbraid', 'google', 'cpc', 'Paid Search'],
    ['msclkid', 'bing', 'cpc', 'Paid Search'],
    ['ttclid', 'tiktok', 'cpc', 'Paid Social'],
    ['li_fat_id', 'linkedin', 'cpc', 'Paid Social'],
  ] as const)('%s on the touch is %s / %s / %s', (key, source, medium, channel) => {
    expect(classify({ ...touch(''), [key]: 'abc123' })).toEqual({ channel, source, medium });
  });
  it.each([
    ['gad_source=1', 'google', 'Paid Search'],
    ['dclid=x', 'google', 'Display'],
    ['yclid=x', 'yandex', 'Paid Search'],
    ['twclid=x', 'twitter', 'Paid Social'],
    ['ScCid=x', 'snapchat', 'Paid Social'],
    ['rdt_cid=x', 'reddit', 'Paid Social'],
    ['epik=x', 'pinterest', 'Paid Social'],
    ['irclickid=x', 'impact', 'Affiliates'],
  ] as const)('%s on the landing page (any case) is %s, %s', (query, source, channel) => {
    expect(classify(touch(query))).toMatchObject({ source, channel });
  });
  it('fbclid alone is Organic Social: Meta adds it to organic clicks too', () => {
    expect(classify({ ...touch(''), fbclid: 'IwAR0' })).toEqual({ channel: 'Organic Social', source: 'facebook', medium: 'social' });
  });
  it('fbclid is Paid Social only when the UTMs say paid', () => {
    expect(classify({ ...touch(''), fbclid: 'IwAR0', utm_source: 'facebook', utm_medium: 'paid' })).toMatchObject({ channel: 'Paid Social' });
    expect(classify({ ...touch(''), fbclid: 'IwAR0', utm_source: 'facebook', utm_medium: 'social' })).toMatchObject({ channel: 'Organic Social' });
  });
  it('a click id beats the referrer', () => {
    expect(classify({ ...touch('', 'https://www.facebook.com/'), gclid: 'x' })).toMatchObject({ source: 'google', channel: 'Paid Search' });
  });
  it('an empty click id says nothing', () => {
    expect(classify(touch('gclid=&fbclid=%20'))).toEqual({ channel: 'Direct', source: '(direct)', medium: '(none)' });
  });
});

describe('classifyTouch: the referrer, then direct', () => {
  it.each([
    ['https://www.google.com/', 'google', 'organic', 'Organic Search'],
    ['https://www.google.co.in/search?q=villa', 'google', 'organic', 'Organic Search'],
    ['https://google.ae/', 'google', 'organic', 'Organic Search'],
    ['https://WWW.BING.COM./search?q=x', 'bing', 'organic', 'Organic Search'],
    ['https://duckduckgo.com/', 'duckduckgo', 'organic', 'Organic Search'],
    ['https://uk.search.yahoo.com/', 'yahoo', 'organic', 'Organic Search'],
    ['https://yandex.ru/', 'yandex', 'organic', 'Organic Search'],
    ['https://l.facebook.com/l.php?u=x', 'facebook', 'social', 'Organic Social'],
    ['https://t.co/abc', 'twitter', 'social', 'Organic Social'],
    ['https://www.linkedin.com/feed/', 'linkedin', 'social', 'Organic Social'],
    ['https://www.youtube.com/watch?v=1', 'youtube', 'referral', 'Organic Video'],
    ['https://www.amazon.de/', 'amazon', 'referral', 'Organic Shopping'],
  ] as const)('%s is %s / %s / %s', (referrer, source, medium, channel) => {
    expect(classify(touch('', referrer))).toEqual({ channel, source, medium });
  });
  it('Google hosts that are not search are referrals, not Organic Search', () => {
    expect(classify(touch('', 'https://mail.google.com/mail/u/0/'))).toEqual({ channel: 'Referral', source: 'mail.google.com', medium: 'referral' });
    expect(classify(touch('', 'https://google.evil-example.net/'))).toMatchObject({ channel: 'Referral' });
    expect(classify(touch('', 'https://notgoogle.com/'))).toMatchObject({ channel: 'Referral', source: 'notgoogle.com' });
  });
  it('an unknown host is a Referral named by its host without www.', () => {
    expect(classify(touch('', 'https://www.property-blog.example/post'))).toEqual({ channel: 'Referral', source: 'property-blog.example', medium: 'referral' });
  });
  it('a referrer on the landing page\'s own host is no source', () => {
    expect(classify(touch('', `${LANDING}/other`))).toMatchObject({ channel: 'Direct' });
  });
  it('no campaign, no referrer, an unreadable referrer or landing page: Direct', () => {
    expect(classify(touch(''))).toEqual({ channel: 'Direct', source: '(direct)', medium: '(none)' });
    expect(classify({ referrer: 'not a url', landing_page: '::' })).toEqual({ channel: 'Direct', source: '(direct)', medium: '(none)' });
    expect(classify({})).toEqual({ channel: 'Direct', source: '(direct)', medium: '(none)' });
  });
});

describe('withChannels', () => {
  it('classifies first and last touch each on its own, keeping what the widget sent', () => {
    const first = touch('', 'https://www.google.com/');
    const last = { ...touch(''), utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'may' };
    const page = { url: `${LANDING}/contact` };
    expect(withChannels({ first, last, page }, DEFAULT_RULES)).toEqual({
      first: { ...first, channel: 'Organic Search', source: 'google', medium: 'organic' },
      last: { ...last, channel: 'Email', source: 'newsletter', medium: 'email' },
      page,
    });
  });
  it('adds no touch the visitor did not have', () => {
    expect(withChannels({}, DEFAULT_RULES)).toEqual({});
  });
});
