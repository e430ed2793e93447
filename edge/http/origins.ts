/** True for an origin (`https://example.com`, `http://127.0.0.1:8787`) or a subdomain pattern (`https://*.example.com`). */
export function isOriginPattern(pattern: string): boolean {
  const concrete = pattern.replace('://*.', '://wildcard.');
  try {
    return new URL(concrete).origin === concrete && (pattern === concrete || pattern.indexOf('*') === pattern.lastIndexOf('*'));
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
