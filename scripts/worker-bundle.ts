// The Worker bundle exactly as `wrangler deploy` would upload it, made without an account by
// `wrangler deploy --dry-run`: `npm run check-deploy` holds it to a budget, `npm run bench` measures it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './local-stack.ts';

/**
 * Gzip bytes of the Worker's modules, summed: issue 21's budget. Cloudflare refuses 3 MB (free
 * plan) or 10 MB (paid), but every cold start loads the whole bundle. libphonenumber-js's max
 * metadata (39 KB gzip, kept on evidence: BENCHMARKS.md, "phone metadata": min would pass
 * uncallable numbers, mobile would refuse landlines) is no module of it: a static asset the
 * Worker fetches once per isolate (edge/phone-metadata.ts). A stray dependency (a Node polyfill,
 * the metadata bundled again) fails it.
 */
export const WORKER_GZIP_BUDGET = 60_000;

/** What `wrangler deploy --dry-run` said. */
export interface DryRun {
  ok: boolean;
  /** A config warning, e.g. a binding added at the top level of wrangler.toml but not to the environment. */
  warned: boolean;
  status: number | null;
  /** stdout and stderr without colour codes. */
  output: string;
}

/**
 * Bundles the Worker of `env` (undefined: the top level, production) into `outDir` (emptied
 * first), as `wrangler deploy` would.
 * `entry` bundles another module with the same config (the benchmarks' passthrough Worker); `root`
 * is the checkout whose Worker is bundled (`npm run bench:before` bundles the code before issue 21).
 */
export function dryRunDeploy(env: string | undefined, outDir: string, entry?: string, root = ROOT): DryRun {
  rmSync(outDir, { recursive: true, force: true });
  const args = ['deploy', ...(entry ? [entry] : []), '--dry-run', `--env=${env ?? ''}`, '--outdir', outDir];
  const result = spawnSync(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    // LEADRELAY_SKIP_DEPLOY_GUARD: the deploy guard (scripts/deploy-guard.ts) leaves the forms to check-config.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', LEADRELAY_SKIP_DEPLOY_GUARD: '1' },
    encoding: 'utf8',
  });
  // wrangler colours its output even into a pipe; the colour codes would split "[WARNING]".
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { ok: result.status === 0, warned: /\[WARNING\]/.test(output), status: result.status, output };
}

/** The bundle's modules in `outDir` and their bytes; source maps and wrangler's README are not uploaded as code. */
export function workerModules(outDir: string): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(outDir)
    .filter((name) => /\.(m?js|wasm|bin|txt|html|sql|json)$/.test(name))
    .map((name) => ({ name, bytes: readFileSync(join(outDir, name)) }));
}

/** Raw and gzip bytes of the bundle in `outDir`, summed over its modules (gzip at zlib's default level). */
export function bundleSize(outDir: string): { modules: string[]; raw: number; gzip: number } {
  const modules = workerModules(outDir);
  return {
    modules: modules.map((module) => module.name),
    raw: modules.reduce((total, module) => total + module.bytes.length, 0),
    gzip: modules.reduce((total, module) => total + gzipSync(module.bytes).length, 0),
  };
}
