/**
 * Per-instance cache of what every visitor of one public link sees (tenant profile, the link, the published notice
 * version): a consent link shared in a WhatsApp group is opened by many people within minutes, and each open would
 * otherwise cost the same two queries. Entries live PUBLIC_CACHE_TTL_MS; a change on this instance (notice published,
 * link revoked, profile or logo changed) drops the tenant's entries at once and caches nothing of that tenant for
 * PUBLIC_CACHE_HOLD_MS, so a read racing the change's commit is not kept. Other instances see a change after the TTL.
 * What a submission records is never taken from here: the consent transaction reads the link and version again.
 */
export const PUBLIC_CACHE_TTL_MS = 10_000;
export const PUBLIC_CACHE_HOLD_MS = 2_000;
const MAX_ENTRIES = 2_000;

type Entry<T> = { tenantId: string | null; value: T; expires: number };

const g = globalThis as unknown as { __einwPublicCache?: { entries: Map<string, Entry<unknown>>; heldUntil: Map<string, number> } };
const state = (g.__einwPublicCache ??= { entries: new Map(), heldUntil: new Map() });

/** The cached value of `key`, or what `load` returns (cached when it names a tenant not held by a recent change). */
export async function cached<T>(key: string, load: () => Promise<T>, tenantOf: (value: T) => string | null, now = Date.now()): Promise<T> {
  const hit = state.entries.get(key);
  if (hit && hit.expires > now) return hit.value as T;
  const value = await load();
  const tenantId = tenantOf(value);
  if (tenantId && (state.heldUntil.get(tenantId) ?? 0) <= Date.now()) {
    if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
    state.entries.delete(key); // re-inserted last: Map order is the eviction order
    state.entries.set(key, { tenantId, value, expires: now + PUBLIC_CACHE_TTL_MS });
  }
  return value;
}

/** Drops every cached view of a tenant on this instance (call it in the transaction that changes what they show). */
export function invalidatePublicViews(tenantId: string): void {
  state.heldUntil.set(tenantId, Date.now() + PUBLIC_CACHE_HOLD_MS);
  for (const [key, entry] of state.entries) if (entry.tenantId === tenantId) state.entries.delete(key);
  if (state.heldUntil.size > MAX_ENTRIES) for (const [id, until] of state.heldUntil) if (until <= Date.now()) state.heldUntil.delete(id);
}

/** Test hook: forget everything. */
export function clearPublicViews(): void {
  state.entries.clear();
  state.heldUntil.clear();
}
