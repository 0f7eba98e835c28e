import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { consentEvents, ledgerQueue } from '@/db/schema';
import type { Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { kickSequencer } from '@/lib/ledger/sequencer-kick';
import { CANON_VERSION_TLOG, eventHash, type ChainedEvent } from './event-hash';

/**
 * An event to append, with the identity version its piiHash commits to (stored beside the hash, not hashed), and
 * optionally the evidence of how it arrived (EventEvidence fields; hashed as canon v2, without any the event is v1 as before).
 */
export type NewEvent = Omit<ChainedEvent, 'canonVersion' | 'seq' | 'occurredAt' | 'prevHash'> & {
  identityId: string | null;
  /** The invite link whose use the sequencer counts when it seals this event (db/schema/ledger.ts ledgerQueue.linkUse). */
  linkUse?: string | null;
};
export type AppendedEvent = ChainedEvent & { hash: string };

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
 * Appends one event to the tenant's ledger (issue #16, docs/ledger.md): the event row (canonical version 3: no seq, no
 * prev_hash) and its queue row, pipelined with the caller's `alongside` writes — no tenant-wide lock, so appends of
 * one tenant never wait for each other's commits. The event is "recorded" when the transaction commits and "sealed"
 * when the sequencer (lib/ledger/sequencer.ts) has integrated it into the tenant's Merkle tree and signed a checkpoint;
 * the kick asks this instance's sequencer to look soon (it also polls). `alongside` gets the event's timestamp.
 */
export async function appendEvent(
  tx: Tx,
  input: NewEvent,
  alongside: (occurredAt: Date) => Promise<unknown> = async () => undefined,
): Promise<AppendedEvent> {
  const { identityId, linkUse = null, ...fields } = input;
  const event: ChainedEvent = { ...fields, canonVersion: CANON_VERSION_TLOG, seq: null, occurredAt: new Date(), prevHash: null };
  const hash = eventHash(event);
  await pipelined([
    tx.insert(consentEvents).values({ ...event, identityId, hash }),
    tx.insert(ledgerQueue).values({ tenantId: event.tenantId, eventId: event.id, linkUse }),
    alongside(event.occurredAt),
  ]);
  kickSequencer();
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
