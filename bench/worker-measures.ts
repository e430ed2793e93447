// The Worker's own measures (its bundle, the phone metadata verdicts that decide its largest part,
// its startup, the probe's cost per lead and request building), for `npm run bench` and `npm run bench:worker`.
import { measureBundle, measureStartup, type StartupSample } from './edge-bundle.ts';
import { runProbe } from './edge-probe.ts';
import { comparePhoneMetadata } from './phone-metadata.ts';
import type { Measure } from './measure.ts';
import type { BenchResults } from './results.ts';

/** The names these measures are recorded under (a failure's `measure`). */
export const WORKER_MEASURES = ['Worker bundles', 'phone metadata verdicts', 'Worker startup', 'edge cost per lead in workerd (probe)'] as const;

/** Fills `results.edge`'s bundle, phone metadata, startup and probe with this run's numbers; `run` marks the probe's leads. */
export async function measureWorker(results: BenchResults, measure: Measure, run: string): Promise<void> {
  const [bundles, phoneMetadata, startup, probe] = WORKER_MEASURES;
  const { plan } = results;
  const built = await measure(bundles, () => [measureBundle('leadrelay'), measureBundle('passthrough')]);
  results.edge.bundle = built;
  results.edge.phoneMetadata = await measure(phoneMetadata, comparePhoneMetadata);
  results.edge.startup = await measure(startup, async () => {
    if (!built) throw new Error('[bench] no bundle to profile');
    const samples: StartupSample[] = [];
    for (let index = 0; index < plan.startupRuns; index++) for (const bundle of built) samples.push(await measureStartup(bundle));
    return samples;
  });
  results.edge.probe = await measure(probe, () => runProbe(plan.probe, run));
}
