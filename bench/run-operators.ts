// `npm run bench:operators`: only the operators' measures (about a minute), merged into the last
// full run's bench/results.json, then BENCHMARKS.md rendered again. `npm run bench` runs them too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { measureOperators } from './operators.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';

const path = join(ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
results.operatorsMeasuredAt = new Date().toISOString();
results.edge.operators = measureOperators();
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
console.log(`[bench] operators: ${JSON.stringify(results.edge.operators)}`);
