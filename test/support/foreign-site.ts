import { createServer } from 'node:http';

/** A static site on another origin than the Worker: one HTML page per path, nothing else. */
export interface ForeignSite {
  origin: string;
  close(): Promise<void>;
}

/** One page of the site: its HTML, or its HTML with response headers of its own (a CSP). */
export type SitePage = string | { html: string; headers: Readonly<Record<string, string>> };

/**
 * Serves `pages` (path -> page) on 127.0.0.1 at the origin's port; 404 for anything else. Pages
 * are looked up per request, so a test file may add some after the site has started.
 */
export async function serveForeignSite(origin: string, pages: Readonly<Record<string, SitePage>>): Promise<ForeignSite> {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url ?? '/', origin).pathname];
    const headers = typeof page === 'object' ? page.headers : {};
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
    response.end(page === undefined ? 'not found' : typeof page === 'string' ? page : page.html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(new URL(origin).port), '127.0.0.1', resolve);
  });
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
