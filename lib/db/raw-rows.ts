import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';

/** A raw statement's rows on either driver (postgres.js returns an array, PGlite an object with `rows`). */
export async function rawRows<T>(conn: Db | Tx, q: SQL): Promise<T[]> {
  const r = (await conn.execute(q)) as unknown as T[] | { rows: T[] };
  return Array.isArray(r) ? r : r.rows;
}
