// BENCHMARKS.md's operators section: search and export over 100,000 stored leads, and the alert
// messages of an outage (bench/operators.ts).
import type { BenchResults } from './results.ts';
import { markdownTable, ratio, round, withUnit } from './stats.ts';

export function operatorsSection(results: BenchResults): string[] {
  const measured = results.edge.operators;
  const title = '## Operators: search, export and alerts';
  if (!measured) return [title, '', 'Not measured in this run (see below).'];
  return [
    title,
    '',
    ...(results.operatorsMeasuredAt ? [`Measured on ${results.operatorsMeasuredAt.slice(0, 10)} by \`npm run bench:operators\`, alone, after the run above.`, ''] : []),
    `${measured.leads.toLocaleString('en')} leads in local D1 (test/edge/operators/scale.test.ts), ${measured.runs} queries each.`,
    '',
    markdownTable(
      ['measure', 'p50', 'p99', 'ratio to the scan (p50)'],
      [
        ['search by email prefix, through the lead_search index', withUnit(measured.search.p50, 'ms'), withUnit(measured.search.p99, 'ms'), ratio(measured.search.p50, measured.scan.p50)],
        ['the same search as a full scan of the submissions', withUnit(measured.scan.p50, 'ms'), withUnit(measured.scan.p99, 'ms'), '1'],
      ],
    ),
    '',
    `CSV export of all ${measured.leads.toLocaleString('en')} leads: ${round(measured.exportMs / 1000)} s, ${round(measured.exportBytes / 1e6)} MB, streamed in pages of 500. An outage of ${measured.outageLeads.toLocaleString('en')} dead leads: ${measured.alertMessages} alert message(s) (the first, then one digest).`,
  ];
}
