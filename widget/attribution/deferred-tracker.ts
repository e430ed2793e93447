import type { Tracker } from './tracker.ts';

/**
 * A tracker that starts once `start` brings the real one (a script tag waits for site.js on a page
 * view that needs it): every call made meanwhile takes effect then, in order, `settled` tasks
 * included. `start` never rejects. Until then the attribution is empty; callers that need it wait
 * with `settled`.
 */
export function deferredTracker(start: Promise<Tracker>): Tracker {
  let tracker: Tracker | undefined;
  const waiting: Array<(started: Tracker) => void> = [];
  const call = (use: (started: Tracker) => void) => (tracker ? use(tracker) : void waiting.push(use));
  void start.then((started) => {
    tracker = started;
    for (const use of waiting) {
      try {
        use(started);
      } catch (error) {
        // as it would have thrown to its caller: the calls after it still take effect
        console.error('[leadrelay]', error);
      }
    }
  });
  return {
    capture: (view) => call((started) => started.capture(view)),
    attribution: () => tracker?.attribution() ?? {},
    settled: (task) => call(task),
    setConsent: (granted) => call((started) => started.setConsent(granted)),
  };
}
