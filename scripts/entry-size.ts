// What an app pays for one ESM entry of the npm package: the entry and everything it imports
// statically, bundled into one module (preact left out, as the app has it anyway) and minified,
// as the app's own production build does. Lazy chunks (dynamic imports) are measured apart.
import { join } from 'node:path';
import { minify } from 'terser';
import { build } from 'vite';
import { TERSER_OPTIONS } from '../vite.config.ts';
import { ROOT } from './local-stack.ts';

/** The entry as one minified module, and each chunk it loads on demand. */
export interface EntryBundle {
  code: string;
  lazy: Array<{ chunk: string; code: string }>;
}

export async function bundleEntry(entry: string): Promise<EntryBundle> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      write: false,
      target: 'es2020',
      // Minified below with comments dropped: an app's build strips the annotations a library keeps.
      minify: false,
      lib: { entry: join(ROOT, entry), formats: ['es'], fileName: () => 'entry.js' },
      rollupOptions: { external: [/^preact($|\/)/] },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((item) => ('output' in item ? item.output : []));
  const chunks: Array<{ chunk: string; code: string; isEntry: boolean }> = [];
  for (const output of outputs) {
    if (output.type !== 'chunk') continue;
    const { code = '' } = await minify(output.code, { ...TERSER_OPTIONS, module: true, format: { comments: false } });
    chunks.push({ chunk: output.name, code, isEntry: output.isEntry });
  }
  const main = chunks.find((chunk) => chunk.isEntry);
  if (!main) throw new Error(`[size] ${entry} built no entry chunk`);
  return { code: main.code, lazy: chunks.filter((chunk) => !chunk.isEntry).map(({ chunk, code }) => ({ chunk, code })) };
}
