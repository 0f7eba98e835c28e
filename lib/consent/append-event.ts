import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { consentEvents, ledgerHeads } from '@/db/schema';
import type { Tx } from '@/db';
import { CANON_VERSION, eventHash, genesisHash, type ChainedEvent } from './event-hash';

export type NewEvent = Omit<ChainedEvent, 'canonVersion' | 'id' | 'seq' | 'occurredAt' | 'prevHash'>;
export type AppendedEvent = ChainedEvent & { hash: string };

/**
 * Takes the tenant's chain head with a row lock, held until the transaction ends: appends of one tenant are
 * serialised across connections and app instances, other tenants are not blocked. Returns the head.
 */
export async function lockChainHead(tx: Tx, tenantId: string): Promise<{ seq: number; lastHash: string }> {
  const [head] = await tx
    .update(ledgerHeads)
    .set({ seq: sql`${ledgerHeads.seq}` })
    .where(eq(ledgerHeads.tenantId, tenantId))
    .returning({ seq: ledgerHeads.seq, lastHash: ledgerHeads.lastHash });
  if (head) return head;
  await tx.insert(ledgerHeads).values({ tenantId, seq: 0, lastHash: genesisHash(tenantId) }).onConflictDoNothing();
  return lockChainHead(tx, tenantId);
}

/** Looks up an event by idempotency key (call after lockChainHead, so a concurrent twin cannot slip in). */
export async function findByIdempotencyKey(tx: Tx, tenantId: string, key: string) {
  const [row] = await tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.idempotencyKey, key)));
  return row ?? null;
}

/** Appends one event to the tenant's hash chain. The caller must hold the head lock (lockChainHead) in `tx`. */
export async function appendEvent(tx: Tx, head: { seq: number; lastHash: string }, input: NewEvent): Promise<AppendedEvent> {
  const event: ChainedEvent = {
    ...input,
    canonVersion: CANON_VERSION,
    id: randomUUID(),
    seq: head.seq + 1,
    occurredAt: new Date(),
    prevHash: head.lastHash,
  };
  const hash = eventHash(event);
  await tx.insert(consentEvents).values({ ...event, hash });
  await tx.update(ledgerHeads).set({ seq: event.seq, lastHash: hash }).where(eq(ledgerHeads.tenantId, input.tenantId));
  head.seq = event.seq;
  head.lastHash = hash;
  return { ...event, hash };
}
