// `npx node bench/profile-worker.ts [leads per form] [rounds]`: where the Worker's own time per
// accepted lead goes. Not a benchmark (no baseline, no report): a tool to read before cutting.
// It runs the probe (bench/workers/probe.ts) under `wrangler dev` as `npm run bench:worker` does,
// `console.log` muted, with V8's sampling profiler on through wrangler's DevTools port, and prints
// per lead: the probe's own figures, the samples by where their code lives (the Worker's sources,
// each library, workerd's D1 client, the bench's stand-ins), and the functions by self and total
// time, named by their source file through the bundle's source map. PROFILE_INTERVAL_US sets the
// sampling interval (100 µs), PROFILE_CALLERS=URL,Request lists who calls those functions,
// PROFILE_SAVE=dir keeps the profile and the bundle with its map, PROFILE_D1=instant answers D1 at
// once (bench/workers/instant-d1.ts) instead of local D1.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { freePort } from '../scripts/ports.ts';
import { devtools } from './devtools.ts';
import { demoFormIds, startBenchStack } from './edge-http.ts';
import { area, bundlePath, namer, type CallFrame } from './profile-frames.ts';

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

const add = (table: Map<string, number>, key: string, value: number) => table.set(key, (table.get(key) ?? 0) + value);

const inspectorPort = await freePort();
const { stack, cleanUp } = await startBenchStack('bench/workers/probe.ts', inspectorPort);
try {
  const forms = demoFormIds();
  let offset = 0;
  const accept = async (formId: string, n: number): Promise<AcceptAnswer> => {
    offset += n;
    const query = { run: `prof${Date.now().toString(36).slice(-5)}`, form: formId, n: String(n), offset: String(offset), quiet: '1', ...(process.env['PROFILE_D1'] === 'instant' ? { d1: 'instant' } : {}) };
    const url = `${stack.workerUrl}/v1/bench/accept?${new URLSearchParams(query)}`;
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
    if (!leaf || leaf.name.startsWith('(idle)') || leaf.name.startsWith('(root)')) return;
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
