// Which hosts are this site, for the two decisions that need it: a link from the site's own hosts
// (or from a payment or login page) never starts a new touch, and the Worker keeps the touches in
// its own cookie only when it is served on this site.

/** Whether `host` is `domain` or one of its subdomains. */
export const isUnder = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

const PROBE = 'leadrelay_probe=1';

/**
 * The registrable domain of `host` (`shop.example.co.uk` -> `example.co.uk`) by the browser's own
 * public-suffix list: a browser refuses a cookie for a public suffix, so the shortest parent domain
 * that takes a test cookie is the site (how analytics tags find their cookie domain). A
 * public-suffix library such as tldts would weigh some 40 KB gzip here, many times this script.
 * Each probe is deleted at once; with cookies blocked (or an IP address) the host is the site.
 */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  try {
    for (let index = labels.length - 2; index > 0; index--) {
      const probe = `${PROBE};path=/;domain=${labels.slice(index).join('.')}`;
      document.cookie = probe;
      if (document.cookie.includes(PROBE)) {
        document.cookie = `${probe};max-age=0`;
        return labels.slice(index).join('.');
      }
    }
  } catch {
    // cookies unavailable (a sandboxed frame): the host alone is the site
  }
  return host;
}

let site: string | undefined;
/** This page's registrable domain, probed once per page. */
export const thisSite = (): string => (site ??= registrableDomain(location.hostname));

/**
 * Whether `endpoint` is on this page's site (same scheme, a host under its registrable domain):
 * then the browser sends the Worker's `SameSite=Lax` cookie with the widget's requests.
 */
export function onThisSite(endpoint: string): boolean {
  const url = new URL(endpoint, location.href);
  return url.protocol === location.protocol && isUnder(url.hostname, thisSite());
}

/**
 * Whether `endpoint` may be on this page's site, known without a probe: every host under the
 * registrable domain ends with the page host's last two labels. Only then is the code of the
 * same-site cookie mode fetched (site.js), and `onThisSite` decides.
 */
export const mayBeOnThisSite = (endpoint: string): boolean => new URL(endpoint, location.href).hostname.endsWith(location.hostname.split('.').slice(-2).join('.'));
