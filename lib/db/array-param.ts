import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of values as one array parameter (`= any(${uuidArray(ids)})`, `unnest(…)`), where drizzle's inArray writes
 * one placeholder per value. Why: every connection keeps a prepared statement per distinct statement text
 * (db/prepared-client.ts), in postgres.js and in the PostgreSQL backend; a batch of n ids written as n placeholders
 * is a new text for every n, and values written into the text (sql.raw, as the sequencer did) a new one for every
 * batch: each connection's statement cache grew without bound. Uuids and integers need no quoting inside an array
 * literal; the values are a parameter, never SQL.
 */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;
export const bigintArray = (ns: readonly number[]): SQL => sql`${`{${ns.map((n) => Math.trunc(n)).join(',')}}`}::bigint[]`;
