// The widget's measures (bytes, main-thread cost and layout shift in Chromium, the MutationObserver),
// for `npm run bench` and `npm run bench:widget`.
import { defaultVariants, measureBrowser } from './browser.ts';
import type { Measure } from './measure.ts';
import { measureObserver } from './observer.ts';
import type { BenchResults } from './results.ts';
import { measureWidgetSizes } from './widget-size.ts';

/** Fills `results.widget` (and the Chromium version) with this run's widget numbers. */
export async function measureWidget(results: BenchResults, measure: Measure): Promise<void> {
  const sizes = await measure('widget bytes against peers', measureWidgetSizes);
  results.widget = { sizes: sizes?.rows };
  if (!sizes) return;
  const { variants, files } = defaultVariants(sizes.peerDir);
  const browser = await measure('main-thread cost in Chromium', () => measureBrowser(variants, files, results.plan.browserRounds));
  if (browser) {
    results.widget.browser = { variants: variants.map(({ name, label, enhances }) => ({ name, label, enhances })), samples: browser.samples };
    results.machine.chromium = browser.chromium;
  }
  // The observer's cost: the empty script (the page's own appends) and widget.js now and before issue 21.
  const observed = variants.filter((variant) => ['empty', 'widget', 'widget-before'].includes(variant.name));
  results.widget.observer = await measure('MutationObserver under 5,000 appended elements', () => measureObserver(observed, files, results.plan.observerRounds));
}
