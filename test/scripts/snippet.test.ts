import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/local-stack.ts';
import type { WidgetManifest } from '../../shared/snippet.ts';

// Each run is a Node start-up plus wrangler's import: seconds on a busy machine, hence the timeouts.
const snippet = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'snippet.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });

describe('npm run snippet', () => {
  it('prints the pinned, integrity-checked markup of every form of a config section, with its provider’s fields', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8')) as WidgetManifest;
    const run = snippet(['https://leads.example.com', '--env=demo']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`<!-- LeadRelay form "demo-anarock" (anarock), widget ${manifest.version} -->`);
    expect(run.stdout).toContain(`<script src="https://leads.example.com${manifest.files['widget.js']?.path}" integrity="${manifest.files['widget.js']?.integrity}" crossorigin="anonymous" async></script>`);
    expect(run.stdout).toContain(`<link rel="stylesheet" href="https://leads.example.com${manifest.files['leadrelay.css']?.path}" integrity="${manifest.files['leadrelay.css']?.integrity}" crossorigin="anonymous">`);
    expect(run.stdout).toContain('<form class="lead-form" data-lead-form="demo-hotwire" method="post" action="https://leads.example.com/v1/forms/demo-hotwire/leads">');
    // Hotwire's snippet asks for what Hotwire needs: first and last name, email, and the consent box.
    const hotwire = run.stdout.slice(run.stdout.indexOf('data-lead-form="demo-hotwire"'), run.stdout.indexOf('</form>', run.stdout.indexOf('data-lead-form="demo-hotwire"')));
    expect(hotwire.match(/name="\w+"[^>]* required/g)).toEqual(['name="firstName" required', 'name="lastName" required', 'name="email" required', 'name="consent" required']);
  }, 120_000);

  it('asks for the Worker URL', () => {
    expect(snippet([]).status).toBe(2);
  }, 120_000);
});
