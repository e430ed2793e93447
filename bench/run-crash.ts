// `npm run bench:crash`: only the crash phase of the no-loss check (a few minutes), merged into
// the last full run's bench/results.json, then BENCHMARKS.md rendered again. `npm run bench` runs
// it too. Exits 1 when an accepted lead was lost, left unsettled or not delivered exactly once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { CRASH_PLANS, runCrashPhase } from './edge-crash.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';

const path = join(ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
results.plan.crash = CRASH_PLANS.full;
results.crashMeasuredAt = new Date().toISOString();
const crash = await runCrashPhase(CRASH_PLANS.full, `${Date.now().toString(36).slice(-6)}c`);
results.edge.crash = crash;
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
console.log(
  `[bench] crash phase: ${crash.kills.length} kills, ${crash.accepted} accepted, ${crash.unknownAttempts} cut off mid-send, ${crash.missing} missing, ${crash.unsettled} unsettled, ${crash.wrong.length} wrong, ${crash.deliveredOnce} delivered exactly once: ${crash.ok ? 'passed' : 'FAILED'}`,
);
process.exitCode = crash.ok ? 0 : 1;
