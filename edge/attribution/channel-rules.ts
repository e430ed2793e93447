// The rule tables of the channel classifier, as data: Google Analytics 4's default channel group
// ("[GA4] Default channel group", Google Analytics Help, support.google.com/analytics/answer/9756891)
// and the click ids ad platforms add to their links. channels.ts applies them; a deployment adds
// hosts and mediums with the CHANNEL_RULES var (overrides.ts).

/** GA4's default channel groups, in the order its rules are evaluated, then Unassigned. */
export const CHANNELS = [
  'Direct',
  'Cross-network',
  'Paid Shopping',
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Paid Other',
  'Organic Shopping',
  'Organic Social',
  'Organic Video',
  'Organic Search',
  'Referral',
  'Email',
  'Affiliates',
  'Audio',
  'SMS',
  'Mobile Push Notifications',
  'Unassigned',
] as const;

/** One of GA4's default channel groups. */
export type Channel = (typeof CHANNELS)[number];

/** The kinds of site GA4 keeps source lists of (its SOURCE_CATEGORY_* lists). */
export type SiteCategory = 'search' | 'social' | 'video' | 'shopping';

/**
 * Known sites by category: source name -> referrer hosts. A host matches itself and its
 * subdomains (`facebook.com` covers `m.facebook.com`, `l.facebook.com`); `name.*` matches that
 * name under any one- or two-label suffix, with or without `www.` but no other subdomain
 * (`google.co.in`, `www.google.com`, never `mail.google.com`). GA4 also matches the source
 * name itself (`utm_source=facebook`), so a source listed here is in its category either way.
 */
export type SiteTable = Readonly<Record<string, readonly string[]>>;

export const SITES: Readonly<Record<SiteCategory, SiteTable>> = {
  search: {
    google: ['google.*'],
    bing: ['bing.com'],
    yahoo: ['search.yahoo.com', 'search.yahoo.co.jp'],
    duckduckgo: ['duckduckgo.com'],
    baidu: ['baidu.com'],
    yandex: ['yandex.*', 'ya.ru'],
    ecosia: ['ecosia.org'],
    naver: ['search.naver.com'],
    brave: ['search.brave.com'],
    qwant: ['qwant.com'],
    startpage: ['startpage.com'],
    seznam: ['search.seznam.cz'],
    aol: ['search.aol.com'],
    ask: ['ask.com'],
    sogou: ['sogou.com'],
  },
  social: {
    facebook: ['facebook.com', 'fb.me', 'fb.com'],
    instagram: ['instagram.com'],
    linkedin: ['linkedin.com', 'lnkd.in'],
    twitter: ['twitter.com', 't.co', 'x.com'],
    tiktok: ['tiktok.com'],
    pinterest: ['pinterest.*', 'pin.it'],
    reddit: ['reddit.com'],
    snapchat: ['snapchat.com'],
    whatsapp: ['whatsapp.com', 'wa.me'],
    telegram: ['t.me', 'telegram.org'],
    quora: ['quora.com'],
    threads: ['threads.net'],
    vk: ['vk.com'],
  },
  video: {
    youtube: ['youtube.com', 'youtu.be'],
    vimeo: ['vimeo.com'],
    twitch: ['twitch.tv'],
    dailymotion: ['dailymotion.com'],
  },
  shopping: {
    amazon: ['amazon.*'],
    ebay: ['ebay.*'],
    etsy: ['etsy.com'],
    walmart: ['walmart.com'],
    flipkart: ['flipkart.com'],
  },
};

/** What a click id says about the visit when no UTM does. */
export interface ClickIdRule {
  source: string;
  medium: string;
}

/**
 * Click ids, in the order they are tried (a URL with two takes the first). Google's gclid,
 * gbraid, wbraid and gad_source mark Google Ads clicks (GA4 reports them as google / cpc);
 * Meta adds fbclid to organic clicks too, so it says facebook / social and never paid: only
 * UTMs make a Facebook visit Paid Social. The others are each platform's ad-click id.
 */
export const CLICK_IDS: ReadonlyArray<readonly [key: string, rule: ClickIdRule]> = [
  ['gclid', { source: 'google', medium: 'cpc' }],
  ['gbraid', { source: 'google', medium: 'cpc' }],
  ['wbraid', { source: 'google', medium: 'cpc' }],
  ['gad_source', { source: 'google', medium: 'cpc' }],
  ['dclid', { source: 'google', medium: 'display' }], // Campaign Manager / Display & Video 360
  ['msclkid', { source: 'bing', medium: 'cpc' }],
  ['yclid', { source: 'yandex', medium: 'cpc' }],
  ['ttclid', { source: 'tiktok', medium: 'cpc' }],
  ['li_fat_id', { source: 'linkedin', medium: 'cpc' }],
  ['twclid', { source: 'twitter', medium: 'cpc' }],
  ['sccid', { source: 'snapchat', medium: 'cpc' }],
  ['rdt_cid', { source: 'reddit', medium: 'cpc' }],
  ['epik', { source: 'pinterest', medium: 'cpc' }],
  ['irclickid', { source: 'impact', medium: 'affiliate' }],
  ['fbclid', { source: 'facebook', medium: 'social' }],
];

// GA4 default channel group, the medium and campaign conditions (matched ignoring case).
/** "Medium matches regex ^(.*cp.*|ppc|retargeting|paid.*)$": Paid Search, Social, Video, Shopping, Other. */
export const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
/** "Campaign Name matches regex ^(.*(([^a-df-z]|^)shop|shopping).*)$": Paid and Organic Shopping. */
export const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
/** Display: "Medium is one of display, banner, expandable, interstitial, cpm". */
export const DISPLAY_MEDIUMS: ReadonlySet<string> = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
/** Organic Social: "Medium is one of social, social-network, social-media, sm, social network, social media". */
export const SOCIAL_MEDIUMS: ReadonlySet<string> = new Set(['social', 'social-network', 'social-media', 'sm', 'social network', 'social media']);
/** Organic Video: "Medium matches regex ^(.*video.*)$". */
export const VIDEO_MEDIUM = /^(.*video.*)$/;
/** Referral: "Medium is one of referral, app, link". */
export const REFERRAL_MEDIUMS: ReadonlySet<string> = new Set(['referral', 'app', 'link']);
/** Email: "Source = email|e-mail|e_mail|e mail OR Medium = email|e-mail|e_mail|e mail". */
export const EMAIL_WORDS: ReadonlySet<string> = new Set(['email', 'e-mail', 'e_mail', 'e mail']);
/** Affiliates: "Medium = affiliate" (the older table also lists affiliates). */
export const AFFILIATE_MEDIUMS: ReadonlySet<string> = new Set(['affiliate', 'affiliates']);
/** Mobile Push Notifications: "Medium ends with push OR Medium contains mobile or notification". */
export const PUSH_MEDIUM = /(push$|mobile|notification)/;

/** Source and medium of a visit with neither a campaign nor a referrer, as GA4 writes them. */
export const DIRECT = { source: '(direct)', medium: '(none)' } as const;
/** What GA4 writes for a UTM parameter the link did not carry. */
export const NOT_SET = '(not set)';
