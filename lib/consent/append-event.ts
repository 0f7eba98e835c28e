import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { consentEvents, ledgerHeads } from '@/db/schema';
import type { Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { CANON_VERSION, CANON_VERSION_EVIDENCE, eventHash, genesisHash, hasEvidence, type ChainedEvent } from './event-hash';

/**
 * An event to append, with the identity version its piiHash commits to (stored beside the hash, not hashed), and
 * optionally the evidence of how it arrived (EventEvidence fields; hashed as canon v2, without any the event is v1 as before).
 */
export type NewEvent = Omit<ChainedEvent, 'canonVersion' | 'seq' | 'occurredAt' | 'prevHash'> & { identityId: string | null };
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

/** Looks up an event by idempotency key. Outside the chain lock: a twin racing past it fails on the unique key. */
export async function findByIdempotencyKey(tx: Tx, tenantId: string, key: string) {
  const [row] = await tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.idempotencyKey, key)));
  return row ?? null;
}

/** A fresh event id, so rows written before the append (outbox mails) can refer to the event. */
export const newEventId = (): string => randomUUID();

/**
 * Appends one event to the tenant's hash chain, as the LAST step of the caller's transaction: everything else the
 * transaction writes is done before, so the head lock is held for one round trip (the event, the new head and the
 * caller's `alongside` writes go out pipelined) plus the commit. `alongside` gets the event's timestamp.
 */
export async function appendEvent(
  tx: Tx,
  input: NewEvent,
  alongside: (occurredAt: Date) => Promise<unknown> = async () => undefined,
): Promise<AppendedEvent> {
  const head = await lockChainHead(tx, input.tenantId);
  const { identityId, ...chained } = input;
  const canonVersion = hasEvidence(chained) ? CANON_VERSION_EVIDENCE : CANON_VERSION;
  const event: ChainedEvent = { ...chained, canonVersion, seq: head.seq + 1, occurredAt: new Date(), prevHash: head.lastHash };
  const hash = eventHash(event);
  await pipelined([
    tx.insert(consentEvents).values({ ...event, identityId, hash }),
    tx.update(ledgerHeads).set({ seq: event.seq, lastHash: hash }).where(eq(ledgerHeads.tenantId, input.tenantId)),
    alongside(event.occurredAt),
  ]);
  return { ...event, hash };
}

/** Whether an error is the unique-key violation of a concurrent submission with the same idempotency key. */
export function isIdempotencyRace(err: unknown): boolean {
  const e = err as { message?: string; cause?: { message?: string } } | null;
  return /consent_events_idem_key/.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`);
}

/** Runs `fn` (its own transaction) again once when a same-key twin won the race: the second run replays it. */
export async function retryOnIdempotencyRace<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isIdempotencyRace(err)) throw err;
    return fn();
  }
}
