// Type declarations for the npm package: tsc (tsconfig.lib.json) emits dist/lib/types/ from the
// sources vite bundled into dist/lib/, then relative `.ts` specifiers become `.js`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Emits the declarations into `<root>/dist/lib/types`; throws with tsc's output when it fails. */
export function emitLibTypes(root: string): void {
  const outDir = join(root, 'dist', 'lib', 'types');
  rmSync(outDir, { recursive: true, force: true });
  const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.lib.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`[build] tsc -p tsconfig.lib.json failed:\n${tsc.stdout}${tsc.stderr}`);
  // TypeScript 7 keeps `from '../api.ts'` as written. A `.js` specifier resolves to the `.d.ts`
  // beside it in every TypeScript version and module resolution mode a consumer may use.
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.tsx?\2/g, '$1$2$3.js$2'));
  }
}
