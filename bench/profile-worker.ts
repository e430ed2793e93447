// `npx node bench/profile-worker.ts [leads per form] [rounds]`: where the Worker's own time per
// accepted lead goes. Not a benchmark (no baseline, no report): a tool to read before cutting.
// It runs the probe (bench/workers/probe.ts) under `wrangler dev` as `npm run bench:worker` does,
// `console.log` muted, with V8's sampling profiler on through wrangler's DevTools port, and prints
// per lead: the probe's own figures, the samples by where their code lives (the Worker's sources,
// each library, workerd's D1 client, the bench's stand-ins), and the functions by self and total
// time, named by their source file through the bundle's source map.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { basename, join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { freePort } from '../scripts/ports.ts';
import { demoFormIds, startBenchStack } from './edge-http.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface AcceptAnswer {
  n: number;
  totalMs: number;
  d1Ms: number;
  standInMs: number;
}

const leadsPerForm = Number(process.argv[2] ?? 60);
const rounds = Number(process.argv[3] ?? 3);

/** A DevTools protocol session over a WebSocket: send a method, await its result. */
async function devtools(url: string) {
  // wrangler's inspector proxy wants an Origin of the local machine (undici's WebSocket takes headers).
  const socket = new WebSocket(url, { headers: { origin: 'http://127.0.0.1' } } as unknown as string[]);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.id === undefined) return;
    if (message.error) console.error('[profile] devtools error', message.error);
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  return {
    send: <T>(method: string, params: Record<string, unknown> = {}) =>
      new Promise<T>((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** The bundle wrangler dev serves (its `.wrangler/tmp/dev-*` folder, which it deletes on exit). */
const bundlePath = (bundle: string): string | undefined =>
  readdirSync(join(ROOT, '.wrangler', 'tmp'))
    .filter((dir) => dir.startsWith('dev-') && existsSync(join(ROOT, '.wrangler', 'tmp', dir, bundle)))
    .map((dir) => join(ROOT, '.wrangler', 'tmp', dir, bundle))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];

/**
 * Names a frame by its original source, through the source map of the bundle wrangler dev serves
 * (its `.wrangler/tmp/dev-*` folder, read while wrangler runs: it deletes the folder on exit).
 */
function namer(bundle: string) {
  const newest = bundlePath(bundle);
  const map = newest && existsSync(`${newest}.map`) ? new SourceMap(JSON.parse(readFileSync(`${newest}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : undefined;
  if (!map) console.log(`  (no source map of ${bundle} found: frames keep the bundle's names)`);
  const cache = new Map<string, { source: string; name: string }>();
  return (frame: CallFrame): { source: string; name: string } => {
    const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
    let named = cache.get(key);
    if (!named) {
      const entry = frame.url === bundle ? map?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
      // An empty object where the map has no entry; originalSource missing on some entries.
      const original = entry && 'originalSource' in entry && typeof entry.originalSource === 'string' ? (entry as SourceMapping) : undefined;
      const source = original ? original.originalSource.replace(/^.*?\/(node_modules|edge|shared|bench|test)\//, '$1/') : frame.url || `(${frame.functionName || 'native'})`;
      const functionName = frame.functionName || '(anonymous)';
      named = { source, name: `${functionName} ${original ? `${source}:${original.originalLine + 1}` : source}` };
      cache.set(key, named);
    }
    return named;
  };
}

/** Which part of the code a source file is: a library, the Worker, the bench, workerd's own. */
function area(source: string): string {
  const library = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (library) return `library ${library[1]}`;
  if (source.startsWith('edge/')) return `edge/${source.split('/')[1]?.replace(/\.ts$/, '') ?? ''}`;
  if (source.startsWith('shared/')) return 'shared';
  if (source.startsWith('bench/') || source.startsWith('test/')) return `bench ${source}`;
  return source;
}

const add = (table: Map<string, number>, key: string, value: number) => table.set(key, (table.get(key) ?? 0) + value);

const inspectorPort = await freePort();
const { stack, cleanUp } = await startBenchStack('bench/workers/probe.ts', inspectorPort);
try {
  const forms = demoFormIds();
  let offset = 0;
  const accept = async (formId: string, n: number): Promise<AcceptAnswer> => {
    offset += n;
    const url = `${stack.workerUrl}/v1/bench/accept?${new URLSearchParams({ run: `prof${Date.now().toString(36).slice(-5)}`, form: formId, n: String(n), offset: String(offset), quiet: '1' })}`;
    const response = await fetch(url, { method: 'POST' });
    if (!response.ok) throw new Error(`[profile] ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as AcceptAnswer;
  };
  for (const formId of forms) await accept(formId, 20);

  const session = await devtools(`ws://127.0.0.1:${inspectorPort}/ws`);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: Number(process.env['PROFILE_INTERVAL_US'] ?? 100) });
  await session.send('Profiler.start');
  const answers: AcceptAnswer[] = [];
  for (let round = 0; round < rounds; round++) for (const formId of forms) answers.push(await accept(formId, leadsPerForm));
  const { profile } = await session.send<{ profile: Profile }>('Profiler.stop');
  session.close();

  const leads = answers.reduce((sum, answer) => sum + answer.n, 0);
  const perLead = (ms: number) => `${((ms / leads) * 1000).toFixed(1).padStart(7)} µs`;
  const totalMs = answers.reduce((sum, answer) => sum + answer.totalMs, 0);
  const d1Ms = answers.reduce((sum, answer) => sum + answer.d1Ms, 0);
  const standInMs = answers.reduce((sum, answer) => sum + answer.standInMs, 0);
  console.log(`${leads} leads (${rounds} rounds of ${leadsPerForm} per form, ${forms.length} forms), console.log muted, profiler on (it slows what it samples)`);
  console.log(`  probe: handler ${perLead(totalMs)}, D1 calls ${perLead(d1Ms)}, provider stand-in ${perLead(standInMs)}, Worker JS ${perLead(totalMs - d1Ms - standInMs)} a lead`);

  const name = namer('probe.js');
  // PROFILE_SAVE=dir keeps the raw profile and the bundle with its map, to read in DevTools or by hand.
  const save = process.env['PROFILE_SAVE'];
  if (save) {
    mkdirSync(save, { recursive: true });
    writeFileSync(join(save, 'worker.cpuprofile'), JSON.stringify(profile));
    const bundle = bundlePath('probe.js');
    if (bundle) for (const file of [bundle, `${bundle}.map`]) if (existsSync(file)) copyFileSync(file, join(save, basename(file)));
  }
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // PROFILE_CALLERS=URL,Request: who calls these (native) functions, by the caller's frame.
  const watched = new Set((process.env['PROFILE_CALLERS'] ?? '').split(',').filter(Boolean));
  const callers = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let sampled = 0;
  const interval = [...profile.timeDeltas].sort((a, b) => a - b)[Math.floor(profile.timeDeltas.length / 2)] ?? 50;
  profile.samples.forEach((id, index) => {
    // A sample's time is the gap to the next one, at most twice the usual gap: a longer one is
    // time the thread spent outside this isolate (local D1 runs on the same thread), unsampled.
    const ms = Math.min(profile.timeDeltas[index + 1] ?? interval, 2 * interval) / 1000;
    const frames: ReturnType<ReturnType<typeof namer>>[] = [];
    for (let node = nodes.get(id); node; node = nodes.get(parents.get(node.id) ?? -1)) frames.push(name(node.callFrame));
    const leaf = frames[0];
    if (!leaf || ['(idle) (idle)', '(root) (root)'].some((idle) => leaf.name.startsWith(idle.split(' ')[0] ?? ''))) return;
    sampled += ms;
    add(self, leaf.name, ms);
    if (watched.has(leaf.name.split(' ')[0] ?? '')) add(callers, `${leaf.name.split(' ')[0]} <- ${frames[1]?.name ?? '?'}`, ms);
    for (const frame of new Set(frames.map((item) => item.name))) add(total, frame, ms);
    // The sample's area: workerd's own modules (the D1 client) when they are on the stack, else the
    // innermost frame with a source of ours or a library's (native code runs on their behalf).
    // (By its outermost function, the binding's method called: prepare, bind, first, batch...)
    const workerd = frames.findLast((frame) => frame.source.startsWith('cloudflare-internal:'));
    const owner = frames.find((frame) => /^(node_modules|edge|shared|bench|test)\//.test(frame.source)) ?? leaf;
    add(areas, workerd ? `workerd ${workerd.name}` : area(owner.source), ms);
  });
  const print = (title: string, table: Map<string, number>, limit: number) => {
    console.log(`  ${title}`);
    for (const [key, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`    ${perLead(ms)}  ${key}`);
  };
  console.log(`  sampled as running: ${perLead(sampled)} a lead (median sampling gap ${interval} µs)`);
  print('by area (innermost frame of ours or a library)', areas, 40);
  if (watched.size) print('callers', callers, 60);
  print('self', self, 60);
  print('total', total, 200);
} finally {
  await cleanUp();
}
