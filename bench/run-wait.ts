// `npm run bench:wait`: only the bounded-wait measure (about a minute), merged into the last
// full run's bench/results.json, then BENCHMARKS.md rendered again. `npm run bench` runs it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { measureWait } from './edge-wait.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';

const path = join(ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
const leads = 5;
results.plan.waitLeads = leads;
results.waitMeasuredAt = new Date().toISOString();
results.edge.wait = await measureWait(leads, `${Date.now().toString(36).slice(-6)}w`);
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
for (const row of results.edge.wait) console.log(`[bench] provider ${row.providerMs} ms: answer ${Math.round(row.answerMs.median)} ms (${JSON.stringify(row.answered)}), D1 ${JSON.stringify(row.stored)}`);
