// `npm run release-widget` (npm run deploy does it too): freezes dist/v/<version>/ into
// widget/releases/<version>/; commit that folder. Every later build serves those exact bytes at
// /v/<version>/, so the SRI hashes sites pasted keep matching after the widget changes and after
// newer versions are deployed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './local-stack.ts';
import { freezeRelease } from './widget-files.ts';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
if (!existsSync(join(ROOT, 'dist', 'v', version))) {
  console.error(`release-widget: dist/v/${version} does not exist; run npm run build first`);
  process.exit(1);
}
const outcome = freezeRelease(join(ROOT, 'dist'), join(ROOT, 'widget', 'releases'), version);
console.log({
  frozen: `release-widget: widget ${version} frozen in widget/releases/${version}/ (commit it): /v/${version}/ serves these bytes from now on`,
  unchanged: `release-widget: widget ${version} was already frozen, with these bytes`,
  changed: `release-widget: widget ${version} was already frozen; this build differs and is served only as /widget.js. Bump the version (npm version patch) to pin it`,
}[outcome]);
