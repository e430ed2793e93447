// BENCHMARKS.md from the raw numbers of one run: a short reading, the tables, and how each number
// is measured. Pure: the same results always give the same text.
import { bundleSection, phoneMetadataSection, buildSection, edgeCostSection, edgeReading, noLossSection, throughputSection, waitSection } from './report-edge.ts';
import { issue21Section } from './report-before.ts';
import { crashReading, crashSection } from './report-crash.ts';
import { howMeasured } from './report-method.ts';
import { operatorsSection } from './report-operators.ts';
import { browserReading, browserSection, observerReading, observerSection, sizeReading, sizeSection } from './report-widget.ts';
import type { BenchResults } from './results.ts';
import { round } from './stats.ts';

/** BENCHMARKS.md for `results`. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const sizes = results.widget.sizes;
  const browser = results.widget.browser;
  const observer = results.widget.observer;
  const reading = [...(sizes ? sizeReading(sizes) : []), ...(browser ? browserReading(browser) : []), ...(observer ? observerReading(observer) : []), ...edgeReading(results), ...crashReading(results)];
  const sections = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${results.startedAt.slice(0, 10)}; raw numbers in [bench/results.json](bench/results.json). Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}, wrangler ${machine.wrangler}, workerd ${machine.workerd}. The run took ${round(results.durationMs / 1000)} s. Numbers are medians with their interquartile range (a–b); they move by several percent between runs on a shared machine, ratios less.`,
    '',
    ...(results.widgetMeasuredAt ? [`The widget's rows (bytes, Chromium, MutationObserver) were measured on ${results.widgetMeasuredAt.slice(0, 10)} by \`npm run bench:widget\`, alone, after that run; their ratios are within that measure.`, ''] : []),
    ...(results.workerMeasuredAt ? [`The Worker's own rows (cost per lead in the probe, request building, bundle, startup and phone metadata) were measured on ${results.workerMeasuredAt.slice(0, 10)} by \`npm run bench:worker\`, alone, after that run; the rows over HTTP, the no-loss checks and the local stack's start are that run's.`, ''] : []),
    '## Reading',
    '',
    ...(reading.length ? reading : ['- Nothing was measured (see below).']),
    '',
    ...issue21Section(results),
    '',
    ...(sizes ? sizeSection(sizes) : ['## Widget bytes', '', 'Not measured in this run (see below).']),
    '',
    ...(browser ? browserSection(browser) : ['## Main-thread cost in Chromium', '', 'Not measured in this run (see below).']),
    '',
    ...(observer ? [...observerSection(observer), ''] : []),
    ...edgeCostSection(results),
    '',
    ...buildSection(results),
    '',
    ...throughputSection(results),
    '',
    ...waitSection(results),
    '',
    ...operatorsSection(results),
    '',
    ...bundleSection(results),
    '',
    ...phoneMetadataSection(results),
    '',
    ...noLossSection(results),
    '',
    ...crashSection(results),
    '',
    ...howMeasured(results),
    '',
    '## Not measured',
    '',
    ...(results.errors.length ? results.errors.map((error) => `- ${error.measure}: ${error.error.split('\n')[0]}`) : []),
    '- CPU time on Cloudflare itself: every figure here is local workerd on this machine. Cloudflare reports CPU time per request in its dashboard and Workers Logs once deployed.',
    '- The provider network: the probe answers for the providers, and over HTTP the providers are local stand-ins.',
    '',
  ];
  return sections.join('\n');
}
