// The widget's part of BENCHMARKS.md: bytes against peers, main-thread cost in Chromium.
import type { BrowserSample } from './browser.ts';
import { APPEND_SCENARIOS, type AppendScenario, type ObserverSample } from './observer.ts';
import type { BenchResults } from './results.ts';
import { bytes, markdownTable, ratio, round, spread, summarize, withUnit, type Summary } from './stats.ts';
import type { SizeRow } from './widget-size.ts';

const JOBS: Record<SizeRow['job'], string> = {
  attribution: 'attribution only',
  forms: 'enhancing a form',
  rendering: 'rendering a form',
  component: 'component for bundlers',
};

const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${bytes(Math.abs(value))}`;

/** The bytes table: our files first within each job, then the peers doing the same job. */
export function sizeSection(rows: SizeRow[]): string[] {
  const order: SizeRow['job'][] = ['attribution', 'forms', 'rendering', 'component'];
  // Our files first within each job, then the peers doing the same.
  const sorted = order.flatMap((job) => rows.filter((row) => row.job === job).sort((a, b) => Number(b.ours) - Number(a.ours)));
  const table = markdownTable(
    ['does', 'script', 'minified', 'gzip -9', 'brotli', 'as its package publishes it, gzip -9'],
    sorted.map((row) => [JOBS[row.job], row.ours ? `**${row.what}**` : row.what, bytes(row.raw), bytes(row.gzip), bytes(row.brotli), row.publishedGzip ? `${bytes(row.publishedGzip)} (\`${row.publishedFile}\`)` : '']),
  );
  return ['## Widget bytes', '', table];
}

/** Sentences comparing our files with the peers that do the same job. */
export function sizeReading(rows: SizeRow[]): string[] {
  const find = (what: string) => rows.find((row) => row.what.startsWith(what));
  const lines: string[] = [];
  const attribution = rows.find((row) => row.what === 'attribution.js');
  const landing = find('attribution.js + touch.js');
  const sourcebuster = find('sourcebuster');
  const grabber = find('@apollo/utm-grabber');
  if (attribution && landing && sourcebuster && grabber) {
    lines.push(
      `- \`attribution.js\` is ${bytes(attribution.gzip)} gzip, all a page view pays when it cannot change what is stored (a click inside the site); a landing (campaign parameters, a referrer of another host, a first visit) also fetches its tracker, \`touch.js\`: ${bytes(landing.gzip)} together, ${signed(landing.gzip - sourcebuster.gzip)} against sourcebuster and ${signed(landing.gzip - grabber.gzip)} against @apollo/utm-grabber, which keeps the UTM parameters (or a source taken from the referrer) in cookies, current and first known, without click ids, consent, hidden inputs or an API.`,
    );
  }
  const site = find('site.js');
  if (site) {
    lines.push(
      `- \`site.js\`, ${bytes(site.gzip)} gzip, is fetched by \`widget.js\` only for a page view that needs it (\`touch.js\` has it built in): one from another host (is it the site itself, or a payment page?), with a Worker that may be on the site (the same-site cookie mode), or with \`data-cookie-domain\`.`,
    );
  }
  const widget = rows.find((row) => row.what === 'widget.js');
  const formspree = find('@formspree/ajax');
  const submit = find('submit.js');
  const before = find('widget.js before issue 21');
  if (widget && formspree) {
    lines.push(
      `- \`widget.js\` is ${bytes(widget.gzip)} gzip as a page first loads it, ${signed(widget.gzip - formspree.gzip)} against @formspree/ajax built the same way${before ? ` (before issue 21: ${bytes(before.gzip)})` : ''}; it carries the attribution of \`attribution.js\` and takes over the forms at once, and fetches its submit path${submit ? ` (\`submit.js\`, ${bytes(submit.gzip)}: field checks in the browser, posting, the outbox, en/ar messages)` : ''} on the first focus in a form, none of which @formspree/ajax has (it shows the errors Formspree's server returns).`,
    );
  }
  const render = find('render.js (');
  const floor = find('preact h + render');
  if (render && floor) {
    lines.push(`- \`render.js\`, loaded only on pages where the widget renders the form, is ${bytes(render.gzip)} gzip; Preact's \`h\` and \`render\` alone, the floor for rendering with Preact, are ${bytes(floor.gzip)} (${signed(render.gzip - floor.gzip)}).`);
  }
  const component = find('Preact component entry');
  if (component && widget) {
    lines.push(
      `- The Preact component entry adds ${bytes(component.gzip)} gzip to an app's bundle besides preact itself (${signed(component.gzip - widget.gzip)} against \`widget.js\`): the same attribution, checks and browser outbox, with English labels built in (its sentences come with the submit path, a chunk fetched on the first focus); Preact renders the form, and Arabic is a chunk only Arabic forms fetch.`,
    );
  }
  return lines;
}

export const browserSummary = (samples: BrowserSample[], name: string, pick: (sample: BrowserSample) => number): Summary => summarize(samples.filter((sample) => sample.variant === name).map(pick));
export const mainThread = (sample: BrowserSample): number => sample.evaluateMs + sample.callbacksMs;

/** The Chromium table: main-thread JS and time to an enhanced form, each against the empty script. */
export function browserSection(results: NonNullable<BenchResults['widget']['browser']>): string[] {
  const { samples, variants } = results;
  const baseline = (pick: (sample: BrowserSample) => number) => browserSummary(samples, 'empty', pick).median;
  const rows = variants.map((variant) => {
    const js = browserSummary(samples, variant.name, mainThread);
    const cpu = browserSummary(samples, variant.name, (sample) => sample.threadMs);
    const ready = browserSummary(samples, variant.name, (sample) => sample.readyMs);
    const afterArrival = browserSummary(samples, variant.name, (sample) => sample.afterArrivalMs);
    return [
      variant.label,
      spread(js, 'ms'),
      variant.name === 'empty' ? '1×' : ratio(js.median, baseline(mainThread)),
      spread(cpu, 'ms'),
      `${spread(ready, 'ms')}${variant.enhances ? '' : ' (loaded)'}`,
      variant.name === 'empty' ? '1×' : ratio(ready.median, baseline((sample) => sample.readyMs)),
      spread(afterArrival, 'ms'),
      variant.name === 'empty' ? '1×' : ratio(afterArrival.median, baseline((sample) => sample.afterArrivalMs)),
      round(browserSummary(samples, variant.name, (sample) => sample.cls).max),
    ];
  });
  const table = markdownTable(
    ['script (async, in `<head>`)', 'main-thread JS', '× empty', 'of it on the CPU (thread time)', 'form enhanced (or script loaded), from navigation start', '× empty', "the same, from the script's arrival", '× empty', 'layout shift (CLS), worst load'],
    rows,
  );
  return ['## Main-thread cost in Chromium', '', table];
}

/** A sentence on what the script costs a page, with the localStorage reference and the first-visit floor. */
export function browserReading(results: NonNullable<BenchResults['widget']['browser']>): string[] {
  const js = (name: string) => browserSummary(results.samples, name, mainThread).median;
  const cpu = (name: string) => browserSummary(results.samples, name, (sample) => sample.threadMs).median;
  const ready = (name: string) => browserSummary(results.samples, name, (sample) => sample.readyMs).median;
  if (!results.variants.some((variant) => variant.name === 'widget')) return [];
  // Results from before the floor variant have no floor row.
  const floor = results.variants.some((variant) => variant.name === 'floor')
    ? ` The first-visit floor, a hand-written script that only reads the stored attribution, writes the new one and marks the form (\`bench/reference/first-visit-floor.js\`), takes ${withUnit(js('floor'), 'ms')} (${withUnit(cpu('floor'), 'ms')} on the CPU), ${ratio(js('floor'), js('storage'))} the one write; \`widget.js\` is ${ratio(js('widget'), js('floor'))} the floor.`
    : '';
  return [
    `- On a first visit \`widget.js\` runs ${withUnit(js('widget'), 'ms')} of JavaScript on the main thread (an empty script: ${withUnit(js('empty'), 'ms')}; \`attribution.js\` with the \`touch.js\` this landing fetches: ${withUnit(js('attribution'), 'ms')}); the form is enhanced ${withUnit(ready('widget'), 'ms')} after navigation start, where the empty script has loaded at ${withUnit(ready('empty'), 'ms')} (${ratio(ready('widget'), ready('empty'))}).`,
    `- A script that only writes one \`localStorage\` key takes ${withUnit(js('storage'), 'ms')}, ${withUnit(cpu('storage'), 'ms')} of it on the CPU: the rest is time off the CPU, mostly waiting at the first storage access of a fresh profile (Chromium loads the storage area with a synchronous call to the browser process; every load here is one), which any script keeping attribution in \`localStorage\` pays once. \`widget.js\` is ${ratio(js('widget'), js('storage'))} that one write (issue 21 asks for 1.5×), ${withUnit(cpu('widget'), 'ms')} of it on the CPU.${floor}`,
  ];
}

export const observerSummary = (samples: ObserverSample[], variant: string, scenario: AppendScenario, pick: (sample: ObserverSample) => number): Summary =>
  summarize(samples.filter((sample) => sample.variant === variant && sample.scenario === scenario).map(pick));

/** The MutationObserver table: each way of appending 5,000 elements, the page alone and with widget.js now and before. */
export function observerSection(samples: ObserverSample[]): string[] {
  const rows = (Object.keys(APPEND_SCENARIOS) as AppendScenario[]).map((scenario) => {
    const total = (variant: string) => observerSummary(samples, variant, scenario, (sample) => sample.totalMs);
    const callbacks = (variant: string) => observerSummary(samples, variant, scenario, (sample) => sample.observerMs);
    return [
      `5,000 elements ${APPEND_SCENARIOS[scenario]}`,
      spread(total('empty'), 'ms'),
      spread(callbacks('widget'), 'ms'),
      `${spread(total('widget'), 'ms')}, ${ratio(total('widget').median, total('empty').median)}`,
      spread(callbacks('widget-before'), 'ms'),
      `${spread(total('widget-before'), 'ms')}, ${ratio(total('widget-before').median, total('empty').median)}`,
    ];
  });
  const table = markdownTable(['appends, after the form is enhanced', 'page alone (empty script)', "widget.js: in its observer's callbacks", 'widget.js: the page\'s appends, × alone', 'before issue 21: in its observer', 'before issue 21: the page\'s appends, × alone'], rows);
  return ['## The widget\'s MutationObserver under a single-page app', '', table];
}

/** A sentence on the observer's cost, now and before. */
export function observerReading(samples: ObserverSample[]): string[] {
  const worst = (variant: string) => Math.max(...(Object.keys(APPEND_SCENARIOS) as AppendScenario[]).map((scenario) => observerSummary(samples, variant, scenario, (sample) => sample.observerMs).median));
  if (!samples.some((sample) => sample.variant === 'widget')) return [];
  return [`- When a page appends 5,000 elements, \`widget.js\`'s MutationObserver spends at most ${withUnit(worst('widget'), 'ms')} (median of the worst way of appending), against ${withUnit(worst('widget-before'), 'ms')} before issue 21, which searched the added node's whole parent again for every node.`];
}
