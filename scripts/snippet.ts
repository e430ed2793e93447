// `npm run snippet -- https://leadrelay.<you>.workers.dev [--env demo]`: for each form, the exact
// markup a site owner pastes (the fields its provider needs, posting to the lead route without
// JavaScript too), pinned to the widget version of this build with SRI hashes (dist/manifest.json,
// which npm run deploy uploads). `--manifest FILE` uses another one, such as the deployed
// https://<worker>/manifest.json saved with curl.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { experimental_readRawConfig } from 'wrangler';
import { leadFormSnippet, type WidgetManifest } from '../shared/snippet.ts';
import { ROOT } from './local-stack.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: 'string' },
    manifest: { type: 'string', default: join(ROOT, 'dist', 'manifest.json') },
  },
});
const origin = positionals[0];
if (!origin || !URL.canParse(origin)) {
  console.error('snippet: give the Worker URL, e.g. npm run snippet -- https://leadrelay.you.workers.dev');
  process.exit(2);
}

const { rawConfig } = experimental_readRawConfig({ config: join(ROOT, 'wrangler.toml') });
const section = values.env ? rawConfig.env?.[values.env] : rawConfig;
const configured = ((section?.vars ?? {}) as Record<string, unknown>)['FORMS'];
// The provider decides the fields, its fieldMap their names; `npm run check-config` reports a config that is wrong.
interface RawForm {
  provider?: string;
  fields?: string[];
  options?: { fieldMap?: Record<string, string> };
}
const forms = Object.entries((configured && typeof configured === 'object' ? configured : {}) as Record<string, RawForm>).map(([id, form]) => ({
  id,
  provider: String(form.provider ?? ''),
  fieldMap: form.options?.fieldMap,
  fields: form.fields,
}));
if (forms.length === 0) {
  console.error(`snippet: no forms in ${values.env ? `[env.${values.env}]` : 'the top level'} of wrangler.toml`);
  process.exit(1);
}

if (!existsSync(values.manifest)) {
  console.error(`snippet: ${values.manifest} does not exist; run npm run build first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(values.manifest, 'utf8')) as WidgetManifest;
console.log(forms.map((form) => `<!-- LeadRelay form "${form.id}" (${form.provider}), widget ${manifest.version} -->\n${leadFormSnippet(origin, form, manifest)}`).join('\n\n'));
