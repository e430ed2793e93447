// CI proof that the Worker deploys (`npm test` runs it after the build): `wrangler deploy --dry-run`
// bundles the production environment exactly as `npm run deploy` would, without an account, and
// the bundle is held to a size budget like the widget's.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { envDrift } from './env-drift.ts';
import { ROOT } from './local-stack.ts';

/**
 * Gzip bytes of the Worker's modules. Cloudflare refuses 3 MB (free plan) or 10 MB (paid); the
 * budget is far below because every cold start parses the whole bundle, and because today's
 * ~85 KB (libphonenumber-js metadata is most of it) leaves room for the delivery pipeline and the
 * operator page while a stray dependency (a Node polyfill, a second phone metadata set) still fails.
 */
export const WORKER_GZIP_BUDGET = 256 * 1024;
const OUT_DIR = join(ROOT, '.tmp', 'deploy');
const ENV = 'production';

const drift = envDrift(ROOT, join(ROOT, 'wrangler.toml'), ENV);
if (drift.length > 0) {
  for (const line of drift) console.error(`deploy: ${line}`);
  process.exit(1);
}

rmSync(OUT_DIR, { recursive: true, force: true });
const dryRun = spawnSync(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--env', ENV, '--outdir', OUT_DIR], {
  cwd: ROOT,
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  encoding: 'utf8',
});
// wrangler colours its output even into a pipe; the colour codes would split "[WARNING]".
const output = `${dryRun.stdout}${dryRun.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
// A config warning here is a production deploy missing something, e.g. a binding added at the top
// level of wrangler.toml but not to [env.production] (environments do not inherit bindings).
const warned = /\[WARNING\]/.test(output);
if (dryRun.status !== 0 || warned) {
  console.error(output);
  console.error(`deploy: wrangler deploy --dry-run --env ${ENV} ${dryRun.status !== 0 ? `failed (exit ${dryRun.status})` : 'printed a warning'}${readdirSync(ROOT).includes('dist') ? '' : '; run npm run build first'}`);
  process.exit(1);
}

// The Worker's modules; source maps and wrangler's README are not uploaded as code.
const modules = readdirSync(OUT_DIR).filter((name) => /\.(m?js|wasm|bin|txt|html|sql)$/.test(name));
const raw = modules.reduce((total, name) => total + readFileSync(join(OUT_DIR, name)).length, 0);
const gzip = modules.reduce((total, name) => total + gzipSync(readFileSync(join(OUT_DIR, name))).length, 0);
const verdict = gzip <= WORKER_GZIP_BUDGET ? 'ok' : 'OVER BUDGET';
console.log(`deploy: wrangler deploy --dry-run --env ${ENV} ok (${modules.join(', ')} in ${OUT_DIR.slice(ROOT.length + 1)})`);
console.log(`size: Worker bundle: ${raw} B raw, ${gzip} B gzip (budget ${WORKER_GZIP_BUDGET} B gzip) ${verdict}`);
process.exitCode = verdict === 'ok' ? 0 : 1;
