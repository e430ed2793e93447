// The runner of each measure of `npm run bench`, `npm run bench:widget` and `npm run bench:worker`.
import type { BenchResults } from './results.ts';

/** Runs a measure, timing it; a failure is recorded in `errors` and the run goes on. */
export type Measure = <T>(name: string, task: () => Promise<T> | T) => Promise<T | undefined>;

/** A Measure that records its failures in `errors`. */
export const measurer =
  (errors: BenchResults['errors']): Measure =>
  async (name, task) => {
    const taskStarted = Date.now();
    console.log(`[bench] ${name}…`);
    try {
      const value = await task();
      console.log(`[bench] ${name}: ${((Date.now() - taskStarted) / 1000).toFixed(1)} s`);
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[bench] ${name} failed: ${message}`);
      errors.push({ measure: name, error: message });
      return undefined;
    }
  };
