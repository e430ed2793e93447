// The operators' measures (test/edge/operators/scale.test.ts, in workerd with local D1): search
// through the lead_search index against a full scan, the CSV export, both over 100,000 leads, and
// the alert messages an outage of 1,000 dead leads makes. The test prints one OPERATORS_MEASURE
// JSON line per part; this runs it and reads them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';

export interface OperatorsResult {
  leads: number;
  runs: number;
  search: { p50: number; p99: number };
  scan: { p50: number; p99: number };
  exportMs: number;
  exportBytes: number;
  outageLeads: number;
  alertMessages: number;
}

export function measureOperators(): OperatorsResult {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'edge', 'test/edge/operators/scale.test.ts', '--silent=false'], {
    cwd: ROOT,
    encoding: 'utf8',
    // Seeding 100,000 leads and exporting them takes about a minute on a busy 2-core machine.
    timeout: 600_000,
  });
  const parts = `${run.stdout}${run.stderr}`.split('\n').flatMap((line) => {
    const at = line.indexOf('OPERATORS_MEASURE ');
    return at < 0 ? [] : [JSON.parse(line.slice(at + 'OPERATORS_MEASURE '.length)) as Partial<OperatorsResult>];
  });
  const result = Object.assign({}, ...parts) as OperatorsResult;
  if (run.status !== 0 || result.search === undefined || result.alertMessages === undefined) throw new Error(`test/edge/operators/scale.test.ts failed (exit ${run.status}): ${run.stderr.slice(-500)}`);
  return result;
}
