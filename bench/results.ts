// The raw numbers of one `npm run bench`, as bench/results.json stores them and BENCHMARKS.md reads them.
import type { BrowserSample, BrowserVariant } from './browser.ts';
import type { BundleResult, StartupSample } from './edge-bundle.ts';
import type { LoadPlan, TargetResult } from './edge-load.ts';
import type { ProbePlan, ProbeResult } from './edge-probe.ts';
import type { WaitRow } from './edge-wait.ts';
import type { ObserverSample } from './observer.ts';
import type { SizeRow } from './widget-size.ts';

/** How much each measure ran. */
export interface BenchPlan {
  browserRounds: number;
  /** Page loads per variant and way of appending in the MutationObserver measure. */
  observerRounds: number;
  startupRuns: number;
  probe: ProbePlan;
  load: LoadPlan;
  /** Leads posted per provider speed in the bounded-wait measure. */
  waitLeads: number;
}

/** Everything one run measured; a measure that failed has its error in `errors` and no numbers. */
export interface BenchResults {
  startedAt: string;
  /** Set when `npm run bench:wait` measured the bounded wait alone, after the run of `startedAt`. */
  waitMeasuredAt?: string;
  /** Set when `npm run bench:widget` measured the widget alone, after the run of `startedAt`. */
  widgetMeasuredAt?: string;
  durationMs: number;
  machine: { cpu: string; cores: number; memoryGiB: number; platform: string; node: string; workerd: string; wrangler: string; chromium?: string };
  plan: BenchPlan;
  widget: {
    sizes?: SizeRow[] | undefined;
    browser?: { variants: Array<Pick<BrowserVariant, 'name' | 'label' | 'enhances'>>; samples: BrowserSample[] };
    /** 5,000 elements appended after the form is enhanced, per variant and way of appending. */
    observer?: ObserverSample[] | undefined;
  };
  edge: {
    bundle?: BundleResult[] | undefined;
    startup?: StartupSample[] | undefined;
    probe?: ProbeResult | undefined;
    http?: TargetResult[];
    /** POST to answer behind providers of different speeds (the bounded first-attempt wait). */
    wait?: WaitRow[] | undefined;
    /** Whether /proc could be read for workerd's CPU. */
    processCpu: boolean;
  };
  /** Measures that could not run, with why. */
  errors: Array<{ measure: string; error: string }>;
}
