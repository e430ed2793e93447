import type { IncomingMessage } from 'node:http';

/**
 * Who may use the stand-ins' own routes (`/`, `/__standin/*`): the local machine's tools (no
 * `Origin`: the Worker, tests, curl), the stand-ins' own pages, and the pages of `pageOrigins`
 * (the local demo Worker, whose pages show what the stand-in received). A page of any other
 * origin gets no CORS and no answer: the recorded requests hold lead data and signed bodies,
 * and scripted outages would change what a developer sees.
 */
export function pageMayUse(request: IncomingMessage, ownOrigin: string, pageOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === ownOrigin || pageOrigins.includes(origin);
  // Without an Origin (a navigation, a no-cors fetch), the browser still says where it came from.
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'none' || site === 'same-origin';
}

/** CORS headers for an answer to a page of `pageOrigins`; none for anyone else. */
export function corsFor(request: IncomingMessage, pageOrigins: readonly string[]): Record<string, string> {
  const origin = request.headers.origin;
  return origin !== undefined && pageOrigins.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
}
