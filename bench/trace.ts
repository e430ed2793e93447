// Reads a Chromium trace (the JSON of browser.stopTracing()) for what one script cost the page's
// main thread, as DevTools' Performance panel attributes it.

/** One trace event, the fields used here. `dur` (wall) and `tdur` (the thread's CPU time) are in microseconds. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; frame?: string } };
}

/** Main-thread milliseconds of one script: its top-level run, later calls into it, and compiling it. */
export interface ScriptCost {
  /** `EvaluateScript`: compiling (when not streamed off the main thread) and running the top level. */
  evaluateMs: number;
  /** `FunctionCall`: event listeners and callbacks of the script running later (e.g. on DOMContentLoaded). */
  callbacksMs: number;
  /** `v8.compile` on any thread: parsing and compiling (streamed async scripts compile off the main thread). */
  compileMs: number;
  /**
   * The main thread's CPU time in the script's own events (`evaluateMs` + `callbacksMs` is wall
   * time): without the time it waited, blocked on another process (a first storage access waits
   * for the browser process) or preempted on a busy machine.
   */
  threadMs: number;
}

/** The thread Chromium names CrRendererMain in the renderer that ran `url` (tracks are found by the events themselves). */
function mainThreads(events: readonly TraceEvent[]): Set<string> {
  return new Set(events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
}

const durationMs = (events: readonly TraceEvent[]): number => events.reduce((total, event) => total + (event.dur ?? 0), 0) / 1000;

const within = (outer: TraceEvent, inner: TraceEvent) => inner !== outer && inner.ts >= outer.ts && inner.ts + (inner.dur ?? 0) <= outer.ts + (outer.dur ?? 0);

/**
 * What the script whose URL ends with `urlSuffix` cost, from complete ('X') events of the trace.
 * An event of the script nested in another of its own (a callback run inside its top level) is
 * counted once, and the page's own callbacks nested in the script's events (a MutationObserver of
 * the page, delivered in the script's microtask checkpoint: the bench's probe) are not the script's.
 */
export function scriptCost(events: readonly TraceEvent[], urlSuffix: string): ScriptCost {
  const main = mainThreads(events);
  const onMain = events.filter((event) => event.ph === 'X' && (main.size === 0 || main.has(`${event.pid}:${event.tid}`)));
  const calls = onMain.filter((event) => event.name === 'EvaluateScript' || event.name === 'FunctionCall');
  const isMine = (event: TraceEvent) => (event.args?.data?.url ?? '').endsWith(urlSuffix);
  const mine = calls.filter((event) => isMine(event) && !calls.some((outer) => isMine(outer) && within(outer, event)));
  const othersIn = (event: TraceEvent) => calls.filter((other) => other.name === 'FunctionCall' && !isMine(other) && within(event, other) && !calls.some((mid) => mid !== other && within(event, mid) && within(mid, other)));
  const ownMs = (event: TraceEvent, time: 'dur' | 'tdur' = 'dur') => ((event[time] ?? 0) - othersIn(event).reduce((total, other) => total + (other[time] ?? 0), 0)) / 1000;
  const sum = (name: string) => mine.filter((event) => event.name === name).reduce((total, event) => total + ownMs(event), 0);
  return {
    evaluateMs: sum('EvaluateScript'),
    callbacksMs: sum('FunctionCall'),
    compileMs: durationMs(events.filter((event) => event.ph === 'X' && event.name === 'v8.compile' && isMine(event))),
    threadMs: mine.reduce((total, event) => total + ownMs(event, 'tdur'), 0),
  };
}
