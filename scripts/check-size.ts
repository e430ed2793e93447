// Prints the gzip size of every browser file a page downloads and fails when one is over budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './local-stack.ts';

const gzip = (file: string): number => gzipSync(readFileSync(join(ROOT, 'dist', file)), { level: 9 }).length;
/** The ESM chunks a library entry imports, found by name in dist/lib. */
const libChunks = (): string[] => readdirSync(join(ROOT, 'dist', 'lib')).filter((name) => /^api-.*\.js$/.test(name)).map((name) => `lib/${name}`);

/** What a page pays for each way in, in gzip bytes, and its budget (issue: widget size budgets). */
const BUDGETS: Array<{ what: string; files: string[]; budget: number; enforced: boolean }> = [
  { what: 'attribution.js', files: ['attribution.js'], budget: 1536, enforced: true },
  { what: 'widget.js', files: ['widget.js'], budget: 5120, enforced: true },
  { what: 'widget.js + render.js (a rendered form, Preact included)', files: ['widget.js', 'render.js'], budget: 10240, enforced: true },
  // Not met yet: the component carries attribution, form behaviour and en/ar messages (see README, Size).
  { what: 'Preact component entry, without preact', files: ['lib/preact.js', ...libChunks()], budget: 4096, enforced: false },
];

let failed = 0;
for (const { what, files, budget, enforced } of BUDGETS) {
  const size = files.reduce((total, file) => total + gzip(file), 0);
  const verdict = size <= budget ? 'ok' : enforced ? 'OVER BUDGET' : 'over its target (not enforced yet)';
  if (size > budget && enforced) failed++;
  console.log(`size: ${what}: ${size} B gzip (budget ${budget} B) ${verdict}`);
}
process.exitCode = failed > 0 ? 1 : 0;
