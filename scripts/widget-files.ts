// Versioned script-tag files and dist/manifest.json, written by `npm run build` after vite.
//   dist/widget.js, attribution.js, render.js, turnstile.js, submit.js, site.js, touch.js, leadrelay.css   "latest", short cache: pages that want updates
//   dist/v/<version>/...                        pinned, cached for a year as immutable (demo/site/_headers)
//   dist/manifest.json                          version, paths, sizes and SRI hashes for snippets
// A pinned file must never change, or every site whose integrity hash names it stops loading it.
// So released versions are frozen in widget/releases/<version>/ (npm run deploy does it, or npm run
// release-widget) and served from there, every one of them, by every later build.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WidgetFile, WidgetManifest } from '../shared/snippet.ts';

/**
 * The files a page loads from the Worker, pinned per version: the script tags (render.js,
 * turnstile.js and submit.js are loaded by widget.js from its own folder, site.js by widget.js,
 * touch.js by attribution.js) and the optional stylesheet.
 */
export const PINNED_FILES = ['widget.js', 'attribution.js', 'render.js', 'turnstile.js', 'submit.js', 'consent.js', 'site.js', 'touch.js', 'leadrelay.css'] as const;

/** Subresource Integrity value of some bytes, as browsers check it. */
export const integrityOf = (bytes: Uint8Array): string => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const VERSION_DIR = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Versions frozen under `releasesDir`, oldest first. */
export function releasedVersions(releasesDir: string): string[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir)
    .filter((name) => VERSION_DIR.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Names of the pinned files whose fresh build differs from the frozen copy of `version`. */
export function changedSinceRelease(dist: string, releasesDir: string, version: string): string[] {
  return PINNED_FILES.filter((file) => {
    const frozen = join(releasesDir, version, file);
    return existsSync(frozen) && !readFileSync(frozen).equals(readFileSync(join(dist, file)));
  });
}

/**
 * Freezes dist/v/<version>/ into `releasesDir`/<version>/ unless it is frozen already. `changed`:
 * it was, and this build's files differ, so /v/<version>/ keeps serving the frozen bytes.
 */
export function freezeRelease(dist: string, releasesDir: string, version: string): 'frozen' | 'unchanged' | 'changed' {
  if (!existsSync(join(releasesDir, version))) {
    cpSync(join(dist, 'v', version), join(releasesDir, version), { recursive: true });
    return 'frozen';
  }
  return changedSinceRelease(dist, releasesDir, version).length === 0 ? 'unchanged' : 'changed';
}

/** Writes dist/v/<every version>/ and dist/manifest.json; returns the manifest. */
export function writeVersionedFiles(dist: string, version: string, releasesDir: string): WidgetManifest {
  const released = releasedVersions(releasesDir);
  for (const frozen of released) cpSync(join(releasesDir, frozen), join(dist, 'v', frozen), { recursive: true });
  if (!released.includes(version)) {
    // Not released yet: this build is the version's content until `npm run release-widget` freezes it.
    mkdirSync(join(dist, 'v', version), { recursive: true });
    for (const file of PINNED_FILES) cpSync(join(dist, file), join(dist, 'v', version, file));
  }
  const files: Record<string, WidgetFile> = {};
  for (const file of PINNED_FILES) {
    const path = `/v/${version}/${file}`;
    const bytes = readFileSync(join(dist, path));
    files[file] = { path, latest: `/${file}`, bytes: bytes.length, integrity: integrityOf(bytes) };
  }
  const versions = [...new Set([...released, version])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const manifest: WidgetManifest = { version, files, versions };
  writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
