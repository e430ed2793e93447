// Fails when a built browser file outgrows its gzip budget; prints every size either way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './local-stack.ts';

/** Gzip budgets in bytes of the files a site owner's visitors download. */
const BUDGETS: Record<string, number> = {
  'dist/widget.js': 5 * 1024,
};

let over = 0;
for (const [file, budget] of Object.entries(BUDGETS)) {
  const size = gzipSync(readFileSync(join(ROOT, file)), { level: 9 }).length;
  const verdict = size <= budget ? 'ok' : 'OVER BUDGET';
  if (size > budget) over++;
  console.log(`size: ${file} ${size} B gzip (budget ${budget} B) ${verdict}`);
}
process.exitCode = over > 0 ? 1 : 0;
