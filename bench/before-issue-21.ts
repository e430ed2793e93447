// Issue 21's "before and after from the same machine" for what only the old code can show: the
// code of BEFORE_COMMIT (the last commit before issue 21's work) is extracted from git into
// .tmp/bench/before-issue-21/, built with this checkout's node_modules, and its Worker bundle,
// startup and cost per lead are measured in the same run as this checkout's, by the same code
// (the old checkout's own probe runs its own Worker). The widget's before rows need none of this:
// bench:widget measures bench/reference/widget-before-issue-21.js beside widget.js in its run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../scripts/local-stack.ts';
import { measureBundle, measureStartup, type BundleResult, type StartupSample } from './edge-bundle.ts';
import { runProbe, type ProbePlan, type ProbeResult } from './edge-probe.ts';

/** The last commit before issue 21's work (the widget's reference build is from it too). */
export const BEFORE_COMMIT = '65a1b75d0a4155189e3f13adb45899019ce9fca0';

/** The name this measure is recorded under (a failure's `measure`). */
export const BEFORE_AFTER_MEASURE = 'before and after issue 21';

/** One checkout's numbers. */
export interface CheckoutNumbers {
  /** gzip -9 of the files a page first loads, as `npm run build`'s size check counts them. */
  widgetGzip: number;
  attributionGzip: number;
  bundle: BundleResult;
  startup: StartupSample[];
  probe: ProbeResult;
}

export interface BeforeAfter {
  commit: string;
  before: CheckoutNumbers;
  after: CheckoutNumbers;
  /** The passthrough Worker's startup, bundled with this checkout's config, in the same runs. */
  passthroughStartup: StartupSample[];
}

const gzip9 = (root: string, file: string) => gzipSync(readFileSync(join(root, 'dist', file)), { level: 9 }).length;

/** The old code as a checkout beside this one: extracted from git, this checkout's node_modules linked in, built. */
function beforeCheckout(): string {
  const root = join(ROOT, '.tmp', 'bench', 'before-issue-21');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  // git archive, not a worktree: nothing to clean up in .git, and it works in any clone with the history.
  const archive = execFileSync('git', ['archive', '--format=tar', BEFORE_COMMIT], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  // The dependencies then were these minus standardwebhooks, which the old code does not import.
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  // Its build alone, without its size check: its budgets were the ones issue 21 lowered.
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: root, stdio: 'ignore', env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` } });
  if (!existsSync(join(root, 'dist', 'widget.js'))) throw new Error('[bench] the checkout before issue 21 did not build');
  return root;
}

/** Measures the old checkout and this one, interleaving their startups; `run` marks the probes' leads. */
export async function measureBeforeAfter(plan: { startupRuns: number; probe: ProbePlan }, run: string): Promise<BeforeAfter> {
  const old = beforeCheckout();
  // The old checkout's own probe (bench/edge-probe.ts then had this one's interface), so its own Worker and probe route run.
  const { runProbe: runOldProbe } = (await import(join(old, 'bench', 'edge-probe.ts'))) as { runProbe: typeof runProbe };
  const [before, after, passthrough] = [measureBundle('leadrelay', old), measureBundle('leadrelay'), measureBundle('passthrough')];
  const startups: Record<'before' | 'after' | 'passthrough', StartupSample[]> = { before: [], after: [], passthrough: [] };
  for (let index = 0; index < plan.startupRuns; index++) {
    startups.before.push(await measureStartup(before, old));
    startups.after.push(await measureStartup(after));
    startups.passthrough.push(await measureStartup(passthrough));
  }
  const numbers = async (root: string, bundle: BundleResult, startup: StartupSample[], probe: typeof runProbe, mark: string): Promise<CheckoutNumbers> => ({
    widgetGzip: gzip9(root, 'widget.js'),
    attributionGzip: gzip9(root, 'attribution.js'),
    bundle,
    startup,
    probe: await probe(plan.probe, `${run}${mark}`),
  });
  return {
    commit: BEFORE_COMMIT,
    before: await numbers(old, before, startups.before, runOldProbe, 'b'),
    after: await numbers(ROOT, after, startups.after, runProbe, 'a'),
    passthroughStartup: startups.passthrough,
  };
}
