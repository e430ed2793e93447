// Prints the gzip size of every browser file a page downloads and fails when one is over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleEntry, type EntryBundle } from './entry-size.ts';
import { ROOT } from './local-stack.ts';

const gzipped = (data: string | Buffer): number => gzipSync(data, { level: 9 }).length;
const gzip = (file: string): number => gzipped(readFileSync(join(ROOT, 'dist', file)));

/** The script tags: files a page loads as they are, each compressed alone as a browser fetches it. */
const scriptTags = (files: string[]) => files.reduce((total, file) => total + gzip(file), 0);

const component = await bundleEntry('widget/entries/preact.tsx');
const plainApi = await bundleEntry('widget/entries/index.ts');
const lazy = (bundle: EntryBundle) => bundle.lazy.map(({ chunk, code }) => `${chunk} ${gzipped(code)} B`).join(', ');

/** What a page pays for each way in, in gzip bytes, and its budget (issue: widget size budgets). */
const BUDGETS: Array<{ what: string; size: number; budget?: number }> = [
  // 1,536 B before issue 19, 2,048 B after it (campaign keys in any case, nine more click ids, the
  // site.js loader: 2,016 B). Since its tracker became touch.js, fetched only for a page view that may
  // change the stored attribution (or a page with hidden inputs, or a command), it is issue 21's 1,400 B.
  { what: 'attribution.js', size: scriptTags(['attribution.js']), budget: 1400 },
  // What a landing page (campaign parameters, a referrer of another host, a first visit) pays with
  // attribution.js: 2,016 + 696 B (site.js) before touch.js, for a referrer of another host.
  { what: 'attribution.js + touch.js, its tracker, fetched for a page view that may change the stored attribution', size: scriptTags(['attribution.js', 'touch.js']), budget: 3072 },
  // Less than @formspree/ajax (4,027 B), which keeps no attribution and checks nothing (issue 21).
  { what: 'widget.js, as a page first loads it', size: scriptTags(['widget.js']), budget: 4000 },
  { what: 'submit.js, fetched by widget.js on the first focus in a form (or at once for leads in the outbox)', size: scriptTags(['submit.js']) },
  { what: 'widget.js + render.js (a form rendered from config)', size: scriptTags(['widget.js', 'render.js']), budget: 10240 },
  // 4,096 B before issue 21, whose storage-write check and capture seam (captureWith) cost it 41 B.
  // Its submit path is a chunk (submit-path) since; what it loads at once is rendering and attribution.
  // 4,160 B until issue 15 (outcomes, field types) and 19 (attribution) grew it to 5,606 B; the lazy
  // submit path brought it to about 4,700 B (budget 4,736 B); leaving the sentences of the English
  // catalogue to that chunk (i18n/messages.ts), 4,510 B. Issue 21's goal of a smaller component: open.
  { what: `Preact component entry, bundled and minified as an app does, without preact (on demand: ${lazy(component)})`, size: gzipped(component.code), budget: 4608 },
  { what: `plain API entry, bundled and minified as an app does (on demand: ${lazy(plainApi)})`, size: gzipped(plainApi.code) },
  { what: 'turnstile.js, loaded only for forms with data-turnstile-sitekey', size: scriptTags(['turnstile.js']) },
  {
    what: 'site.js, fetched by widget.js for a page view from another host, a Worker that may be on the site, or data-cookie-domain',
    size: scriptTags(['site.js']),
  },
  { what: 'leadrelay.css, the optional stylesheet', size: scriptTags(['leadrelay.css']) },
  { what: 'consent.js, the optional consent adapter (its own script tag)', size: scriptTags(['consent.js']) },
];

let failed = 0;
for (const { what, size, budget } of BUDGETS) {
  const over = budget !== undefined && size > budget;
  if (over) failed++;
  console.log(`size: ${what}: ${size} B gzip${budget === undefined ? '' : ` (budget ${budget} B) ${over ? 'OVER BUDGET' : 'ok'}`}`);
}
process.exitCode = failed > 0 ? 1 : 0;
