// `npm run build`: every browser build of vite.config.ts, the npm package's type declarations, the
// optional stylesheet, the Worker's phone metadata, the versioned widget files with dist/manifest.json; package.json then runs the size budgets.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build } from 'vite';
import { builds } from '../vite.config.ts';
import { STYLESHEET } from '../shared/snippet.ts';
import { PHONE_ASSET_PATHS } from '../edge/phone-metadata.ts';
import { emitLibTypes } from './lib-types.ts';
import { ROOT } from './local-stack.ts';
import { changedSinceRelease, writeVersionedFiles } from './widget-files.ts';
import { writeProductionAssets } from './production-assets.ts';

for (const config of builds) await build(config);
emitLibTypes(ROOT);
// The optional stylesheet ships as written: a few hundred bytes, readable in the browser's dev tools.
copyFileSync(join(ROOT, 'widget', STYLESHEET), join(ROOT, 'dist', STYLESHEET));
// The Worker's phone metadata is a static asset, fetched once per isolate (edge/phone-metadata.ts),
// not a module of its bundle: the package's file as published; so are its example mobile numbers,
// which only the operator console reads.
for (const path of PHONE_ASSET_PATHS) {
  const asset = join(ROOT, 'dist', path);
  mkdirSync(dirname(asset), { recursive: true });
  copyFileSync(join(ROOT, 'node_modules', 'libphonenumber-js', basename(path)), asset);
}

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const releases = join(ROOT, 'widget', 'releases');
const manifest = writeVersionedFiles(join(ROOT, 'dist'), version, releases);
const changed = changedSinceRelease(join(ROOT, 'dist'), releases, version);
console.log(`widget: pinned files under /v/${manifest.version}/ (versions served: ${manifest.versions.join(', ')})`);
if (changed.length > 0) {
  console.log(`widget: ${changed.join(', ')} changed since ${version} was released: /${changed[0]} serves this build, /v/${version}/ keeps the release; bump the version to pin this build`);
}

writeProductionAssets(ROOT, join(ROOT, 'dist'), join(ROOT, 'dist-production'));
console.log('assets: dist-production/ (what a production deploy serves: no demo pages)');
