// Times every D1 call while the probe runs a batch, so it can tell the Worker's own work from the
// database's. The calls that wait on D1 (a statement's first, run, all and raw; the database's
// batch) are patched on the binding's prototypes for the batch, rather than wrapping the binding:
// a wrapper runs its own code on every prepare() and bind(), outside the timed calls, which the
// probe would count as the Worker's. prepare() and bind() themselves (workerd's D1 client
// building the statement, a few µs a lead) stay in the Worker's figure: on Cloudflare they run in
// its isolate too. What the client does inside a call (the query's JSON, decoding the rows, its
// tracing spans) is counted with the call, as D1's.

/** Milliseconds spent inside D1 calls, and how many calls were made. */
export interface D1Time {
  ms: number;
  calls: number;
}

type Method = (...args: unknown[]) => Promise<unknown>;

const STATEMENT_CALLS = ['first', 'run', 'all', 'raw'];

/**
 * Times every call of `db`'s binding into `spent` (Date.now(): it advances during work in local
 * workerd) until the returned function is called. The patch is the isolate's: one batch at a time.
 */
export function timeD1Calls(db: D1Database, spent: D1Time): () => void {
  const patched: Array<[Record<string, unknown>, string[]]> = [
    [Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>, STATEMENT_CALLS],
    [Object.getPrototypeOf(db) as Record<string, unknown>, ['batch']],
  ];
  const restore: Array<() => void> = [];
  for (const [prototype, names] of patched) {
    for (const name of names) {
      const original = prototype[name];
      if (typeof original !== 'function') throw new Error(`[bench] the D1 binding has no ${name}() to time`);
      prototype[name] = async function timed(this: unknown, ...args: unknown[]) {
        const start = Date.now();
        try {
          return await (original as Method).apply(this, args);
        } finally {
          spent.ms += Date.now() - start;
          spent.calls += 1;
        }
      };
      restore.push(() => {
        prototype[name] = original;
      });
    }
  }
  return () => {
    for (const undo of restore) undo();
  };
}
