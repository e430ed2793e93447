// The raw numbers of one `npm run bench`, as bench/results.json stores them and BENCHMARKS.md reads them.
import type { BrowserSample, BrowserVariant } from './browser.ts';
import type { BeforeAfter } from './before-issue-21.ts';
import type { BundleResult, StartupSample } from './edge-bundle.ts';
import type { CrashPlan, CrashResult } from './edge-crash.ts';
import type { LoadPlan, TargetResult } from './edge-load.ts';
import type { ProbePlan, ProbeResult } from './edge-probe.ts';
import type { WaitRow } from './edge-wait.ts';
import type { OperatorsResult } from './operators.ts';
import type { PhoneMetadataRow } from './phone-metadata.ts';
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
  /** The no-loss check with the runtime killed during the load. */
  crash?: CrashPlan;
}

/** Everything one run measured; a measure that failed has its error in `errors` and no numbers. */
export interface BenchResults {
  startedAt: string;
  /** Set when `npm run bench:wait` measured the bounded wait alone, after the run of `startedAt`. */
  waitMeasuredAt?: string;
  /** Set when `npm run bench:crash` measured the crash phase alone, after the run of `startedAt`. */
  crashMeasuredAt?: string;
  /** Set when `npm run bench:widget` measured the widget alone, after the run of `startedAt`. */
  widgetMeasuredAt?: string;
  /** Set when `npm run bench:worker` measured the Worker's bundle, startup and probe alone, after the run of `startedAt`. */
  workerMeasuredAt?: string;
  /** Set when `npm run bench:operators` measured the operators' part alone, after the run of `startedAt`. */
  operatorsMeasuredAt?: string;
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
    /** Each libphonenumber-js metadata set's verdicts on typed numbers, against the shipped one. */
    phoneMetadata?: PhoneMetadataRow[] | undefined;
    /** The no-loss check with the runtime killed and restarted during the load. */
    crash?: CrashResult | undefined;
    /** Search, export and alerts at scale (bench/operators.ts). */
    operators?: OperatorsResult | undefined;
    /** Whether /proc could be read for workerd's CPU. */
    processCpu: boolean;
  };
  /** Set by `npm run bench:before`: the Worker before issue 21 and this one, measured in one run. */
  issue21?: BeforeAfter & { measuredAt: string };
  /** Measures that could not run, with why. */
  errors: Array<{ measure: string; error: string }>;
}
