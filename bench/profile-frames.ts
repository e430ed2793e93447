// Names for a V8 CPU profile's frames of a Worker bundled by wrangler dev: each frame by its
// original source file and line, through the bundle's source map, and the part of the code it is.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';

/** A frame as V8's Profiler reports it. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** The bundle wrangler dev serves (its `.wrangler/tmp/dev-*` folder, which it deletes on exit). */
export const bundlePath = (bundle: string): string | undefined =>
  readdirSync(join(ROOT, '.wrangler', 'tmp'))
    .filter((dir) => dir.startsWith('dev-') && existsSync(join(ROOT, '.wrangler', 'tmp', dir, bundle)))
    .map((dir) => join(ROOT, '.wrangler', 'tmp', dir, bundle))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];

/**
 * Names a frame by its original source, through the source map of the bundle wrangler dev serves
 * (its `.wrangler/tmp/dev-*` folder, read while wrangler runs: it deletes the folder on exit).
 */
export function namer(bundle: string) {
  const newest = bundlePath(bundle);
  const map = newest && existsSync(`${newest}.map`) ? new SourceMap(JSON.parse(readFileSync(`${newest}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : undefined;
  if (!map) console.log(`  (no source map of ${bundle} found: frames keep the bundle's names)`);
  const cache = new Map<string, { source: string; name: string }>();
  return (frame: CallFrame): { source: string; name: string } => {
    const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
    let named = cache.get(key);
    if (!named) {
      const entry = frame.url === bundle ? map?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
      // An empty object where the map has no entry; originalSource missing on some entries.
      const original = entry && 'originalSource' in entry && typeof entry.originalSource === 'string' ? (entry as SourceMapping) : undefined;
      const source = original ? original.originalSource.replace(/^.*?\/(node_modules|edge|shared|bench|test)\//, '$1/') : frame.url || `(${frame.functionName || 'native'})`;
      const functionName = frame.functionName || '(anonymous)';
      named = { source, name: `${functionName} ${original ? `${source}:${original.originalLine + 1}` : source}` };
      cache.set(key, named);
    }
    return named;
  };
}

/** Which part of the code a source file is: a library, the Worker, the bench, workerd's own. */
export function area(source: string): string {
  const library = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (library) return `library ${library[1]}`;
  if (source.startsWith('edge/')) return `edge/${source.split('/')[1]?.replace(/\.ts$/, '') ?? ''}`;
  if (source.startsWith('shared/')) return 'shared';
  if (source.startsWith('bench/') || source.startsWith('test/')) return `bench ${source}`;
  return source;
}
