// A D1 binding seen through a wrapper: counts round trips (each first/run/all/raw of a statement,
// each batch) and can make one batch fail, as D1 does when the database is busy.

/** The wrapped binding, the SQL of every round trip so far (a batch as its statements joined), and a fault switch. */
export interface WatchedD1 {
  db: D1Database;
  calls: string[];
  /** Makes the next batch whose SQL contains `sql` throw D1's SQLITE_BUSY error instead of running. */
  failNextBatchWith(sql: string): void;
}

const ROUND_TRIPS = new Set(['first', 'run', 'all', 'raw']);

export function watchedD1(real: D1Database): WatchedD1 {
  const calls: string[] = [];
  let failing: string | undefined;
  // Proxies cannot reach the statements' private fields: batch gets the real ones back.
  const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const sqlOf = new WeakMap<D1PreparedStatement, string>();
  const watch = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === 'bind') return (...values: unknown[]) => watch(target.bind(...values), sql);
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (typeof property === 'string' && ROUND_TRIPS.has(property)) calls.push(sql);
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
    unwrapped.set(proxy, statement);
    sqlOf.set(proxy, sql);
    return proxy;
  };
  const db = new Proxy(real, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => watch(target.prepare(sql), sql);
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const sql = statements.map((statement) => sqlOf.get(statement) ?? '').join(';\n');
          calls.push(sql);
          if (failing !== undefined && sql.includes(failing)) {
            failing = undefined;
            throw new Error('D1_ERROR: database is locked: SQLITE_BUSY');
          }
          return target.batch(statements.map((statement) => unwrapped.get(statement) ?? statement));
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    db,
    calls,
    failNextBatchWith(sql) {
      failing = sql;
    },
  };
}
