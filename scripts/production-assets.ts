// The assets a production deploy serves: everything the build made except the demo site, whose
// forms point at local stand-ins and would only ever answer "unknown form" there, and the ESM library.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE_ASSET_PATHS } from '../edge/phone-metadata.ts';

/**
 * The Worker's phone files the production assets lack (paths from the checkout): without the
 * metadata every lead is answered 503, without the example numbers the operator console's sample
 * lead (edge/phone-metadata.ts).
 */
export const missingPhoneAssets = (root: string): string[] =>
  PHONE_ASSET_PATHS.map((path) => join('dist-production', path)).filter((path) => !existsSync(join(root, path)));

/** The demo site's own files, as the build copies them from demo/site into dist/ (headers excepted). */
export const demoFiles = (root: string): string[] => readdirSync(join(root, 'demo', 'site')).filter((name) => name !== '_headers');

/**
 * Writes `out` (dist-production/, which the top level's `[assets]` serves in production) from `dist`: the demo
 * pages left out, and the CSP of `_headers` without the demo's connections to 127.0.0.1.
 */
export function writeProductionAssets(root: string, dist: string, out: string): void {
  rmSync(out, { recursive: true, force: true });
  // The ESM library is for bundlers (the npm package), not for pages: no need to serve it; nor the demo's Preact app.
  const demo = new Set([...demoFiles(root), 'lib', 'demo-app']);
  cpSync(dist, out, { recursive: true, filter: (source) => !demo.has(source.slice(dist.length + 1)) });
  const headers = readFileSync(join(dist, '_headers'), 'utf8').replace(/ http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*/g, '');
  writeFileSync(join(out, '_headers'), headers);
}
