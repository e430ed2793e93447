// The Worker bundle as `wrangler deploy --dry-run` (the top level: production) makes it (scripts/worker-bundle.ts,
// shared with `npm run check-deploy`), and its startup as `wrangler check startup` profiles it: the
// bundle imported in local workerd under V8's CPU profiler. The passthrough Worker goes through both
// with the same config, as the floor.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { bundleSize, dryRunDeploy } from '../scripts/worker-bundle.ts';

const PASSTHROUGH = 'bench/workers/passthrough.ts';
/** Where a checkout's bundles and profiles go. */
const outOf = (root: string) => join(root, '.tmp', 'bench');

/** Size of one bundle, bytes. */
export interface BundleResult {
  target: 'leadrelay' | 'passthrough';
  modules: string[];
  raw: number;
  gzip: number;
}

/** One `wrangler check startup` run, milliseconds. */
export interface StartupSample {
  target: 'leadrelay' | 'passthrough';
  /** From starting the profiler to stopping it: the dynamic import of the bundle, plus one local request around it. */
  windowMs: number;
  /** Sampled time not idle: parsing, compiling and running the bundle's top level. */
  activeMs: number;
  samples: number;
}

/** A V8 CPU profile, the fields read here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Window and non-idle sampled time of a profile, in ms (profiles count microseconds). */
export function summarizeProfile(profile: CpuProfile): { windowMs: number; activeMs: number; samples: number } {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const deltas = profile.timeDeltas ?? [];
  const active = deltas.reduce((total, delta, index) => (names.get(profile.samples?.[index] ?? 0) === '(idle)' ? total : total + delta), 0);
  return { windowMs: (profile.endTime - profile.startTime) / 1000, activeMs: active / 1000, samples: profile.samples?.length ?? 0 };
}

const entryOf = (target: BundleResult['target']) => (target === 'passthrough' ? PASSTHROUGH : undefined);

/**
 * Bundles the production Worker, or the passthrough with the production config; `root` is the
 * checkout (another one: the Worker before issue 21, `npm run bench:before`).
 */
export function measureBundle(target: BundleResult['target'], root = ROOT): BundleResult {
  const outDir = join(outOf(root), `bundle-${target}`);
  const dryRun = dryRunDeploy(undefined, outDir, entryOf(target), root);
  if (!dryRun.ok) throw new Error(`[bench] wrangler deploy --dry-run for ${target} failed:\n${dryRun.output}`);
  return { target, ...bundleSize(outDir) };
}

/** Profiles the startup of `target` in the checkout `root` once with `wrangler check startup`. */
export function measureStartup(target: BundleResult['target'], root = ROOT): StartupSample {
  mkdirSync(outOf(root), { recursive: true });
  const outfile = join(outOf(root), `startup-${target}.cpuprofile`);
  rmSync(outfile, { force: true });
  const args = [entryOf(target), '--env='].filter(Boolean).join(' ');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'wrangler'), ['check', 'startup', '--outfile', outfile, `--args=${args}`], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', LEADRELAY_SKIP_DEPLOY_GUARD: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`[bench] wrangler check startup for ${target} failed:\n${result.stdout}${result.stderr}`);
  return { target, ...summarizeProfile(JSON.parse(readFileSync(outfile, 'utf8')) as CpuProfile) };
}
