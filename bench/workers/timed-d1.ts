// A D1 binding that counts the time spent waiting for D1, so the probe can tell the Worker's own
// work from the database's. Statements are wrapped; batch() gets the real ones back.

/** Milliseconds spent inside D1 calls, and how many calls were made. */
export interface D1Time {
  ms: number;
  calls: number;
}

const TIMED = new Set<PropertyKey>(['first', 'run', 'all', 'raw']);

/** `db` with every query timed into `spent` (Date.now(): it advances during work in local workerd). */
export function timedD1(db: D1Database, spent: D1Time): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const timed = async <T>(call: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await call();
    } finally {
      spent.ms += Date.now() - start;
      spent.calls += 1;
    }
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (TIMED.has(key)) return (...args: unknown[]) => timed(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => wrap(target.prepare(query));
      if (key === 'batch') return (statements: D1PreparedStatement[]) => timed(() => target.batch(statements.map((statement) => real.get(statement) ?? statement)));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
