// The Worker bundle as `wrangler deploy --dry-run` (the top level: production) makes it (scripts/worker-bundle.ts,
// shared with `npm run check-deploy`), and its startup profiled as `wrangler check startup` does it
// (the bundle imported in local workerd by a first request, under V8's CPU profiler), with the
// profiler sampling every 50 µs instead of its default: wrangler's profiles hold about ten samples
// around one import, too few to time it. The passthrough Worker goes through both with the same
// config, as the floor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { experimental_readRawConfig } from 'wrangler';
import { ROOT } from '../scripts/local-stack.ts';
import { bundleSize, dryRunDeploy } from '../scripts/worker-bundle.ts';
import { devtools } from './devtools.ts';

const PASSTHROUGH = 'bench/workers/passthrough.ts';
/** Where a checkout's bundles go. */
const outOf = (root: string) => join(root, '.tmp', 'bench');
/** The sampling interval asked of V8's profiler; workerd's sampler keeps a gap of about 120 µs here. */
const SAMPLING_INTERVAL_US = 50;

/** Size of one bundle, bytes. */
export interface BundleResult {
  target: 'leadrelay' | 'passthrough';
  modules: string[];
  raw: number;
  gzip: number;
}

/** One startup profile, milliseconds. */
export interface StartupSample {
  target: 'leadrelay' | 'passthrough';
  /** From starting the profiler to stopping it: the dynamic import of the bundle, plus one local request around it. */
  windowMs: number;
  /** Sampled time not idle: parsing, compiling and running the bundle's top level (and the request's own few steps). */
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

/**
 * Window and non-idle sampled time of a profile, in ms (profiles count microseconds). A sample
 * stands for the gap to the next one, at most twice the usual gap (the median of those under ten
 * intervals): the longer gaps are the thread waiting outside the isolate (for the request to
 * arrive, for its answer to leave), when the sampler takes no sample.
 */
export function summarizeProfile(profile: CpuProfile, intervalUs = SAMPLING_INTERVAL_US): { windowMs: number; activeMs: number; samples: number } {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const usual = deltas.filter((delta) => delta < 10 * intervalUs).sort((a, b) => a - b);
  const cap = 2 * (usual[usual.length >> 1] ?? intervalUs);
  const active = samples.reduce((total, id, index) => (['(idle)', '(root)'].includes(names.get(id) ?? '') ? total : total + Math.min(deltas[index + 1] ?? 0, cap)), 0);
  return { windowMs: (profile.endTime - profile.startTime) / 1000, activeMs: active / 1000, samples: samples.length };
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

/**
 * Profiles the startup of a bundle `measureBundle` made in the checkout `root` once: a first
 * request to a Worker that imports it, as `wrangler check startup` runs it, with that checkout's
 * compatibility date and flags (no bindings: importing touches none).
 */
export async function measureStartup(bundle: BundleResult, root = ROOT): Promise<StartupSample> {
  const dir = join(outOf(root), `bundle-${bundle.target}`);
  const main = bundle.modules.find((name) => /\.m?js$/.test(name));
  const other = bundle.modules.filter((name) => !/\.m?js$/.test(name));
  if (!main || other.length > 0) throw new Error(`[bench] the startup profile imports JavaScript modules only; bundle-${bundle.target} has ${bundle.modules.join(', ')}`);
  const { rawConfig } = experimental_readRawConfig({ config: join(root, 'wrangler.toml') });
  const entry = `export default { async fetch() { await import(${JSON.stringify(`./${main}`)}); return new Response('ok'); } };`;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: 'profiler',
      compatibilityDate: rawConfig.compatibility_date,
      compatibilityFlags: rawConfig.compatibility_flags,
      modulesRoot: dir,
      modules: [
        { type: 'ESModule', path: join(dir, 'profiler-entry.mjs'), contents: entry },
        ...bundle.modules.map((name) => ({ type: 'ESModule' as const, path: join(dir, name), contents: readFileSync(join(dir, name), 'utf8') })),
      ],
      inspectorPort: 0,
    }),
  );
  try {
    const session = await devtools(new URL('/core:user:profiler', (await mf.getInspectorURL()).href).href);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await session.send('Profiler.start');
    const response = await mf.dispatchFetch('http://127.0.0.1/');
    if (!response.ok) throw new Error(`[bench] importing bundle-${bundle.target} failed (${response.status}): ${await response.text()}`);
    await response.text();
    const { profile } = await session.send<{ profile: CpuProfile }>('Profiler.stop');
    session.close();
    return { target: bundle.target, ...summarizeProfile(profile) };
  } finally {
    await mf.dispose();
  }
}
