/**
 * True for an origin (`https://example.com`, `http://127.0.0.1:8787`) or a subdomain pattern
 * (`https://*.example.com`). A pattern needs at least two labels after `*.`, so `https://*.com`
 * is refused here; that `*.co.uk` is a public suffix too takes the public-suffix list, which
 * `npm run check-config` applies (tldts): at 50 KB gzip it would grow the Worker by half.
 */
export function isOriginPattern(pattern: string): boolean {
  const concrete = pattern.replace('://*.', '://wildcard.');
  try {
    const url = new URL(concrete);
    if (url.origin !== concrete) return false;
    if (pattern === concrete) return true;
    return pattern.indexOf('*') === pattern.lastIndexOf('*') && url.hostname.split('.').length >= 3 && !/^[\d.]+$/.test(url.hostname.slice('wildcard.'.length));
  } catch {
    return false;
  }
}

/** Whether `origin` is one of `allowed`; `https://*.example.com` admits every subdomain but not the apex. */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => {
    if (pattern === origin) return true;
    const star = pattern.indexOf('://*.');
    if (star < 0) return false;
    const scheme = pattern.slice(0, star + 3);
    const suffix = pattern.slice(star + 4); // ".example.com"
    return origin.startsWith(scheme) && origin.endsWith(suffix) && origin.length > scheme.length + suffix.length && !origin.slice(scheme.length, -suffix.length).includes('/');
  });
}
