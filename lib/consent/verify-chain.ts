import { and, asc, eq, gt } from 'drizzle-orm';
import { consentEvents, ledgerHeads } from '@/db/schema';
import type { Tx } from '@/db';
import { prefetchedBatches } from '@/lib/db/prefetched-batches';
import { eventHash, genesisHash } from './event-hash';

export type ChainBreak = { seq: number; eventId: string | null; reason: 'hash' | 'link' | 'gap' | 'head' };
export type ChainVerification = { ok: boolean; events: number; firstBreak: ChainBreak | null; lastHash: string };

/**
 * Recomputes every hash of the tenant's chain in seq order, in batches (constant memory), and reports the first
 * break: a row whose content no longer matches its hash, a prev_hash that is not its predecessor's hash, a missing
 * seq, or a head that does not point at the last event. The next batch is read while this one is hashed.
 */
export async function verifyChain(tx: Tx, tenantId: string, batchSize = 2000): Promise<ChainVerification> {
  let prev = genesisHash(tenantId);
  let lastSeq = 0;
  let events = 0;
  const batches = prefetchedBatches(
    (afterSeq: number | null) =>
      tx
        .select()
        .from(consentEvents)
        .where(and(eq(consentEvents.tenantId, tenantId), gt(consentEvents.seq, afterSeq ?? 0)))
        .orderBy(asc(consentEvents.seq))
        .limit(batchSize)
        .execute(),
    (last) => last.seq,
    batchSize,
  );
  for await (const rows of batches) {
    for (const row of rows) {
      if (row.seq !== lastSeq + 1) return { ok: false, events, firstBreak: { seq: lastSeq + 1, eventId: null, reason: 'gap' }, lastHash: prev };
      if (row.prevHash !== prev) return { ok: false, events, firstBreak: { seq: row.seq, eventId: row.id, reason: 'link' }, lastHash: prev };
      if (eventHash(row) !== row.hash) return { ok: false, events, firstBreak: { seq: row.seq, eventId: row.id, reason: 'hash' }, lastHash: prev };
      prev = row.hash;
      lastSeq = row.seq;
      events++;
    }
  }
  const [head] = await tx.select().from(ledgerHeads).where(eq(ledgerHeads.tenantId, tenantId));
  if (head && (head.seq !== lastSeq || head.lastHash !== prev)) {
    return { ok: false, events, firstBreak: { seq: head.seq, eventId: null, reason: 'head' }, lastHash: prev };
  }
  return { ok: true, events, firstBreak: null, lastHash: prev };
}
