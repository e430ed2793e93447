// Main-thread cost of the script tag in real Chromium (the @sparticuz/chromium of the browser
// tests): the same page loads each script, and an empty one, in turn, from a local server (the
// scripts from another host than the page, as a site loads widget.js from the Worker's); a
// Chromium trace of each load says what the script cost the main thread, in-page timestamps say
// when the form was enhanced. Each load gets a fresh browser context (no cache, no storage).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/local-stack.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { scriptCost, type TraceEvent } from './trace.ts';

/** One way of loading the page. */
export interface BrowserVariant {
  name: string;
  label: string;
  /** The script tag's file, served under /s/. */
  file: string;
  /** Other files the script loads by itself (render.js), also charged to it. */
  alsoLoads?: string[];
  /**
   * What the page holds: a form to enhance, or a div the widget renders a form into, its space kept
   * with leadrelay.css and data-rows as README tells site owners (`render`) or not kept (`render-unkept`, before issue 21).
   */
  body: 'form' | 'render' | 'render-unkept';
  /** Calls queued before the script loads (a peer's own snippet). */
  snippet?: string;
  /** Whether the script enhances the form (sets novalidate on it), so time-to-enhance applies. */
  enhances: boolean;
}

/** What one page load measured, milliseconds. */
export interface BrowserSample {
  variant: string;
  evaluateMs: number;
  callbacksMs: number;
  compileMs: number;
  /** The main thread's CPU time in the script's events (evaluateMs + callbacksMs are wall time). */
  threadMs: number;
  /** From navigation start: the form enhanced, or (for scripts that enhance nothing) the script's load event. */
  readyMs: number;
  /** From the script's bytes having arrived (Resource Timing responseEnd) to the same point. */
  afterArrivalMs: number;
  domContentLoadedMs: number;
  /** Cumulative layout shift of the load (layout-shift entries without recent input), once the form is there. */
  cls: number;
}

const FORM = `<form id="contact" data-lead-form="bench-form">
  <label for="name">Full name</label> <input id="name" name="name" required>
  <label for="phone">Phone</label> <input id="phone" name="phone" type="tel" required>
  <label for="email">Email</label> <input id="email" name="email" type="email">
  <button type="submit">Send</button>
</form>`;
// Three fields shown: three rows (README, "Or let the widget render one").
const RENDER_HOST = '<div data-lead-form="bench-form" data-fields="name*, phone*, email" data-rows="3"></div>';
const UNKEPT_HOST = '<div data-lead-form="bench-form" data-fields="name*, phone*, email"></div>';

// Runs before the script: notes when any form gets `novalidate` (what enhancing does first), when
// the script tag's load event fires (right after the script ran) and the page's layout shifts.
const PROBE = `<script>(() => {
  const marks = (window.__bench = { cls: 0, observerMs: 0 });
  new PerformanceObserver((list) => { for (const shift of list.getEntries()) if (!shift.hadRecentInput) marks.cls += shift.value; }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((records, observer) => {
    if (records.some((record) => record.target.tagName === 'FORM')) { marks.enhanced = performance.now(); observer.disconnect(); }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['novalidate'], subtree: true });
  document.addEventListener('load', (event) => { if (event.target.id === 'bench-script') marks.loaded = performance.now(); }, true);
})();</script>`;

// For the MutationObserver measure only (observer.ts), after the probe: adds up the time spent in
// the callbacks of every MutationObserver the script creates. Its class is page code that the
// script's own `new MutationObserver` runs, compiling it there: about 0.1 ms a load that the main-thread
// measure would charge to the script, so that measure's page goes without it.
const OBSERVER_TIMING = `<script>(() => {
  const marks = window.__bench;
  const Native = MutationObserver;
  window.MutationObserver = class extends Native {
    constructor(callback) {
      super((records, observer) => { const start = performance.now(); try { callback(records, observer); } finally { marks.observerMs += performance.now() - start; } });
    }
  };
})();</script>`;

/**
 * The host the scripts come from, another site than the page's 127.0.0.1 (a name RFC 6761 keeps
 * for tests), mapped to 127.0.0.1 by the Chromium of benchChromium: the same server answers both.
 */
const SCRIPT_HOST = 'leads.test';

/** The Chromium of the browser measures, resolving SCRIPT_HOST to the local server. */
export const benchChromium = () => launchChromium([`--host-resolver-rules=MAP ${SCRIPT_HOST} 127.0.0.1`]);

function page(variant: BrowserVariant, scripts: string, timeObservers: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LeadRelay bench</title>
${PROBE}
${timeObservers ? OBSERVER_TIMING : ''}
${variant.snippet ? `<script>${variant.snippet}</script>` : ''}
${variant.body === 'render' ? `<link rel="stylesheet" href="${scripts}/s/leadrelay.css">` : ''}
<script id="bench-script" src="${scripts}/s/${variant.file}" async></script>
</head><body><main><h1>Call me back</h1>
${variant.body === 'form' ? FORM : variant.body === 'render' ? RENDER_HOST : UNKEPT_HOST}
<p>We call back within the hour, every day from 9 to 9.</p>
</main></body></html>`;
}

/** The bytes of each served file (`files` maps a name to its path; an empty path is an empty script). */
export const readServed = (files: ReadonlyMap<string, string>): Map<string, Buffer> =>
  new Map([...files].map(([name, path]) => [name, path === '' ? Buffer.alloc(0) : readFileSync(path)]));

/**
 * Serves the page of each variant at /<variant>/?utm_… and every script at /s/<file> (linked from
 * SCRIPT_HOST), on 127.0.0.1; with `timeObservers`, the page times the script's MutationObservers.
 */
export async function serve(variants: readonly BrowserVariant[], files: ReadonlyMap<string, Buffer>, { timeObservers = false } = {}): Promise<{ server: Server; url: string }> {
  let scripts = '';
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = pathname.startsWith('/s/') ? files.get(pathname.slice(3)) : undefined;
    const variant = variants.find((candidate) => pathname === `/${candidate.name}/`);
    const headers = { 'cache-control': 'no-store' };
    const type = pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
    if (file) response.writeHead(200, { ...headers, 'content-type': `${type}; charset=utf-8` }).end(file);
    else if (variant) response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page(variant, scripts, timeObservers));
    else response.writeHead(404, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  scripts = `http://${SCRIPT_HOST}:${port}`;
  return { server, url: `http://127.0.0.1:${port}` };
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', '__metadata'];

/**
 * Loads every variant `rounds` times, round-robin so drift hits all alike. `files` maps a served
 * name to its path. Returns one sample per load.
 */
export async function measureBrowser(variants: readonly BrowserVariant[], files: ReadonlyMap<string, string>, rounds: number): Promise<{ samples: BrowserSample[]; chromium: string }> {
  const { server, url } = await serve(variants, readServed(files));
  const browser = await benchChromium();
  const chromium = browser.version();
  const samples: BrowserSample[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const variant of variants) {
        const context = await browser.newContext();
        try {
          const tab = await context.newPage();
          await browser.startTracing(tab, { categories: TRACE_CATEGORIES });
          await tab.goto(`${url}/${variant.name}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0Kbench`, { waitUntil: 'load' });
          await tab.waitForFunction((key) => (window as unknown as { __bench: Record<string, number> }).__bench[key] !== undefined, variant.enhances ? 'enhanced' : 'loaded', { timeout: 10_000 });
          const marks = await tab.evaluate(async (file) => {
            // Two frames: the layout shifts of the form's arrival are reported after the next rendering.
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            const bench = (window as unknown as { __bench: { enhanced?: number; loaded?: number; cls: number } }).__bench;
            const script = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith(`/s/${file}`)) as PerformanceResourceTiming | undefined;
            const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
            return { enhanced: bench.enhanced, loaded: bench.loaded, cls: bench.cls, arrived: script?.responseEnd ?? Number.NaN, domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN };
          }, variant.file);
          const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
          const costs = [variant.file, ...(variant.alsoLoads ?? [])].map((file) => scriptCost(trace.traceEvents, `/s/${file}`));
          const ready = (variant.enhances ? marks.enhanced : marks.loaded) ?? Number.NaN;
          samples.push({
            variant: variant.name,
            evaluateMs: costs.reduce((total, cost) => total + cost.evaluateMs, 0),
            callbacksMs: costs.reduce((total, cost) => total + cost.callbacksMs, 0),
            compileMs: costs.reduce((total, cost) => total + cost.compileMs, 0),
            threadMs: costs.reduce((total, cost) => total + cost.threadMs, 0),
            readyMs: ready,
            afterArrivalMs: ready - marks.arrived,
            domContentLoadedMs: marks.domContentLoaded,
            cls: marks.cls,
          });
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { samples, chromium };
}

/**
 * widget.js as it was before issue 21 made its submit path lazy and its MutationObserver cheap
 * (built from commit 65a1b75 with this vite config): the "before" of the widget rows, measured in
 * the same run as the current build.
 */
export const BEFORE_ISSUE_21 = join(ROOT, 'bench', 'reference', 'widget-before-issue-21.js');

/**
 * The least a first visit must run, hand-written (its header says what it leaves out): what the
 * widget's rows are read against besides the one-write reference.
 */
export const FIRST_VISIT_FLOOR = join(ROOT, 'bench', 'reference', 'first-visit-floor.js');

/** The variants of `npm run bench`: an empty script as the baseline, our script tags, then peers built by widget-size.ts. */
export function defaultVariants(peerDir: string): { variants: BrowserVariant[]; files: Map<string, string> } {
  const dist = join(ROOT, 'dist');
  // A reference: the cost of a first localStorage write in a fresh profile, which attribution pays.
  const storageWrite = join(ROOT, '.tmp', 'bench', 'storage-write.js');
  mkdirSync(join(ROOT, '.tmp', 'bench'), { recursive: true });
  writeFileSync(storageWrite, "localStorage.setItem('bench', '1');\n");
  const files = new Map<string, string>([
    ['empty.js', ''],
    ['storage-write.js', storageWrite],
    ['floor.js', FIRST_VISIT_FLOOR],
    ['attribution.js', join(dist, 'attribution.js')],
    ['touch.js', join(dist, 'touch.js')],
    ['widget.js', join(dist, 'widget.js')],
    ['widget-before.js', BEFORE_ISSUE_21],
    ['render.js', join(dist, 'render.js')],
    ['leadrelay.css', join(dist, 'leadrelay.css')],
    ['sourcebuster.js', join(peerDir, 'sourcebuster.js')],
    ['utm-grabber.js', join(peerDir, 'utm-grabber.js')],
    ['formspree-ajax.js', join(peerDir, 'formspree-ajax.js')],
  ]);
  const variants: BrowserVariant[] = [
    { name: 'empty', label: 'empty script (baseline)', file: 'empty.js', body: 'form', enhances: false },
    { name: 'storage', label: 'one `localStorage.setItem` (reference)', file: 'storage-write.js', body: 'form', enhances: false },
    { name: 'floor', label: 'first-visit floor: read the stored attribution, write the new one, mark the form (hand-written reference)', file: 'floor.js', body: 'form', enhances: true },
    // The page's URL carries a campaign, so attribution.js fetches its tracker (touch.js) from its folder.
    { name: 'attribution', label: 'attribution.js + touch.js (a landing with a campaign)', file: 'attribution.js', alsoLoads: ['touch.js'], body: 'form', enhances: false },
    { name: 'widget', label: 'widget.js, enhancing the form', file: 'widget.js', body: 'form', enhances: true },
    { name: 'widget-before', label: 'widget.js before issue 21 (reference build), enhancing the form', file: 'widget-before.js', body: 'form', enhances: true },
    { name: 'render', label: 'widget.js + render.js, rendering the form (its space kept: leadrelay.css, data-rows)', file: 'widget.js', alsoLoads: ['render.js'], body: 'render', enhances: true },
    { name: 'render-unkept', label: 'widget.js + render.js, rendering the form into a div without its space kept (before issue 21)', file: 'widget.js', alsoLoads: ['render.js'], body: 'render-unkept', enhances: true },
    { name: 'render-before', label: 'widget.js before issue 21 + render.js, rendering the form (its space kept)', file: 'widget-before.js', alsoLoads: ['render.js'], body: 'render', enhances: true },
    { name: 'sourcebuster', label: 'sourcebuster (peer)', file: 'sourcebuster.js', body: 'form', enhances: false },
    { name: 'utm-grabber', label: '@apollo/utm-grabber (peer)', file: 'utm-grabber.js', body: 'form', enhances: false },
    {
      name: 'formspree',
      label: '@formspree/ajax, initForm (peer)',
      file: 'formspree-ajax.js',
      body: 'form',
      // Its README's snippet: calls queued before the script loads.
      snippet: "window.formspree=window.formspree||function(){(formspree.q=formspree.q||[]).push(arguments)};formspree('initForm',{formElement:'#contact',formId:'bench'});",
      enhances: false,
    },
  ];
  return { variants, files };
}
