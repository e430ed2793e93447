// Reads a Chromium trace (the JSON of browser.stopTracing()) for what one script cost the page's
// main thread, as DevTools' Performance panel attributes it.

/** One trace event, the fields used here. `dur` is in microseconds. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
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
}

/** The thread Chromium names CrRendererMain in the renderer that ran `url` (tracks are found by the events themselves). */
function mainThreads(events: readonly TraceEvent[]): Set<string> {
  return new Set(events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
}

const durationMs = (events: readonly TraceEvent[]): number => events.reduce((total, event) => total + (event.dur ?? 0), 0) / 1000;

/** What the script whose URL ends with `urlSuffix` cost, from complete ('X') events of the trace. */
export function scriptCost(events: readonly TraceEvent[], urlSuffix: string): ScriptCost {
  const main = mainThreads(events);
  const ofScript = events.filter((event) => event.ph === 'X' && (event.args?.data?.url ?? '').endsWith(urlSuffix));
  const onMain = ofScript.filter((event) => main.size === 0 || main.has(`${event.pid}:${event.tid}`));
  return {
    evaluateMs: durationMs(onMain.filter((event) => event.name === 'EvaluateScript')),
    callbacksMs: durationMs(onMain.filter((event) => event.name === 'FunctionCall')),
    compileMs: durationMs(ofScript.filter((event) => event.name === 'v8.compile')),
  };
}
