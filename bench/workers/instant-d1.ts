// A D1 binding that answers at once, in the Worker's own isolate: what an accepted lead's two
// round trips get back (the insert's RETURNING row, then the attempt's batch), with nothing run.
// Local D1 runs SQLite and its Durable Object on the Worker's own thread, between the Worker's
// steps; with this one the probe times the same steps without local D1 in between.

class InstantStatement {
  constructor(
    readonly query: string,
    readonly params: readonly unknown[] = [],
  ) {}

  bind(...values: unknown[]): InstantStatement {
    return new InstantStatement(this.query, values);
  }

  /** An INSERT … RETURNING id, status, fingerprint of a new lead (insertLead binds id first, fingerprint ninth); nothing else is read. */
  async first(): Promise<Record<string, unknown> | null> {
    return /^\s*INSERT INTO leads\b/.test(this.query) ? { id: this.params[0], status: 'sending', fingerprint: this.params[8] } : null;
  }

  async run(): Promise<{ results: unknown[]; success: true; meta: Record<string, unknown> }> {
    return { results: [], success: true, meta: {} };
  }

  async all(): Promise<{ results: unknown[]; success: true; meta: Record<string, unknown> }> {
    return this.run();
  }

  async raw(): Promise<unknown[][]> {
    return [];
  }
}

class InstantD1 {
  prepare(query: string): InstantStatement {
    return new InstantStatement(query);
  }

  async batch(statements: readonly InstantStatement[]) {
    return Promise.all(statements.map((statement) => statement.run()));
  }
}

/** A fresh instant D1, typed as the binding it stands in for. */
export const instantD1 = (): D1Database => new InstantD1() as unknown as D1Database;
