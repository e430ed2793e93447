import { createServer } from 'node:http';

/** A static site on another origin than the Worker: one HTML page per path, nothing else. */
export interface ForeignSite {
  origin: string;
  close(): Promise<void>;
}

/** Serves `pages` (path -> HTML) on 127.0.0.1 at the origin's port; 404 for anything else. */
export async function serveForeignSite(origin: string, pages: Readonly<Record<string, string>>): Promise<ForeignSite> {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url ?? '/', origin).pathname];
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(new URL(origin).port), '127.0.0.1', resolve);
  });
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
