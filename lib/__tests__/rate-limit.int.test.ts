import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '@/lib/db/raw-rows';
import { createTestDb } from '@/lib/testing/test-db';
import { hitRateLimits } from '../rate-limit';

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

describe('rate limits', () => {
  it('count hits per key and window across keys in one statement, and refuse past the limit', async () => {
    const key = `test:${Math.random()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimits([{ key, limit: 3 }]));
    expect(results).toEqual([true, true, true, false]);
    expect(await hitRateLimits([{ key: `${key}:other`, limit: 3 }])).toBe(true);
    expect(await hitRateLimits([{ key, limit: 10 }, { key: `${key}:other`, limit: 1 }])).toBe(false);
  });

  // Their commits must not wait for a WAL flush (migration 0011): on a server, the table is unlogged.
  it.skipIf(!process.env.DATABASE_URL)('are kept in an unlogged table', async () => {
    const rows = await rawRows<{ relpersistence: string }>(db.db, sql`select relpersistence from pg_class where relname = 'rate_limits'`);
    expect(rows[0]?.relpersistence).toBe('u');
  });
});
