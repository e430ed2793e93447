// The npm package as a consumer gets it: `npm pack`, then install the tarball into a scratch
// project and type-check and import both entries. Needs `npm run build` first (npm test does it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENV_FILE, ROOT, readEnvFile } from '../../scripts/local-stack.ts';
import { TEST_SECRETS } from '../support/forms.ts';

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const scratch = mkdtempSync(join(ROOT, '.tmp', 'package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const consumer = join(scratch, 'consumer');
let files: string[] = [];
let tarball = '';

beforeAll(() => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0]!.files.map((file) => file.path);
  tarball = join(scratch, packed[0]!.filename);
  mkdirSync(join(scratch, 'unpacked'));
  execFileSync('tar', ['-xzf', tarball, '-C', join(scratch, 'unpacked')]);
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const preact = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'preact', 'package.json'), 'utf8')) as { version: string }).version;
  // --prefer-offline: valibot and preact come from the npm cache `npm ci` filled.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, `preact@${preact}`], { cwd: consumer, stdio: 'ignore' });
}, 120_000);

describe('npm pack', () => {
  it('ships the widget files, the stylesheet, both ESM entries with their types, README and LICENSE, and nothing else', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/widget.js', 'dist/attribution.js', 'dist/render.js', 'dist/turnstile.js', 'dist/submit.js', 'dist/consent.js', 'dist/site.js', 'dist/touch.js', 'dist/leadrelay.css', 'dist/manifest.json', 'dist/lib/index.js', 'dist/lib/preact.js', 'dist/lib/types/widget/entries/index.d.ts', 'dist/lib/types/widget/entries/preact.d.ts']) {
      expect(files).toContain(file);
    }
    // No demo pages, tests, sources, configs or secrets files: only the built library.
    expect(files.filter((file) => !['package.json', 'README.md', 'LICENSE'].includes(file) && !/^dist\/(widget|attribution|render|turnstile|submit|consent|site|touch)\.js$|^dist\/leadrelay\.css$|^dist\/manifest\.json$|^dist\/lib\//.test(file))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|demo|edge|standins)\/|\.dev\.vars|\.env$|wrangler\.toml/.test(file))).toEqual([]);
  });

  it('contains no secret value the repository knows', () => {
    const known = [...Object.values(readEnvFile(DEMO_ENV_FILE)), ...Object.values(TEST_SECRETS)];
    if (existsSync(join(ROOT, '.dev.vars'))) known.push(...Object.values(readEnvFile(join(ROOT, '.dev.vars'))).filter((value) => value.length >= 8));
    const unpacked = join(scratch, 'unpacked', 'package');
    for (const file of readdirSync(unpacked, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())) {
      const text = readFileSync(join(file.parentPath, file.name), 'utf8');
      expect(known.filter((secret) => text.includes(secret)), file.name).toEqual([]);
    }
  });
});

describe('the installed package', () => {
  const usage = `import { createLeadRelay, fillHiddenInputs, subdomainCookie, type Attribution, type SubmitOutcome } from 'leadrelay';
const relay = createLeadRelay({ endpoint: 'https://leads.example.com', consentRequired: true, cookie: subdomainCookie('.example.com'), onPageView: fillHiddenInputs });
const attribution: Attribution = relay.attribution();
const source: string | undefined = attribution.last?.utm_source;
relay.setConsent(true);
const outcome: SubmitOutcome = await relay.submit('villa-enquiry', { name: 'Priya', phone: '+91 98765 43210' });
if (outcome.kind === 'accepted') console.log(outcome.lead.id, outcome.lead.status, source);
await relay.submit('villa-enquiry', { name: 'Priya' }, { locale: 'ar', required: ['phone'], idempotencyKey: 'my-key-0000000001' });
relay.enhance(document.querySelector('form')!);
// @ts-expect-error the endpoint is required
createLeadRelay({});
`;
  const component = `import { createLeadCapture, LeadForm, type LeadFormProps } from 'leadrelay/preact';
import { createLeadRelay } from 'leadrelay';
const capture = createLeadCapture({ endpoint: 'https://leads.example.com', consentRequired: true });
capture.setConsent(true);
const props: LeadFormProps = { formId: 'villa-enquiry', endpoint: 'https://leads.example.com', relay: capture, turnstileSiteKey: '1x00000000000000000000AA' };
export const shared = <LeadForm formId="callback" endpoint="https://leads.example.com" relay={createLeadRelay({ endpoint: 'https://leads.example.com' })} />;
export const form = <LeadForm {...props} locale="en" fields={[{ name: 'name', required: true }, { name: 'phone', required: true }, { name: 'budget', required: true, type: 'select', options: ['Under 1M', 'Over 1M'] }, { name: 'consent', required: true, type: 'checkbox' }, { name: 'source', required: false, type: 'hidden', value: 'fair' }]}
  labels={{ submit: 'Call me back' }} onSuccess={(lead) => console.log(lead.id)} onError={(outcome) => console.warn(outcome.kind)} />;
// @ts-expect-error a field type the component does not render
export const wrongType = <LeadForm formId="x" endpoint="https://leads.example.com" fields={[{ name: 'age', required: false, type: 'number' }]} />;
// @ts-expect-error formId is required
export const broken = <LeadForm endpoint="https://leads.example.com" />;
`;

  it.each([
    ['nodenext', 'nodenext'],
    ['esnext', 'bundler'],
  ])('type-checks a usage example of both entries (module %s, resolution %s)', (module, moduleResolution) => {
    writeFileSync(join(consumer, 'usage.ts'), usage);
    writeFileSync(join(consumer, 'form.tsx'), component);
    const tsconfig = { compilerOptions: { target: 'es2022', module, moduleResolution, strict: true, noEmit: true, jsx: 'react-jsx', jsxImportSource: 'preact', lib: ['es2023', 'dom'], types: [], skipLibCheck: false }, files: ['usage.ts', 'form.tsx'] };
    writeFileSync(join(consumer, `tsconfig.${moduleResolution}.json`), JSON.stringify(tsconfig));
    const tsc = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${moduleResolution}.json`], { cwd: consumer, encoding: 'utf8' });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('imports in Node as ESM, and exports the script-tag files and the stylesheet by name', () => {
    const script = `const api = await import('leadrelay'); const ui = await import('leadrelay/preact');
console.log(JSON.stringify([typeof api.createLeadRelay, typeof ui.LeadForm, import.meta.resolve('leadrelay/widget.js'), import.meta.resolve('leadrelay/manifest.json'), import.meta.resolve('leadrelay/leadrelay.css')]));`;
    const [api, ui, widget, manifest, stylesheet] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' })) as string[];
    expect([api, ui]).toEqual(['function', 'function']);
    expect(widget).toMatch(/node_modules\/leadrelay\/dist\/widget\.js$/);
    expect(manifest).toMatch(/node_modules\/leadrelay\/dist\/manifest\.json$/);
    expect(stylesheet).toMatch(/node_modules\/leadrelay\/dist\/leadrelay\.css$/);
    expect(readFileSync(new URL(stylesheet ?? ''), 'utf8')).toContain('--lead-accent');
  }, 120_000);
});
