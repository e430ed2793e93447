// Starts what `npm start` and the browser tests need on 127.0.0.1: local D1 with migrations
// applied, the provider stand-ins, and `wrangler dev --env demo` (workerd) serving the Worker and dist/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimental_readRawConfig } from 'wrangler';
import { standInSecretsFrom } from '../standins/registry.ts';
import { startStandIns, type StandInServer } from '../standins/server.ts';
import { freePort } from './ports.ts';

/** The project root, wherever the command was started from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
/** The environment of wrangler.toml that holds the local demo (its forms, the demo pages). */
export const DEMO_ENV = 'demo';
/** The fake secrets the demo form and the stand-ins share. */
export const DEMO_ENV_FILE = join(ROOT, 'demo', 'demo.env');
const USER_VARS_FILE = join(ROOT, '.dev.vars');

// Keep wrangler offline and quiet: no telemetry, no request.cf lookup.
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** Reads KEY=VALUE lines of a dotenv file (comments and blank lines skipped). */
export function readEnvFile(path: string): Record<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

export interface LocalStackOptions {
  /**
   * Where `wrangler dev` listens. `'free'`: a port free a moment ago; when another process takes it
   * before wrangler binds it (a second test run on the machine), the stack starts on another.
   */
  workerPort: number | 'free';
  standInPort: number;
  /** Where local D1 state lives (wrangler's --persist-to). */
  persistTo: string;
  /**
   * Points the demo forms of wrangler.toml at these ports instead of :8787 and :8790 (tests run
   * beside a developer's `npm start`).
   */
  retargetDemoForms?: boolean;
  /**
   * More forms beside the demo ones (with retargetDemoForms), written like wrangler.toml's: their
   * `http://127.0.0.1:8790` stand-in URLs are retargeted too (the browser tests' foreign site).
   */
  extraForms?: Record<string, unknown>;
  /** Passed to wrangler dev's stdio; the tests keep it quiet. */
  stdio?: 'inherit' | 'ignore';
  /**
   * A Worker module to serve instead of wrangler.toml's `main`, with the same config, bindings and
   * secrets (the benchmarks' passthrough Worker and probe). Relative to the project root.
   */
  entry?: string;
  /** wrangler dev's DevTools port (its inspector proxy to the Worker's isolate); unset, wrangler picks one from 9229 up. */
  inspectorPort?: number;
}

/** The demo forms of wrangler.toml ([env.demo.vars.FORMS]), one per provider. */
export function demoForms(): Record<string, unknown> | undefined {
  const { rawConfig } = experimental_readRawConfig({ config: join(ROOT, 'wrangler.toml') });
  return ((rawConfig.env?.[DEMO_ENV]?.vars ?? {}) as Record<string, unknown>)['FORMS'] as Record<string, unknown> | undefined;
}

/** The demo FORMS (and a test's extra forms) with the demo's fixed origins and stand-in URL replaced. */
function retargetedDemoForms(workerOrigin: string, standInUrl: string, extraForms: Record<string, unknown> = {}): unknown {
  const forms = JSON.stringify({ ...(demoForms() ?? {}), ...extraForms });
  return JSON.parse(
    forms
      .replaceAll('http://127.0.0.1:8790', standInUrl)
      .replaceAll('"http://127.0.0.1:8787"', JSON.stringify(workerOrigin))
      .replaceAll('"http://localhost:8787"', JSON.stringify(workerOrigin.replace('127.0.0.1', 'localhost'))),
  );
}

export interface LocalStack {
  workerUrl: string;
  standIns: StandInServer;
  stop(): Promise<void>;
  /**
   * Kills `wrangler dev` and its workerd processes at once with SIGKILL, as a crash would: requests
   * in flight are cut, nothing is cleaned up. The stand-ins and the local D1 stay.
   */
  crash(): Promise<void>;
  /** Starts `wrangler dev` again on the same port and D1 (after crash); resolves once it serves. */
  restart(): Promise<void>;
}

/** Every process below `pid` (wrangler's workerd and their helpers), deepest first; Linux /proc. */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone already, or no /proc
  }
  return [...children.flatMap(processTree), pid];
}

/** True once `url` answers; false when `child` exited first. */
async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`wrangler dev did not serve ${url} within ${timeoutMs} ms`);
}

/** Applies migrations, starts the stand-ins and `wrangler dev`; resolves once the Worker answers. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const migrate = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--env', DEMO_ENV, '--persist-to', options.persistTo], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`applying D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  for (let attempt = 1; ; attempt++) {
    const port = options.workerPort === 'free' ? await freePort() : options.workerPort;
    try {
      return await launch(options, port);
    } catch (error) {
      // Taken between freePort and wrangler's bind: the whole stack again, on another port.
      if (options.workerPort !== 'free' || attempt === 3 || !(error instanceof PortTaken)) throw error;
    }
  }
}

/** wrangler dev could not bind its port. */
class PortTaken extends Error {}

/** The last 4 KB of what a process printed, for the error when it exits too early. */
function outputTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-4096));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

/** The stand-ins and `wrangler dev` on `workerPort`; resolves once the Worker answers. */
async function launch(options: LocalStackOptions, workerPort: number): Promise<LocalStack> {
  // The demo pages (served by the Worker) show what the stand-ins received; no other page may read it.
  const pageOrigins = [`http://127.0.0.1:${workerPort}`, `http://localhost:${workerPort}`];
  const standIns = await startStandIns(standInSecretsFrom(readEnvFile(DEMO_ENV_FILE), 'DEMO'), { port: options.standInPort, pageOrigins });
  // wrangler dev runs on one machine share a registry of Workers by name: a test run beside a
  // developer's `npm start` (or a second test run) would otherwise rebind each other's Worker.
  const env = { ...WRANGLER_ENV, WRANGLER_REGISTRY_PATH: join(options.persistTo, 'dev-registry') };
  const args = ['dev', ...(options.entry ? [options.entry] : []), '--ip', '127.0.0.1', '--port', String(workerPort), '--env', DEMO_ENV, '--env-file', DEMO_ENV_FILE];
  // Secrets of the user's own forms (`.dev.vars`) load after, and over, the demo's fake ones.
  if (existsSync(USER_VARS_FILE)) args.push('--env-file', USER_VARS_FILE);
  args.push('--persist-to', options.persistTo, '--show-interactive-dev-session=false', '--live-reload=false');
  if (options.inspectorPort !== undefined) args.push('--inspector-port', String(options.inspectorPort));
  if (options.retargetDemoForms) args.push('--var', `FORMS:${JSON.stringify(retargetedDemoForms(`http://127.0.0.1:${workerPort}`, standIns.url, options.extraForms))}`);
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  // Quiet (the tests): wrangler's output is kept, not shown, so an early exit can say why.
  const spawnWorker = () => spawn(WRANGLER, args, { cwd: ROOT, env, stdio: ['ignore', options.stdio === 'ignore' ? 'pipe' : 'inherit', options.stdio === 'ignore' ? 'pipe' : 'inherit'] });
  let worker = spawnWorker();
  let printed = outputTail(worker);
  const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve)));
  const stop = async () => {
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGTERM');
      await exited(worker);
    }
    await standIns.close();
  };
  const crash = async () => {
    // workerd first: with wrangler gone first, an orphaned workerd would finish its requests.
    for (const pid of processTree(worker.pid ?? 0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
    await exited(worker);
  };
  const serving = async () => {
    if (await waitUntilServing(`${workerUrl}/widget.js`, worker, 60_000)) return;
    const output = printed();
    const message = `wrangler dev exited with code ${worker.exitCode}${output ? `:\n${output}` : ''}`;
    throw /Address already in use/.test(output) ? new PortTaken(message) : new Error(message);
  };
  const restart = async () => {
    worker = spawnWorker();
    printed = outputTail(worker);
    await serving();
  };
  try {
    await serving();
  } catch (error) {
    await stop();
    throw error;
  }
  return { workerUrl, standIns, stop, crash, restart };
}
