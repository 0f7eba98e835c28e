import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { alwaysPrepare } from './prepared-client';
import { installSafeDatabaseErrors } from './safe-errors';
import * as schema from './schema';

export { schema };

// Query errors leave the database layer without parameter values (personal data, token hashes): db/safe-errors.ts.
installSafeDatabaseErrors();

/** One client type for both drivers (a union of the two driver types breaks drizzle's overloads). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handed out by withTenant/withSystem; lib functions take it so callers can compose them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** `poolSize`: how many connections may work at once (PGlite: one; a use case may borrow a second one only when more). */
export type DbHandle = { db: Db; driver: 'pglite' | 'postgres'; poolSize: number; close: () => Promise<void> };

export const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), 'db', 'migrations');

/** Opens a real PostgreSQL server through postgres.js. Migrations are applied by `npm run db:migrate`. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const poolSize = opts.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const prepare = process.env.DATABASE_PREPARE !== '0';
  const db = drizzle(prepare ? alwaysPrepare(client) : client, { schema }) as unknown as Db;
  return { db, driver: 'postgres', poolSize, close: () => client.end({ timeout: 5 }) };
}

/**
 * The extensions every PGlite on our schema must load (the migrations create pg_trgm indexes; a PGlite opened without
 * it fails on any write to contacts with 'could not access file "pg_trgm"'). Pass as `new PGlite({ dataDir, extensions })`.
 */
export async function pgliteExtensions() {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { pg_trgm };
}

/** Opens embedded PostgreSQL (PGlite) in `dataDir` (in memory when undefined) and applies the migrations. */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The options form: `new PGlite(undefined, opts)` (in memory) ignores opts, extensions included.
  const client = new PGlite({ dataDir, extensions: await pgliteExtensions() });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Db, driver: 'pglite', poolSize: 1, close: () => client.close() };
}

/** Applies db/migrations to a real server (used by `npm run db:migrate` and the test harness). */
export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end({ timeout: 5 });
  }
}

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? '.data');
}

// Kept on globalThis: `next dev` re-evaluates modules on edits, and a second PGlite on one directory corrupts it.
const g = globalThis as unknown as { __einwDb?: Promise<DbHandle> };

/**
 * The process-wide database, opened lazily on first use (never at import: `next build` imports route modules).
 * DATABASE_URL set → real PostgreSQL; unset → embedded PGlite persisted in $DATA_DIR/pglite.
 */
export function getDbHandle(): Promise<DbHandle> {
  g.__einwDb ??= process.env.DATABASE_URL
    ? openPostgres(process.env.DATABASE_URL)
    : openPglite(path.join(dataDir(), 'pglite'));
  return g.__einwDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests install their own database (a fresh PGlite or a fresh PostgreSQL database) as the process-wide one. */
export function setDbHandle(handle: DbHandle): void {
  g.__einwDb = Promise.resolve(handle);
}
