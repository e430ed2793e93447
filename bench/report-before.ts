// Issue 21's goals, each with its figure before the issue's work and now: the widget's from the
// run of bench:widget (which measures the reference build of the old widget beside widget.js),
// the Worker's from the run of bench:before (the old checkout and this one in one run), the counts
// from the tests that assert them.
import { WORKER_GZIP_BUDGET } from '../scripts/worker-bundle.ts';
import type { StartupSample } from './edge-bundle.ts';
import type { ProbeResult } from './edge-probe.ts';
import { APPEND_SCENARIOS, type AppendScenario } from './observer.ts';
import { CPU_GOAL, localD1Samples } from './report-edge.ts';
import { browserSummary, mainThread, observerSummary } from './report-widget.ts';
import type { BenchResults } from './results.ts';
import { bytes, markdownTable, median, ratio, round, withUnit } from './stats.ts';

/** A goal row: what, before, now, the goal, and whether now meets it (undefined: not measured; 'test': a test fails the build otherwise). */
type Row = [what: string, before: string, now: string, goal: string, met: boolean | undefined | 'test'];

const verdict = (met: Row[4]) => (met === 'test' ? 'met (its test)' : met === undefined ? 'not measured' : met ? 'met' : '**not met**');
const ms = (value: number) => withUnit(value, 'ms');

/**
 * Muted-log Worker JavaScript per lead with local D1 and the passthrough handler, medians of one
 * probe: the old checkout's probe has no instant-D1 row, so this one's must not be mixed in.
 */
function perLead(probe: ProbeResult): { workerMs: number; passthroughMs: number } {
  return { workerMs: median(localD1Samples(probe, 'muted').map((sample) => sample.workerMs)), passthroughMs: median(probe.passthroughMs) };
}

/** Import cost of one checkout: its sampled active time less the passthrough's (the request's own steps around the import). */
const importMs = (samples: StartupSample[], passthrough: StartupSample[]): number =>
  median(samples.map((sample) => sample.activeMs)) - median(passthrough.map((sample) => sample.activeMs));

function widgetRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const sizes = results.widget.sizes ?? [];
  const size = (what: string) => sizes.find((row) => row.what === what)?.gzip;
  const widgetNow = size('widget.js');
  const widgetBefore = sizes.find((row) => row.what.startsWith('widget.js before issue 21'))?.gzip;
  rows.push(['`widget.js` gzip, as a page first loads it', widgetBefore ? bytes(widgetBefore) : 'n/a', widgetNow ? bytes(widgetNow) : 'n/a', '≤ 4,000 B', widgetNow === undefined ? undefined : widgetNow <= 4000]);
  const issue21 = results.issue21;
  const attributionNow = size('attribution.js') ?? issue21?.after.attributionGzip;
  rows.push(['`attribution.js` gzip', issue21 ? bytes(issue21.before.attributionGzip) : 'n/a', attributionNow ? bytes(attributionNow) : 'n/a', '≤ 1,400 B', attributionNow === undefined ? undefined : attributionNow <= 1400]);

  const browser = results.widget.browser;
  if (browser) {
    const js = (name: string) => browserSummary(browser.samples, name, mainThread).median;
    const times = (name: string) => `${ms(js(name))}, ${ratio(js(name), js('storage'))}`;
    // The hand-written floor (read, write, mark the form) shows how much of the ratio any script doing a first visit's work pays.
    const floor = browser.variants.some((variant) => variant.name === 'floor') ? `; the first-visit floor: ${times('floor')}` : '';
    rows.push(['`widget.js` main-thread JS, first visit, × one `localStorage` write in the same run', times('widget-before'), `${times('widget')}${floor}`, '≤ 1.5×', js('widget') / js('storage') <= 1.5]);
    const cls = (name: string) => browserSummary(browser.samples, name, (sample) => sample.cls).max;
    rows.push(['layout shift (CLS) on the render path, worst load', round(cls('render-unkept')), round(cls('render')), '0', cls('render') === 0]);
  } else {
    rows.push(['`widget.js` main-thread JS, first visit, × one `localStorage` write in the same run', 'n/a', 'n/a', '≤ 1.5×', undefined]);
  }
  const observer = results.widget.observer;
  if (observer) {
    const worst = (variant: string) => Math.max(...(Object.keys(APPEND_SCENARIOS) as AppendScenario[]).map((scenario) => observerSummary(observer, variant, scenario, (sample) => sample.observerMs).median));
    rows.push(['the MutationObserver under 5,000 appended elements (the worst of the three ways of appending)', ms(worst('widget-before')), ms(worst('widget')), '≤ 5 ms', worst('widget') <= 5]);
  }
  return rows;
}

function workerRows(results: BenchResults): Row[] {
  const issue21 = results.issue21;
  if (!issue21) return [['the Worker: bundle, import and JavaScript per lead', 'n/a', 'n/a', '', undefined]];
  const { before, after, passthroughStartup } = issue21;
  const [importBefore, importNow] = [importMs(before.startup, passthroughStartup), importMs(after.startup, passthroughStartup)];
  const [leadBefore, leadNow] = [perLead(before.probe), perLead(after.probe)];
  const perLeadText = (figures: { workerMs: number; passthroughMs: number }) => `${ms(figures.workerMs)} (passthrough ${ms(figures.passthroughMs)}: ${ratio(figures.workerMs, figures.passthroughMs)})`;
  return [
    ['Worker bundle gzip (every uploaded module)', bytes(before.bundle.gzip), bytes(after.bundle.gzip), `≤ ${bytes(WORKER_GZIP_BUDGET)}`, after.bundle.gzip <= WORKER_GZIP_BUDGET],
    ['Worker import: a first request importing the bundle, sampled every 50 µs as active, less the passthrough\'s', ms(importBefore), ms(importNow), '≤ 25 ms', importNow <= 25],
    [
      'Worker JavaScript per accepted lead, `console.log` muted, × the passthrough\'s handler in the same probe',
      perLeadText(leadBefore),
      perLeadText(leadNow),
      `≤ ${ratio(CPU_GOAL.ratio, 1)} (${CPU_GOAL.ms} ms when the passthrough took ${CPU_GOAL.passthroughMs} ms)`,
      leadNow.workerMs / leadNow.passthroughMs <= CPU_GOAL.ratio,
    ],
  ];
}

/** What the tests count, not time: before as issue 21 counted it in the code of its commit. */
const COUNTED: Row[] = [
  ['storage writes on a page view that changes nothing (`test/widget/tracker.test.ts`)', '1', '0', '0', 'test'],
  ['provider mappings per lead (`test/edge/leads/accept.test.ts`)', 'up to 3', '1', '1', 'test'],
  ['D1 round trips per accepted lead (`test/edge/delivery/crash.test.ts`)', '3', '2', '2', 'test'],
  ['reading the lead body (`test/edge/http/read-body.test.ts`: over 32 KB answers 413 with or without Content-Length)', '`for await` over the stream', 'one `arrayBuffer()` call when the browser sent Content-Length (a capped reader without)', 'one call, the cap kept', 'test'],
];

/** The section, or nothing before any of its measures ran. */
export function issue21Section(results: BenchResults): string[] {
  const rows = [...widgetRows(results), ...workerRows(results), ...COUNTED];
  const when = results.issue21 ? `The Worker's rows were measured on ${results.issue21.measuredAt.slice(0, 10)} by \`npm run bench:before\`, which extracts commit ${results.issue21.commit.slice(0, 7)} (the last before issue 21's work) from git, builds it and measures its Worker and this one's in the same run; ` : 'The Worker\'s rows need `npm run bench:before`; ';
  return [
    '## Issue 21: before and after',
    '',
    `${when}the widget's rows are the run of \`npm run bench:widget\` above, which measures the widget of that commit (\`bench/reference/widget-before-issue-21.js\`) beside \`widget.js\`. The last rows are counts the tests assert, not timings.`,
    '',
    markdownTable(['what', 'before issue 21', 'now', 'goal', ''], rows.map(([what, before, now, goal, met]) => [what, before, now, goal, verdict(met)])),
  ];
}
