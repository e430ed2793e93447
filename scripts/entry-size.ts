// What an app pays for one ESM entry of the npm package: the entry and everything it imports
// statically, bundled into one module (preact left out, as the app has it anyway) and minified,
// as the app's own production build does. Lazy chunks (dynamic imports) are measured apart.
import { join } from 'node:path';
import { minify } from 'terser';
import { build } from 'vite';
import { TERSER_OPTIONS } from '../vite.config.ts';
import { ROOT } from './local-stack.ts';

/** The entry as minified code (with the chunks it imports statically), and each chunk it loads on demand. */
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
      // An app's build (Vite: preserveEntrySignatures false) merges the code its chunks share into
      // its own entry; lib mode's 'strict' kept it a chunk apart, and counted ~235 B of import and
      // export lists no app downloads. 'allow-extension' merges the same way and keeps our exports.
      rollupOptions: { external: [/^preact($|\/)/], preserveEntrySignatures: 'allow-extension' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((item) => ('output' in item ? item.output : []));
  const chunks: Array<{ chunk: string; fileName: string; code: string; isEntry: boolean; imports: string[] }> = [];
  for (const output of outputs) {
    if (output.type !== 'chunk') continue;
    const { code = '' } = await minify(output.code, { ...TERSER_OPTIONS, module: true, format: { comments: false } });
    chunks.push({ chunk: output.name, fileName: output.fileName, code, isEntry: output.isEntry, imports: output.imports });
  }
  const main = chunks.find((chunk) => chunk.isEntry);
  if (!main) throw new Error(`[size] ${entry} built no entry chunk`);
  // Chunks the entry imports statically (code it shares with a lazy chunk) load with it: they count as the entry.
  const eager = new Set<string>([main.fileName]);
  for (const file of eager) for (const imported of chunks.find((chunk) => chunk.fileName === file)?.imports ?? []) eager.add(imported);
  return {
    code: chunks.filter((chunk) => eager.has(chunk.fileName)).map((chunk) => chunk.code).join('\n'),
    lazy: chunks.filter((chunk) => !eager.has(chunk.fileName)).map(({ chunk, code }) => ({ chunk, code })),
  };
}
