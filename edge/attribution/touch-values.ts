// A touch's campaign values as people send them: keys in any case, values URL-encoded twice
// or padded with spaces. The widget records the exact lower-case keys it knows; the landing page
// it also records still has the URL as typed, so the edge reads what the widget missed from there.
import type { Touch } from '../../shared/lead.ts';

/** Decodes what a link encoded twice (`Google%20Ads`), trims, lower-cases; undefined when empty. */
export function cleanValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let text = raw;
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // a lone `%` is text, not an escape: keep it as sent
    }
  }
  text = text.trim().toLowerCase();
  return text || undefined;
}

/** A URL's query parameters by lower-case key (`UTM_Source` is `utm_source`); the first of each wins. */
function queryOf(url: URL | undefined): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of url?.searchParams ?? []) {
    const lower = key.toLowerCase();
    if (!params.has(lower)) params.set(lower, value);
  }
  return params;
}

const parseUrl = (text: string | undefined): URL | undefined => {
  if (!text) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/** What classification reads of one touch. */
export interface TouchValues {
  /** A campaign key's clean value: the touch's own, else the landing page's in any case. */
  value(key: string): string | undefined;
  /** The referrer's host, lower case, when it is another site than the landing page. */
  referrerHost: string | undefined;
}

/**
 * Reads a touch for classification. The landing page and the referrer are parsed only when a
 * value the touch lacks, or the referrer's host, is asked for: a touch with its UTMs needs neither.
 */
export function touchValues(touch: Touch): TouchValues {
  let landing: { url: URL | undefined } | undefined;
  let query: Map<string, string> | undefined;
  const landingUrl = () => (landing ??= { url: parseUrl(touch.landing_page) }).url;
  const own = touch as Readonly<Record<string, unknown>>;
  return {
    value: (key) => {
      const value = own[key];
      return cleanValue(typeof value === 'string' ? value : undefined) ?? cleanValue((query ??= queryOf(landingUrl())).get(key));
    },
    get referrerHost() {
      const referrer = parseUrl(touch.referrer)?.hostname.toLowerCase().replace(/\.$/, '');
      // A referrer on the landing page's own host is a click inside the site, never a source.
      return referrer && referrer !== landingUrl()?.hostname.toLowerCase() ? referrer : undefined;
    },
  };
}
