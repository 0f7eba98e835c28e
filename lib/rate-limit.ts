import { lt, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rateLimits } from '@/db/schema';
import { sha256Hex } from './crypto';

/**
 * Fixed-window counter in PostgreSQL, so the limit holds across app instances. Returns whether this hit is within
 * `limit` per `windowSeconds`. Keys are hashed (an IP address is personal data and need not be stored).
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds = 60): Promise<boolean> {
  const db = await getDb();
  const ms = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(Date.now() / ms) * ms);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: sha256Hex(key).slice(0, 32), windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  if (Math.random() < 0.01) await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(Date.now() - 3600_000)));
  return row!.count <= limit;
}
