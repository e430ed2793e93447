// Prints the gzip size of every browser file a page downloads and fails when one is over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './local-stack.ts';

const gzip = (file: string): number => gzipSync(readFileSync(join(ROOT, 'dist', file)), { level: 9 }).length;

/**
 * An ESM entry of dist/lib with every chunk it imports statically, found by following its import
 * statements: what a bundler ships for that entry. Dynamic imports (lazy chunks) are left out.
 */
function withStaticImports(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+)["']/g)) {
      visit(join('lib', specifier ?? ''));
    }
  };
  visit(entry);
  return [...seen];
}

/** What a page pays for each way in, in gzip bytes, and its budget (issue: widget size budgets). */
const BUDGETS: Array<{ what: string; files: string[]; budget?: number; enforced?: boolean }> = [
  { what: 'attribution.js', files: ['attribution.js'], budget: 1536 },
  { what: 'widget.js', files: ['widget.js'], budget: 5120 },
  { what: 'widget.js + render.js (a form rendered from config)', files: ['widget.js', 'render.js'], budget: 10240 },
  // Not met: the component carries attribution, form behaviour, the outbox and en/ar (README, Size).
  { what: 'Preact component entry with its chunks, without preact', files: withStaticImports('lib/preact.js'), budget: 4096, enforced: false },
  { what: 'plain API entry with its chunks', files: withStaticImports('lib/index.js') },
  { what: 'turnstile.js, loaded only for forms with data-turnstile-sitekey', files: ['turnstile.js'] },
];

let failed = 0;
for (const { what, files, budget, enforced = true } of BUDGETS) {
  const size = files.reduce((total, file) => total + gzip(file), 0);
  const over = budget !== undefined && size > budget;
  if (over && enforced) failed++;
  const verdict = budget === undefined ? '' : ` (budget ${budget} B) ${!over ? 'ok' : enforced ? 'OVER BUDGET' : 'over its target (not enforced yet)'}`;
  console.log(`size: ${what}: ${size} B gzip${verdict}`);
}
process.exitCode = failed > 0 ? 1 : 0;
