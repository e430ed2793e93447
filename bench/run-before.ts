// `npm run bench:before`: issue 21's before and after (bench/before-issue-21.ts; a quarter of an
// hour on 2 cores), merged into the last full run's bench/results.json, then BENCHMARKS.md
// rendered again. Every before-and-after ratio of its section is within this run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { BEFORE_AFTER_MEASURE, measureBeforeAfter } from './before-issue-21.ts';
import { measurer } from './measure.ts';
import { FULL_PLAN, QUICK_PLAN } from './plans.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';

const path = join(ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
results.errors = results.errors.filter((error) => error.measure !== BEFORE_AFTER_MEASURE);
const measuredAt = new Date().toISOString();
// --quick: to try a change to this measure; its numbers are not for BENCHMARKS.md.
const plan = process.argv.includes('--quick') ? QUICK_PLAN : FULL_PLAN;
const beforeAfter = await measurer(results.errors)(BEFORE_AFTER_MEASURE, () => measureBeforeAfter(plan, `${Date.now().toString(36).slice(-6)}i`));
if (beforeAfter) results.issue21 = { measuredAt, ...beforeAfter };
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
console.log(`[bench] before and after issue 21 measured; wrote BENCHMARKS.md and bench/results.json${results.errors.length ? ` (${results.errors.length} measure(s) failed)` : ''}`);
process.exitCode = results.errors.length > 0 ? 1 : 0;
