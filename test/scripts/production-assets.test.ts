// What a production deploy serves: the product's files, never the local demo.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHONE_ASSET_PATHS } from '../../edge/phone-metadata.ts';
import { ROOT } from '../../scripts/local-stack.ts';
import { demoFiles, missingPhoneAssets } from '../../scripts/production-assets.ts';
import { integrityOf } from '../../scripts/widget-files.ts';
import { STYLESHEET, type WidgetManifest } from '../../shared/snippet.ts';

describe('dist-production (built by npm run build, before the tests)', () => {
  const out = join(ROOT, 'dist-production');

  it('has the widget, the stylesheet, the operator page and the manifest, and none of the demo pages', () => {
    for (const file of ['widget.js', 'attribution.js', 'render.js', 'turnstile.js', 'submit.js', 'site.js', 'touch.js', 'leadrelay.css', 'manifest.json', 'admin/index.html', 'admin/operator.js', '_headers']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(demoFiles(ROOT)).toContain('index.html');
    for (const file of demoFiles(ROOT)) expect(existsSync(join(out, file)), file).toBe(false);
    expect(existsSync(join(out, 'demo-app'))).toBe(false); // the demo's Preact app
    expect(existsSync(join(out, 'lib'))).toBe(false);
  });

  it('has libphonenumber-js’s max metadata and example numbers where the Worker fetches them, as the package publishes them', () => {
    for (const path of PHONE_ASSET_PATHS) {
      const served = readFileSync(join(out, path));
      expect(served.equals(readFileSync(join(ROOT, 'node_modules', 'libphonenumber-js', basename(path)))), path).toBe(true);
    }
    expect(missingPhoneAssets(ROOT)).toEqual([]);
  });

  it('names each phone file a checkout without a build lacks (the deploy guard and check-deploy refuse then)', () => {
    const bare = mkdtempSync(join(tmpdir(), 'leadrelay-unbuilt-'));
    try {
      expect(missingPhoneAssets(bare)).toEqual(['dist-production/libphonenumber-js/metadata.max.json', 'dist-production/libphonenumber-js/examples.mobile.json']);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('serves the pinned stylesheet the manifest names, with its integrity hash, to pages of any origin', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as WidgetManifest;
    const pinned = manifest.files[STYLESHEET];
    expect(pinned?.path).toBe(`/v/${manifest.version}/${STYLESHEET}`);
    const bytes = readFileSync(join(out, pinned?.path ?? ''));
    expect(integrityOf(bytes)).toBe(pinned?.integrity);
    expect(bytes.toString('utf8')).toContain('--lead-radius');
    expect(readFileSync(join(out, '_headers'), 'utf8')).toMatch(/\/leadrelay\.css\n\s+Cache-Control: public, max-age=300\n\s+Access-Control-Allow-Origin: \*/);
  });

  it('serves a Content-Security-Policy without the demo’s connections to 127.0.0.1', () => {
    const headers = readFileSync(join(out, '_headers'), 'utf8');
    expect(headers).toContain("connect-src 'self';");
    expect(headers).not.toContain('127.0.0.1');
  });
});
