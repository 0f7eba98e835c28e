import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rateLimits } from '@/db/schema';
import { sha256Hex } from './crypto';

/**
 * Fixed-window counter in PostgreSQL, so the limit holds across app instances. Returns whether this hit is within
 * `limit` per `windowSeconds`. Keys are hashed (an IP address is personal data and need not be stored).
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds = 60): Promise<boolean> {
  return hitRateLimits([{ key, limit }], windowSeconds);
}

/** Counts one hit on each key in one statement; true when every key is within its limit. */
export async function hitRateLimits(checks: { key: string; limit: number }[], windowSeconds = 60): Promise<boolean> {
  const db = await getDb();
  const ms = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(Date.now() / ms) * ms);
  const hashed = checks.map((c) => ({ ...c, key: sha256Hex(c.key).slice(0, 32) }));
  const rows = await db
    .insert(rateLimits)
    .values(hashed.map((c) => ({ key: c.key, windowStart, count: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ key: rateLimits.key, count: rateLimits.count });
  if (Math.random() < 0.01) await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(Date.now() - 3600_000)));
  return hashed.every((c) => (rows.find((r) => r.key === c.key)?.count ?? 0) <= c.limit);
}
