// What the widget's MutationObserver costs a single-page app that adds many elements: the page of
// bench/browser.ts, once the form is enhanced, appends 5,000 elements in one of three ways, and
// the probe times the callbacks of every MutationObserver the script created. The empty script
// is the baseline of the page's own time for the same appends.
import type { Page } from 'playwright-core';
import { benchChromium, readServed, serve, type BrowserVariant } from './browser.ts';

/** How the page adds its 5,000 elements. */
export const APPEND_SCENARIOS = {
  body: 'one at a time to `<body>`',
  container: 'one at a time to a container already in the page',
  batches: 'to `<body>` in 50 batches of 100 (a fragment each, one task apart)',
} as const;
export type AppendScenario = keyof typeof APPEND_SCENARIOS;

/** One page load's appends. */
export interface ObserverSample {
  variant: string;
  scenario: AppendScenario;
  /** In the callbacks of the script's MutationObservers. */
  observerMs: number;
  /** From the first append until a task after the last, observers included: what the page waited. */
  totalMs: number;
}

const ELEMENTS = 5000;
const BATCH = 100;

/** Appends in the page; resolves with the page's own timing and the probe's observer time. */
function appendIn(tab: Page, scenario: AppendScenario): Promise<{ observerMs: number; totalMs: number }> {
  return tab.evaluate(
    async ({ scenario, elements, batch }) => {
      const bench = (window as unknown as { __bench: { observerMs: number } }).__bench;
      const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
      const container = document.body.appendChild(document.createElement('section'));
      await nextTask();
      bench.observerMs = 0;
      const start = performance.now();
      if (scenario === 'batches') {
        for (let done = 0; done < elements; done += batch) {
          const fragment = document.createDocumentFragment();
          for (let index = 0; index < batch; index++) fragment.append(document.createElement('div'));
          document.body.append(fragment);
          await nextTask();
        }
      } else {
        const parent = scenario === 'body' ? document.body : container;
        for (let index = 0; index < elements; index++) parent.append(document.createElement('div'));
      }
      await nextTask();
      return { observerMs: bench.observerMs, totalMs: performance.now() - start };
    },
    { scenario, elements: ELEMENTS, batch: BATCH },
  );
}

/** Every scenario for every variant, `rounds` times round-robin, each in a fresh browser context. */
export async function measureObserver(variants: readonly BrowserVariant[], files: ReadonlyMap<string, string>, rounds: number): Promise<ObserverSample[]> {
  const { server, url } = await serve(variants, readServed(files), { timeObservers: true });
  const browser = await benchChromium();
  const samples: ObserverSample[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const scenario of Object.keys(APPEND_SCENARIOS) as AppendScenario[]) {
        for (const variant of variants) {
          const context = await browser.newContext();
          try {
            const tab = await context.newPage();
            await tab.goto(`${url}/${variant.name}/`, { waitUntil: 'load' });
            await tab.waitForFunction((key) => (window as unknown as { __bench: Record<string, number> }).__bench[key] !== undefined, variant.enhances ? 'enhanced' : 'loaded', { timeout: 10_000 });
            samples.push({ variant: variant.name, scenario, ...(await appendIn(tab, scenario)) });
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return samples;
}
