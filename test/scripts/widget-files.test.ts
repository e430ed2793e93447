import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/local-stack.ts';
import { changedSinceRelease, freezeRelease, PINNED_FILES, writeVersionedFiles } from '../../scripts/widget-files.ts';
import type { WidgetManifest } from '../../shared/snippet.ts';

const sha384 = (bytes: Buffer): string => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

describe('the built widget files (npm run build)', () => {
  const dist = join(ROOT, 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as WidgetManifest;

  it('describes the package version, and each pinned file by its real size and SRI hash', () => {
    expect(manifest.version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(Object.keys(manifest.files)).toEqual([...PINNED_FILES]);
    expect(manifest.versions).toContain(manifest.version);
    for (const [name, file] of Object.entries(manifest.files)) {
      const bytes = readFileSync(join(dist, file.path));
      expect(file.path).toBe(`/v/${manifest.version}/${name}`);
      expect(file.latest).toBe(`/${name}`);
      expect(file.bytes).toBe(bytes.length);
      expect(file.integrity).toBe(sha384(bytes));
      readFileSync(join(dist, file.latest)); // the moving copy is there too
    }
  });

  it('caches pinned files for a year as immutable and the moving ones briefly, all with CORS for SRI', () => {
    const headers = readFileSync(join(dist, '_headers'), 'utf8');
    expect(headers).toMatch(/^\/v\/\*\n {2}Cache-Control: public, max-age=31536000, immutable\n {2}Access-Control-Allow-Origin: \*$/m);
    for (const name of [...PINNED_FILES, 'manifest.json']) {
      expect(headers).toMatch(new RegExp(`^/${name.replace('.', '\\.')}\\n {2}Cache-Control: public, max-age=300\\n {2}Access-Control-Allow-Origin: \\*$`, 'm'));
    }
  });
});

describe('writeVersionedFiles', () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  const scratch = (): { dist: string; releases: string } => {
    const root = mkdtempSync(join(ROOT, '.tmp', 'widget-files-'));
    roots.push(root);
    const dist = join(root, 'dist');
    mkdirSync(dist);
    for (const file of PINNED_FILES) writeFileSync(join(dist, file), `/* ${file} of this build */`);
    return { dist, releases: join(root, 'releases') };
  };
  const freeze = (releases: string, version: string, text: (file: string) => string) => {
    mkdirSync(join(releases, version), { recursive: true });
    for (const file of PINNED_FILES) writeFileSync(join(releases, version, file), text(file));
  };

  it('pins this build when its version was never released', () => {
    const { dist, releases } = scratch();
    const manifest = writeVersionedFiles(dist, '0.2.0', releases);
    expect(readFileSync(join(dist, 'v', '0.2.0', 'widget.js'), 'utf8')).toBe('/* widget.js of this build */');
    expect(manifest.versions).toEqual(['0.2.0']);
    expect(JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('keeps serving every frozen release, and a frozen version keeps its bytes when the widget changes', () => {
    const { dist, releases } = scratch();
    freeze(releases, '0.1.0', (file) => `/* ${file} 0.1.0 */`);
    freeze(releases, '0.10.0', (file) => `/* ${file} 0.10.0 */`);
    freeze(releases, '0.2.0', (file) => `/* ${file} 0.2.0 */`);
    const manifest = writeVersionedFiles(dist, '0.10.0', releases);
    expect(manifest.versions).toEqual(['0.1.0', '0.2.0', '0.10.0']);
    expect(readFileSync(join(dist, 'v', '0.1.0', 'render.js'), 'utf8')).toBe('/* render.js 0.1.0 */');
    expect(readFileSync(join(dist, 'v', '0.10.0', 'widget.js'), 'utf8')).toBe('/* widget.js 0.10.0 */');
    expect(manifest.files['widget.js']?.integrity).toBe(sha384(Buffer.from('/* widget.js 0.10.0 */')));
    expect(changedSinceRelease(dist, releases, '0.10.0')).toEqual([...PINNED_FILES]);
  });

  it('freezes a version once; a later build of the same version keeps the frozen bytes pinned', () => {
    const { dist, releases } = scratch();
    writeVersionedFiles(dist, '0.3.0', releases);
    expect(freezeRelease(dist, releases, '0.3.0')).toBe('frozen');
    expect(freezeRelease(dist, releases, '0.3.0')).toBe('unchanged');
    writeFileSync(join(dist, 'widget.js'), '/* widget.js, changed */');
    expect(freezeRelease(dist, releases, '0.3.0')).toBe('changed');
    const manifest = writeVersionedFiles(dist, '0.3.0', releases);
    expect(readFileSync(join(dist, 'v', '0.3.0', 'widget.js'), 'utf8')).toBe('/* widget.js of this build */');
    expect(manifest.files['widget.js']?.integrity).toBe(sha384(Buffer.from('/* widget.js of this build */')));
  });
});
