import { CAMPAIGN_KEYS, MAX_VALUE_LENGTH } from './constants.ts';
import type { CampaignKey } from './lead.ts';

const CAMPAIGN_KEY_SET: ReadonlySet<string> = new Set(CAMPAIGN_KEYS);

/**
 * The campaign parameters of a URL's query, keys as people type them (`UTM_Source` is
 * `utm_source`), values as URLSearchParams decoded them (`Google%20Ads`, `+`), trimmed and bounded.
 * The first non-empty value of a key wins.
 */
export function campaignParams(query: URLSearchParams): Partial<Record<CampaignKey, string>> {
  const found: Partial<Record<CampaignKey, string>> = {};
  for (const [name, raw] of query) {
    const key = name.toLowerCase() as CampaignKey;
    const value = raw.trim();
    if (value && CAMPAIGN_KEY_SET.has(key)) found[key] ??= value.slice(0, MAX_VALUE_LENGTH);
  }
  return found;
}
