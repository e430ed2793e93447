// How much `npm run bench` measures, and `--quick` (to try a change to the bench itself); the
// runners of one part (`bench:worker`, ...) take their part of the full plan from here.
import { CRASH_PLANS } from './edge-crash.ts';
import type { BenchPlan } from './results.ts';

/** The full run's plan. */
export const FULL_PLAN: BenchPlan = {
  browserRounds: 21,
  observerRounds: 5,
  startupRuns: 9,
  probe: { warmup: 20, leadsPerForm: 60, repetitions: 5, minLoopMs: 150 },
  load: { warmup: 25, sequential: 300, load: 2000, concurrency: 8 },
  waitLeads: 5,
  crash: CRASH_PLANS.full,
};

/** A smaller run (a minute or two on 2 cores). */
export const QUICK_PLAN: BenchPlan = {
  browserRounds: 3,
  observerRounds: 1,
  startupRuns: 2,
  probe: { warmup: 5, leadsPerForm: 20, repetitions: 2, minLoopMs: 50 },
  load: { warmup: 5, sequential: 40, load: 200, concurrency: 8 },
  waitLeads: 2,
  crash: CRASH_PLANS.quick,
};
