import { defineConfig, type InlineConfig } from 'vite';

// Browser builds, all into dist/ (which `wrangler dev` and `wrangler deploy` serve):
//   widget.js, attribution.js, render.js, turnstile.js, submit.js, consent.js, site.js, touch.js  IIFE for script tags, each self-contained
//   lib/index.js, lib/preact.js           ESM for bundlers (preact stays a peer dependency)
//   demo-app/                             the demo site's Preact app (local demo only)
//   admin/                                the operator page
// `npm run build` (scripts/build.ts) runs every entry of `builds`; the demo site is copied once.

/** terser packs these files about 3% tighter than the default minifier: bytes every visitor downloads. */
export const TERSER_OPTIONS = { ecma: 2020, compress: { passes: 3, pure_getters: true, unsafe_arrows: true }, mangle: { toplevel: true } } as const;

const common: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    minify: 'terser',
    terserOptions: TERSER_OPTIONS,
  },
};

/**
 * V8's explicit compile hint (v8.dev/blog/explicit-compile-hints): every function of the file is
 * compiled with the script, on the thread that streams it, instead of lazily on the main thread at
 * its first call, where widget.js spent about a third of its first-visit main-thread time. Only for
 * files whose functions nearly all run on load; other engines read a comment. Chosen per file on
 * bench:widget's landing (main-thread CPU time, 25-31 loads each, without -> with): widget.js 3.6 ->
 * 2.6 ms, widget.js + render.js 5.7 -> 4.6 ms (render.js's), attribution.js + touch.js 2.2 -> 1.5 ms
 * (attribution.js's); on touch.js as well it measured no better (1.4 and 1.5 ms against 1.2 and
 * 1.4 ms in two runs), so touch.js goes without. site.js was not measured.
 */
const COMPILE_ALL_ON_LOAD = '//# allFunctionsCalledOnLoad';

const scriptTag = (name: string, entry: string, preamble?: string): InlineConfig => ({
  ...common,
  build: {
    ...common.build,
    ...(preamble ? { terserOptions: { ...TERSER_OPTIONS, format: { preamble } } } : {}),
    lib: { entry, formats: ['iife'], name: `LeadRelay_${name}`, fileName: () => `${name}.js` },
  },
});

/** Every browser build, in order; the first also empties dist/ and copies the demo site. */
export const builds: InlineConfig[] = [
  { ...scriptTag('widget', 'widget/entries/widget.ts', COMPILE_ALL_ON_LOAD), publicDir: 'demo/site', build: { ...scriptTag('widget', 'widget/entries/widget.ts', COMPILE_ALL_ON_LOAD).build, emptyOutDir: true } },
  scriptTag('attribution', 'widget/entries/attribution.ts', COMPILE_ALL_ON_LOAD),
  scriptTag('render', 'widget/entries/render.ts', COMPILE_ALL_ON_LOAD),
  scriptTag('turnstile', 'widget/entries/turnstile.ts'),
  scriptTag('submit', 'widget/entries/submit.ts'),
  scriptTag('consent', 'widget/entries/consent.ts'),
  scriptTag('site', 'widget/entries/site.ts'),
  scriptTag('touch', 'widget/entries/touch.ts'),
  {
    ...common,
    build: {
      ...common.build,
      outDir: 'dist/lib',
      lib: { entry: { index: 'widget/entries/index.ts', preact: 'widget/entries/preact.tsx' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rollupOptions: { external: [/^preact($|\/)/] },
    },
  },
  // The demo site's Preact app (/app.html), bundled with preact as a developer's app would be.
  { ...common, build: { ...common.build, outDir: 'dist/demo-app', lib: { entry: 'demo/app/main.tsx', formats: ['es'], fileName: () => 'app.js' } } },
  // The operator page, served at /admin/ (its data comes from the token-gated admin API).
  {
    ...scriptTag('operator', 'operator/operator.ts'),
    publicDir: 'operator/static',
    build: { ...scriptTag('operator', 'operator/operator.ts').build, outDir: 'dist/admin' },
  },
];

export default defineConfig(builds[0] ?? {});
