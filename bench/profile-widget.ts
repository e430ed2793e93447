// `npx node bench/profile-widget.ts [rounds] [file[+warm]…]`: where a script's main-thread time goes on the
// bench's first visit (bench/browser.ts's page, fresh context per load, URL with a campaign).
// Not a benchmark (no baseline, no report): a tool to read before cutting. For every load it takes a
// Chromium trace with V8's sampling profiler on, then prints, summed over the loads and divided by
// their number: the script's main-thread JS as the bench counts it, the trace events nested in it
// (compiling, GC, layout…), and the profiler's samples inside it by function, self and total.
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { benchChromium, readServed, serve, type BrowserVariant } from './browser.ts';
import type { TraceEvent } from './trace.ts';

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}
interface ProfileEvent extends TraceEvent {
  id?: string;
  args?: TraceEvent['args'] & { data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[]; startTime?: number } };
}

const rounds = Number(process.argv[2] ?? 15);
const paths = process.argv.slice(3);
const scripts = paths.length ? paths : [join(ROOT, 'dist', 'widget.js')];
// A path ending in +warm: the page touches localStorage before the script, so the script's first storage access is not its first.
const served = new Map(scripts.map((path, index) => [`p${index}.js`, path.replace(/\+warm$/, '')]));
const variants: BrowserVariant[] = scripts.map((path, index) => ({ name: `p${index}`, label: path, file: `p${index}.js`, body: 'form', enhances: false, ...(path.endsWith('+warm') ? { snippet: "localStorage.getItem('warm')" } : {}) }));
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires', '__metadata'];

const add = (table: Map<string, number>, key: string, value: number) => table.set(key, (table.get(key) ?? 0) + value);
const frameName = ({ functionName, url, lineNumber, columnNumber }: ProfileNode['callFrame']) =>
  `${functionName || '(anonymous)'}${url ? ` ${url.split('/').pop()}:${(lineNumber ?? 0) + 1}:${(columnNumber ?? 0) + 1}` : ''}`;

/** The samples of every profile in `events` on `thread`, as [timestamp µs, stack innermost first]. */
function samplesOf(events: readonly ProfileEvent[], thread: string): Array<[number, ProfileNode[]]> {
  const nodes = new Map<number, ProfileNode>();
  const out: Array<[number, ProfileNode[]]> = [];
  // The Profile event is on the profiled thread, its chunks on the profiler's, matched by id.
  const profile = events.find((event) => event.name === 'Profile' && `${event.pid}:${event.tid}` === thread);
  let time = profile?.args?.data?.startTime ?? 0;
  for (const event of events) {
    if (event.name !== 'ProfileChunk' || event.pid !== profile?.pid || event.id !== profile.id) continue;
    for (const node of event.args?.data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = event.args?.data?.cpuProfile?.samples ?? [];
    const deltas = event.args?.data?.timeDeltas ?? [];
    samples.forEach((id, index) => {
      time += deltas[index] ?? 0;
      const stack: ProfileNode[] = [];
      for (let node = nodes.get(id); node; node = node.parent === undefined ? undefined : nodes.get(node.parent)) stack.push(node);
      out.push([time, stack]);
    });
  }
  return out;
}

const { server, url } = await serve(variants, readServed(served));
const browser = await benchChromium();
try {
  for (const variant of variants) {
    const nested = new Map<string, number>();
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let scriptMs = 0;
    let sampleMs = 0;
    for (let round = 0; round < rounds; round++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await browser.startTracing(tab, { categories: CATEGORIES });
      await tab.goto(`${url}/${variant.name}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0Kbench`, { waitUntil: 'load' });
      await tab.waitForFunction(() => (window as unknown as { __bench: { loaded?: number } }).__bench.loaded !== undefined);
      await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: ProfileEvent[] }).traceEvents;
      await context.close();
      const mine = events.filter((event) => event.ph === 'X' && ['EvaluateScript', 'FunctionCall'].includes(event.name) && (event.args?.data?.url ?? '').endsWith(`/s/${variant.file}`));
      const thread = mine[0] ? `${mine[0].pid}:${mine[0].tid}` : '';
      const windows = mine.map((event) => [event.ts, event.ts + (event.dur ?? 0)] as const);
      const inside = (ts: number) => windows.some(([start, end]) => ts >= start && ts < end);
      scriptMs += mine.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000;
      // Every complete event nested in the script's own, with its self time (children taken out).
      const children = events.filter((event) => event.ph === 'X' && `${event.pid}:${event.tid}` === thread && inside(event.ts) && !mine.includes(event)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
      for (const event of children) {
        const end = event.ts + (event.dur ?? 0);
        const grandchildren = children.filter((other) => other !== event && other.ts >= event.ts && other.ts + (other.dur ?? 0) <= end && !children.some((mid) => mid !== event && mid !== other && mid.ts >= event.ts && mid.ts + (mid.dur ?? 0) <= end && other.ts >= mid.ts && other.ts + (other.dur ?? 0) <= mid.ts + (mid.dur ?? 0)));
        add(nested, `${event.name}${event.args?.data?.url ? ` ${event.args.data.url.replace(url, '')}` : ''}`, ((event.dur ?? 0) - grandchildren.reduce((sum, child) => sum + (child.dur ?? 0), 0)) / 1000);
      }
      const samples = samplesOf(events, thread).filter(([ts]) => inside(ts));
      for (let index = 0; index < samples.length; index++) {
        const [ts, stack] = samples[index]!;
        const next = samples[index + 1]?.[0];
        const ms = next !== undefined && next - ts < 1000 ? (next - ts) / 1000 : 0.1;
        sampleMs += ms;
        if (stack[0]) add(self, frameName(stack[0].callFrame), ms);
        for (const name of new Set(stack.map((node) => frameName(node.callFrame)))) add(total, name, ms);
      }
    }
    const print = (title: string, table: Map<string, number>, limit: number) => {
      console.log(`  ${title}`);
      for (const [name, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`    ${(ms / rounds).toFixed(3).padStart(7)} ms  ${name}`);
    };
    console.log(`${variant.label}: ${rounds} loads, main-thread JS ${(scriptMs / rounds).toFixed(3)} ms a load, ${(sampleMs / rounds).toFixed(3)} ms sampled`);
    print('trace events inside it, self time', nested, 25);
    print('profiler samples, self', self, 30);
    print('profiler samples, total', total, 40);
  }
} finally {
  await browser.close();
  server.close();
}
