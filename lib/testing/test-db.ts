import { randomBytes } from 'node:crypto';
import { migratePostgres, openPglite, openPostgres, setDbHandle, type DbHandle } from '@/db';

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the server named by DATABASE_URL
 * (dropped on close), or an in-memory PGlite when DATABASE_URL is unset. It also becomes the process-wide db,
 * so lib functions that open their own transaction (withTenant, withSystem) use it.
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await openPglite();
    setDbHandle(handle);
    return handle;
  }
  const { default: postgres } = await import('postgres');
  const name = `einw_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const handle = await openPostgres(url.toString(), { max: 30 });
  setDbHandle(handle);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
