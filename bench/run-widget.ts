// `npm run bench:widget`: only the widget's measures (a few minutes), merged into the last full
// run's bench/results.json, then BENCHMARKS.md rendered again: for a busy machine, where the whole
// `npm run bench` would not finish within its deadline. Every widget ratio is within this run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { measurer } from './measure.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';
import { measureWidget } from './widget-measures.ts';

const path = join(ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
results.plan = { ...results.plan, browserRounds: 21, observerRounds: 5 };
results.widgetMeasuredAt = new Date().toISOString();
const widgetMeasures = ['widget bytes against peers', 'main-thread cost in Chromium', 'MutationObserver under 5,000 appended elements'];
results.errors = results.errors.filter((error) => !widgetMeasures.includes(error.measure));
await measureWidget(results, measurer(results.errors));
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
console.log(`[bench] widget measured; wrote BENCHMARKS.md and bench/results.json${results.errors.length ? ` (${results.errors.length} measure(s) failed)` : ''}`);
process.exitCode = results.errors.length > 0 ? 1 : 0;
