// Widget bytes against peers: our files from dist/ (built by `npm run build` just before), and each
// peer built in this run from its package with the very vite/terser settings of attribution.js.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { bundleEntry } from '../scripts/entry-size.ts';
import { ROOT } from '../scripts/local-stack.ts';
import { builds } from '../vite.config.ts';
import { BEFORE_ISSUE_21 } from './browser.ts';

const DIST = join(ROOT, 'dist');
const OUT_DIR = join(ROOT, '.tmp', 'bench', 'peers');
const modulePath = (path: string) => join(ROOT, 'node_modules', path);

/** What a page pays for one file (or several loaded together). */
export interface SizeRow {
  what: string;
  /** Which job it does, so the table puts a peer next to our file doing the same. */
  job: 'attribution' | 'forms' | 'rendering' | 'component';
  ours: boolean;
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
  /** The peer's own minified file as published, gzip -9: a check that our build of it is not unfair. */
  publishedGzip?: number;
  publishedFile?: string;
}

/** A peer: its bench entry (bench/peers/), its package, its own published browser file. */
interface Peer {
  what: string;
  job: SizeRow['job'];
  entry: string;
  /** Builds the package from its source, not its pre-bundled dist, where it ships the source. */
  alias?: Record<string, string>;
  published?: string;
}

const PEERS: Peer[] = [
  { what: 'preact h + render, one element (the floor for rendering)', job: 'rendering', entry: 'preact-floor.ts', published: 'preact/dist/preact.mjs' },
  {
    what: '@formspree/ajax 1.1.5 (script-tag global, initForm)',
    job: 'forms',
    entry: 'formspree-ajax.ts',
    // Their ESM builds: the "browser" field points at the pre-bundled global.js, which exports nothing.
    alias: { '@formspree/ajax': modulePath('@formspree/ajax/dist/index.mjs'), '@formspree/core': modulePath('@formspree/core/dist/index.mjs') },
    published: '@formspree/ajax/dist/global.js',
  },
  { what: 'sourcebuster 1.1.0 (init)', job: 'attribution', entry: 'sourcebuster.ts', alias: { sourcebuster: modulePath('sourcebuster/src/js/sourcebuster.js') }, published: 'sourcebuster/dist/sourcebuster.min.js' },
  { what: '@apollo/utm-grabber 1.3.1 (utmGrabber)', job: 'attribution', entry: 'utm-grabber.ts', alias: { '@apollo/utm-grabber': modulePath('@apollo/utm-grabber/src/index.ts') } },
];

/** gzip -9 and brotli (quality 11, text mode) of `data`, as check-size.ts and CDNs compress. */
export function compressedSizes(data: Buffer): { raw: number; gzip: number; brotli: number } {
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }).length,
  };
}

/** Sizes of files loaded together: each compressed alone, as a browser fetches them. */
function rowOf(what: string, job: SizeRow['job'], ours: boolean, paths: string[], base: string): SizeRow {
  const sizes = paths.map((path) => compressedSizes(readFileSync(join(base, path))));
  const sum = (key: 'raw' | 'gzip' | 'brotli') => sizes.reduce((total, size) => total + size[key], 0);
  return { what, job, ours, files: paths, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** The vite config of attribution.js, whose settings (IIFE, es2020, terser options) every peer gets. */
function scriptTagConfig(): InlineConfig {
  const config = builds.find((candidate) => {
    const lib = candidate.build?.lib;
    return lib && typeof lib.entry === 'string' && lib.entry.endsWith('entries/attribution.ts');
  });
  if (!config?.build) throw new Error('[bench] vite.config.ts has no attribution.js build to copy settings from');
  return config;
}

async function buildPeer(peer: Peer, base: InlineConfig): Promise<string> {
  const name = peer.entry.replace(/\.ts$/, '');
  await build({
    ...base,
    publicDir: false,
    logLevel: 'silent',
    resolve: { alias: peer.alias ?? {} },
    build: {
      ...base.build,
      outDir: OUT_DIR,
      emptyOutDir: false,
      lib: { entry: join(ROOT, 'bench', 'peers', peer.entry), formats: ['iife'], name: `Peer_${name.replaceAll('-', '_')}`, fileName: () => `${name}.js` },
    },
  });
  return `${name}.js`;
}

/** Our files and every peer, measured the same way. Peers land in .tmp/bench/peers/. */
export async function measureWidgetSizes(): Promise<{ rows: SizeRow[]; peerDir: string }> {
  const rows: SizeRow[] = [
    rowOf('attribution.js', 'attribution', true, ['attribution.js'], DIST),
    rowOf('touch.js (attribution.js\'s tracker, fetched for a page view that may change the stored attribution)', 'attribution', true, ['touch.js'], DIST),
    rowOf('attribution.js + touch.js (a landing page)', 'attribution', true, ['attribution.js', 'touch.js'], DIST),
    rowOf('widget.js', 'forms', true, ['widget.js'], DIST),
    rowOf('submit.js (the submit path, fetched by widget.js on the first focus in a form)', 'forms', true, ['submit.js'], DIST),
    rowOf('site.js (the attribution code only some page views need, fetched by widget.js)', 'attribution', true, ['site.js'], DIST),
    rowOf('widget.js before issue 21 (reference build, submit path included)', 'forms', false, [relative(ROOT, BEFORE_ISSUE_21)], ROOT),
    rowOf('render.js (the render path)', 'rendering', true, ['render.js'], DIST),
    rowOf('widget.js + render.js (a page with a rendered form)', 'rendering', true, ['widget.js', 'render.js'], DIST),
  ];
  const component = await bundleEntry('widget/entries/preact.tsx');
  rows.push({ what: 'Preact component entry (ESM, bundled and minified as an app does, without preact)', job: 'component', ours: true, files: ['widget/entries/preact.tsx'], ...compressedSizes(Buffer.from(component.code)) });
  const base = scriptTagConfig();
  for (const peer of PEERS) {
    const file = await buildPeer(peer, base);
    const row = rowOf(peer.what, peer.job, false, [file], OUT_DIR);
    if (peer.published) {
      row.publishedFile = peer.published;
      row.publishedGzip = compressedSizes(readFileSync(modulePath(peer.published))).gzip;
    }
    rows.push(row);
  }
  return { rows, peerDir: OUT_DIR };
}
