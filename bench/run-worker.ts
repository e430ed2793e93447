// `npm run bench:worker`: only the Worker's own measures (a few minutes): its bundle, the phone
// metadata verdicts, its startup (profiled as `wrangler check startup` does), and the probe's cost per lead and
// request building, merged into the last full run's bench/results.json, then BENCHMARKS.md
// rendered again. The HTTP, no-loss and crash rows stay those of their own runs; every ratio of
// these rows is within this run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { measurer } from './measure.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';
import { FULL_PLAN } from './plans.ts';
import { measureWorker, WORKER_MEASURES } from './worker-measures.ts';

const path = join(ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
results.plan = { ...results.plan, startupRuns: FULL_PLAN.startupRuns, probe: FULL_PLAN.probe };
results.workerMeasuredAt = new Date().toISOString();
results.errors = results.errors.filter((error) => !(WORKER_MEASURES as readonly string[]).includes(error.measure));
await measureWorker(results, measurer(results.errors), `${Date.now().toString(36).slice(-6)}p`);
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
console.log(`[bench] Worker measured; wrote BENCHMARKS.md and bench/results.json${results.errors.length ? ` (${results.errors.length} measure(s) failed)` : ''}`);
process.exitCode = results.errors.length > 0 ? 1 : 0;
