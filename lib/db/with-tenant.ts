import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db';
import { pipelined } from './pipelined';

/** The non-owner role tenant queries run as, so PostgreSQL row-level security applies (db/migrations/0001). */
export const APP_ROLE = 'einwilligung_app';

const tenantIdSchema = z.uuid();

/**
 * The one tenant boundary: runs `fn` in a transaction scoped to `tenantId` — the setting that the RLS policies read
 * and the non-owner role they apply to are both transaction-local, so a pooled connection carries nothing over.
 * The tenant id must come from a verified membership or a resolved link token, never from form input.
 */
export async function withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const id = tenantIdSchema.parse(tenantId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Sent before fn's first statement and pipelined with it (`.then` starts a drizzle query at once; fn's queries
    // start a microtask later): the scope costs no round trip of its own. lib/db/__tests__ checks the order.
    const scoped = tx.execute(sql`select set_config('app.tenant_id', ${id}, true), set_config('role', ${APP_ROLE}, true)`).then(() => undefined);
    const [, result] = await pipelined([scoped, fn(tx)]);
    return result;
  });
}

/**
 * Cross-tenant work that has no tenant yet or spans tenants: sign-in, creating a tenant, resolving a public token
 * to its tenant, the mail worker. Runs as the connection's (owner) role. Keep its callers few and in lib/.
 */
export async function withSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(fn);
}

/** For a single cross-tenant read on a hot path, without the BEGIN/COMMIT round trips of withSystem. */
export async function systemDb(): Promise<Db> {
  return getDb();
}
