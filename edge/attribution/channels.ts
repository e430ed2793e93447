// Every touch gets a channel, a source and a medium, even without UTM parameters, by Google
// Analytics 4's default channel group ("[GA4] Default channel group", Google Analytics Help,
// support.google.com/analytics/answer/9756891). Pure: the rules come in (channel-rules.ts,
// with a deployment's additions from rules-config.ts).
import type { Attribution, Touch } from '../../shared/lead.ts';
import {
  AFFILIATE_MEDIUMS,
  CLICK_IDS,
  DIRECT,
  DISPLAY_MEDIUMS,
  EMAIL_WORDS,
  NOT_SET,
  PAID_MEDIUM,
  PUSH_MEDIUM,
  REFERRAL_MEDIUMS,
  SHOPPING_CAMPAIGN,
  SITES,
  SOCIAL_MEDIUMS,
  VIDEO_MEDIUM,
  type Channel,
} from './channel-rules.ts';
import { siteIn, type Sites } from './sites.ts';
import { touchValues, type TouchValues } from './touch-values.ts';

/** The rules one deployment classifies with. */
export interface ChannelRules {
  sites: Sites;
  /** Medium -> channel, tried before GA4's rules (a deployment's own mediums, e.g. `newsletter` -> Email). */
  mediums: ReadonlyMap<string, Channel>;
}

/** GA4's rules and lists as they are. */
export const DEFAULT_RULES: ChannelRules = { sites: SITES, mediums: new Map() };

/** What the edge derives for a touch: lower-case source and medium, and their channel. */
export interface TouchChannel {
  channel: Channel;
  source: string;
  medium: string;
}

/** A touch as stored: what the widget sent, and (for leads accepted since channels exist) its channel. */
export type ChannelTouch = Touch & Partial<TouchChannel>;

/** A lead's attribution as stored and as adapters see it. */
export interface ChannelAttribution extends Attribution {
  first?: ChannelTouch | undefined;
  last?: ChannelTouch | undefined;
}

/** Source and medium: UTMs first, then click ids, then the referrer's host; else direct. */
function sourceAndMedium(values: TouchValues, rules: ChannelRules): { source: string; medium: string } {
  const utmSource = values.value('utm_source');
  const utmMedium = values.value('utm_medium');
  // GA4 leaves what a tagged link omits as (not set) rather than guessing it.
  if (utmSource || utmMedium) return { source: utmSource ?? NOT_SET, medium: utmMedium ?? NOT_SET };
  const clicked = CLICK_IDS.find(([key]) => values.value(key) !== undefined);
  if (clicked) return clicked[1];
  const host = values.referrerHost;
  if (!host) return DIRECT;
  const search = siteIn(rules.sites.search, host);
  if (search) return { source: search, medium: 'organic' };
  const social = siteIn(rules.sites.social, host);
  if (social) return { source: social, medium: 'social' };
  const known = siteIn(rules.sites.video, host) ?? siteIn(rules.sites.shopping, host);
  return { source: known ?? host.replace(/^www\./, ''), medium: 'referral' };
}

/** GA4's default channel group rules, in GA4's order; the first that matches names the channel. */
export function channelFor(source: string, medium: string, campaign: string, rules: ChannelRules): Channel {
  const override = rules.mediums.get(medium);
  if (override) return override;
  // Each category is looked up at most once, however many rules ask.
  const found: Partial<Record<keyof Sites, boolean>> = {};
  const is = (category: keyof Sites) => (found[category] ??= siteIn(rules.sites[category], source) !== undefined);
  const paid = PAID_MEDIUM.test(medium);
  const shopping = is('shopping') || SHOPPING_CAMPAIGN.test(campaign);
  if (source === DIRECT.source && (medium === NOT_SET || medium === DIRECT.medium)) return 'Direct';
  if (campaign.includes('cross-network')) return 'Cross-network';
  if (shopping && paid) return 'Paid Shopping';
  if (is('search') && paid) return 'Paid Search';
  if (is('social') && paid) return 'Paid Social';
  if (is('video') && paid) return 'Paid Video';
  if (DISPLAY_MEDIUMS.has(medium)) return 'Display';
  if (paid) return 'Paid Other';
  if (shopping) return 'Organic Shopping';
  if (is('social') || SOCIAL_MEDIUMS.has(medium)) return 'Organic Social';
  if (is('video') || VIDEO_MEDIUM.test(medium)) return 'Organic Video';
  if (is('search') || medium === 'organic') return 'Organic Search';
  if (REFERRAL_MEDIUMS.has(medium)) return 'Referral';
  if (EMAIL_WORDS.has(source) || EMAIL_WORDS.has(medium)) return 'Email';
  if (AFFILIATE_MEDIUMS.has(medium)) return 'Affiliates';
  if (medium === 'audio') return 'Audio';
  if (source === 'sms' || medium === 'sms') return 'SMS';
  if (PUSH_MEDIUM.test(medium)) return 'Mobile Push Notifications';
  return 'Unassigned';
}

/** The channel, source and medium of one touch. */
export function classifyTouch(touch: Touch, rules: ChannelRules): TouchChannel {
  const values = touchValues(touch);
  const { source, medium } = sourceAndMedium(values, rules);
  return { channel: channelFor(source, medium, values.value('utm_campaign') ?? '', rules), source, medium };
}

/**
 * The attribution to store: each touch with its channel, source and medium. Keys a visitor sent
 * under these names never reach here (the lead schema keeps only the keys it knows), so what is
 * stored is always the edge's own reading.
 */
export function withChannels(attribution: Attribution, rules: ChannelRules): ChannelAttribution {
  const classified: ChannelAttribution = { ...attribution };
  if (attribution.first) classified.first = { ...attribution.first, ...classifyTouch(attribution.first, rules) };
  if (attribution.last) classified.last = { ...attribution.last, ...classifyTouch(attribution.last, rules) };
  return classified;
}
