// BASE_PATH: the Worker on a path of the site's own host (a Workers route such as
// `example.com/lr/*`, BASE_PATH = "/lr") sees every path with that prefix; it routes and serves
// its files as if it were at the root.

/** The request's path without BASE_PATH, or undefined when the path is outside it. */
export function pathWithin(pathname: string, basePath: unknown): string | undefined {
  if (typeof basePath !== 'string' || basePath === '' || basePath === '/') return pathname;
  const base = basePath.replace(/\/+$/, '');
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : undefined;
}
