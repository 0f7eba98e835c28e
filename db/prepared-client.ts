import type { Sql } from 'postgres';

/**
 * Makes every query drizzle sends through postgres.js a named prepared statement. Why: drizzle passes
 * `{ prepare: false }` unless a query is built with `.prepare(name)`, and postgres.js then sends a query with
 * parameters as Parse+Describe, waits for the parameter types, and only then Bind+Execute: two round trips and two
 * parses per statement. Prepared, a repeated statement is one Bind+Execute round trip with a cached plan (measured in
 * bench/: ≈ 0.65 ms vs 0.2 ms per statement on loopback). postgres.js caches statements per connection by text and
 * parameter types; our statement shapes are a bounded set and connections are recycled (max_lifetime).
 * Turn off with DATABASE_PREPARE=0 behind a pooler in transaction mode (PgBouncer < 1.21 loses named statements).
 */
export function alwaysPrepare<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      // Transactions and savepoints hand drizzle a client of their own: wrap that one too.
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql) => unknown;
          const method = Reflect.get(target, prop) as (...a: unknown[]) => unknown;
          return method.apply(target, [...args, (tx: Sql) => fn(alwaysPrepare(tx))]);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
