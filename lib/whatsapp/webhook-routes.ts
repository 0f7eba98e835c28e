import 'server-only';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { whatsappConnections } from '@/db/schema';
import { systemDb } from '@/lib/db/with-tenant';
import { decryptSecret } from './secrets';

/**
 * Where a webhook delivery goes: the tenant that connected the phone_number_id, its app secret (decrypted, as an
 * HMAC key object, in this process's memory only — never logged, never written anywhere) and the connection's
 * updated_at as a version. The store statement (db/migrations/0009) checks tenant, number and version in the database,
 * so a stale entry can never store into the wrong tenant: it answers -1 and the caller looks the number up again.
 */
export type WebhookRoute = { phoneNumberId: string; tenantId: string; key: KeyObject; version: string };

/** How long a route is kept without a lookup: a reconnect on another instance is seen by then at the latest. */
export const ROUTE_TTL_MS = 30_000;

type Entry = { route: WebhookRoute; expires: number };
const g = globalThis as unknown as { __einwWhatsappRoutes?: Map<string, Entry> };
const cache = (g.__einwWhatsappRoutes ??= new Map<string, Entry>());

/** Drops every cached route (connect, reconnect, disconnect in this process; tests). */
export function forgetWebhookRoutes(): void {
  cache.clear();
}

/**
 * The routes of the given phone_number_ids: from the cache, the missing or expired ones (all with `fresh`) in one
 * system query. Numbers no tenant connected are absent from the result (and not cached: a connection made on another
 * instance must be seen at once).
 */
export async function webhookRoutes(phoneNumberIds: string[], opts: { fresh?: boolean } = {}): Promise<Map<string, WebhookRoute>> {
  const now = Date.now();
  const found = new Map<string, WebhookRoute>();
  const missing: string[] = [];
  for (const id of phoneNumberIds) {
    const e = opts.fresh ? undefined : cache.get(id);
    if (e && e.expires > now) found.set(id, e.route);
    else missing.push(id);
  }
  if (!missing.length) return found;
  const db = await systemDb();
  const rows = await db
    .select({
      tenantId: whatsappConnections.tenantId,
      phoneNumberId: whatsappConnections.phoneNumberId,
      appSecretEnc: whatsappConnections.appSecretEnc,
      version: sql<string>`${whatsappConnections.updatedAt}::text`,
    })
    .from(whatsappConnections)
    .where(inArray(whatsappConnections.phoneNumberId, missing));
  for (const id of missing) cache.delete(id);
  for (const r of rows) {
    const route = { phoneNumberId: r.phoneNumberId, tenantId: r.tenantId, key: createSecretKey(Buffer.from(decryptSecret(r.appSecretEnc, r.tenantId), 'utf8')), version: r.version };
    cache.set(r.phoneNumberId, { route, expires: now + ROUTE_TTL_MS });
    found.set(r.phoneNumberId, route);
  }
  return found;
}
