import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { consentEvents, inviteLinks, ledgerCheckpoints, ledgerQueue, ledgerTiles, ledgerTrees, mailOutbox } from '@/db/schema';
import type { Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { bigintArray, uuidArray } from '@/lib/db/array-param';
import { rawRows } from '@/lib/db/raw-rows';
import { withTenant } from '@/lib/db/with-tenant';
import { CONTACT_MAIL, EVIDENCE_MAIL } from '@/lib/consent/enqueue-evidence';
import { eventEntry, type ChainedEvent } from '@/lib/consent/event-hash';
import { sha256Hex } from '@/lib/crypto';
import { HELD } from '@/lib/mail/enqueue';
import { kickMailWorker } from '@/lib/mail/worker';
import { signCheckpoint } from './tlog/checkpoint';
import { Frontier } from './tlog/frontier';
import { leafHash } from './tlog/hash';
import { TileWrites, type TileWrite } from './tlog/tiles';
import { nodeReaderFor, type TreeState, treeOf } from './log-store';
import { ledgerSigner } from './signing';

/** At most this many entries per batch (one transaction, one checkpoint). */
export const BATCH_MAX = 256;

/** The sequencer refused a queued event: the stored row does not hash to its own hash, or a legacy seq is out of place. */
export class LedgerIntegrityError extends Error {
  constructor(
    message: string,
    readonly eventId: string,
  ) {
    super(message);
    this.name = 'LedgerIntegrityError';
  }
}

type QueuedEvent = ChainedEvent & { arrival: number; hash: string; linkUse: string | null };

/**
 * Integrates up to BATCH_MAX queued events of one tenant, in arrival order, in one transaction: assigns each its
 * leaf index (seq = index + 1; legacy v1/v2 events keep the seq they have, which must be next), appends the leaves to
 * the stored tree (tiles), stores the new size and root and a signed checkpoint, removes the batch from the queue,
 * counts its uses of unlimited invite links and releases the batch's receipt mails. Returns how many it integrated —
 * 0 when the queue is empty, or when another instance holds the tenant's tree (its row lock, SKIP LOCKED): one batch
 * per tenant at a time, everywhere.
 * A crash before the commit leaves the queue as it was: the next batch integrates the same events, once.
 */
export async function sequenceTenant(tenantId: string): Promise<number> {
  const { integrated, released, sealed } = await withTenant(tenantId, (tx) => integrateBatch(tx, tenantId));
  // After the commit: the tree's right border as committed, for this tenant's next batch here.
  if (sealed) frontiers.keep(tenantId, sealed);
  // After the commit: a kick before it could find the mails still held.
  if (released) kickMailWorker();
  return integrated;
}

type Sealed = { size: number; root: Buffer; frontier: Frontier };

/**
 * The right border of each tenant's tree as this process last committed it, keyed by the tree's (size, root): a batch
 * whose locked tree row still has that size and root continues from it instead of reading the border's tiles. Taken
 * out for a batch and put back only after its commit, so a rolled-back batch never leaves a border ahead of the store;
 * another instance's batch changes size and root, and the tiles are read again.
 */
const frontiers = {
  map: new Map<string, Sealed>(),
  take(tenantId: string, size: number, root: Buffer): Frontier | null {
    const c = this.map.get(tenantId);
    this.map.delete(tenantId);
    return c && c.size === size && c.root.equals(root) ? c.frontier : null;
  },
  keep(tenantId: string, s: Sealed) {
    if (this.map.size >= 10_000) this.map.clear();
    this.map.set(tenantId, s);
  },
};

async function integrateBatch(tx: Tx, tenantId: string): Promise<{ integrated: number; released: number; sealed?: Sealed }> {
  const tree = await lockTree(tx, tenantId);
  if (!tree) return { integrated: 0, released: 0 };
  const batch = await queuedBatch(tx, tenantId);
  if (batch.length === 0) return { integrated: 0, released: 0 };
  const frontier =
    frontiers.take(tenantId, tree.size, Buffer.from(tree.root)) ??
    Frontier.restore(tree.size, await nodeReaderFor(tx, tenantId, Frontier.nodeIds(tree.size), tree.size));
  const writes = new TileWrites();
  const assigned: { id: string; seq: number }[] = [];
  for (const e of batch) {
    const entry = eventEntry(e); // once: its hash is the stored hash, its leaf goes into the tree
    checkQueued(e, entry, frontier.size);
    if (e.seq === null) assigned.push({ id: e.id, seq: frontier.size + 1 });
    frontier.append(leafHash(entry), writes.sink);
  }
  const size = frontier.size;
  const root = Buffer.from(frontier.root());
  const signer = ledgerSigner();
  const note = signCheckpoint({ origin: tree.origin, size, root, extensions: [] }, signer);
  const ids = batch.map((e) => e.id);
  const [, , , , , , released] = await pipelined([
    assignSeqs(tx, tenantId, assigned),
    countLinkUses(tx, tenantId, batch),
    writeTiles(tx, tenantId, writes.list()),
    tx.delete(ledgerQueue).where(and(eq(ledgerQueue.tenantId, tenantId), sql`${ledgerQueue.arrival} = any(${bigintArray(batch.map((e) => e.arrival))})`)),
    tx
      .update(ledgerTrees)
      .set({ size, root, updatedAt: sql`now()` })
      .where(eq(ledgerTrees.tenantId, tenantId)),
    tx.insert(ledgerCheckpoints).values({ tenantId, size, root, note, keyId: signer.keyIdHex }),
    releaseReceiptMails(tx, tenantId, ids),
  ]);
  return { integrated: batch.length, released, sealed: { size, root, frontier } };
}

/** The tenant's tree row (created on first use), locked for this batch; null when another sequencer holds it. */
async function lockTree(tx: Tx, tenantId: string): Promise<TreeState | null> {
  const lock = async () => (await tx.select().from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId)).for('update', { skipLocked: true }))[0];
  const row = await lock();
  if (row) return row;
  // Missing, or held by another sequencer: create it if missing (one round trip more, on a tenant's first batch only).
  await treeOf(tx, tenantId);
  return (await lock()) ?? null;
}

async function queuedBatch(tx: Tx, tenantId: string): Promise<QueuedEvent[]> {
  const rows = await tx
    .select({ arrival: ledgerQueue.arrival, linkUse: ledgerQueue.linkUse, event: consentEvents })
    .from(ledgerQueue)
    .innerJoin(consentEvents, and(eq(consentEvents.tenantId, ledgerQueue.tenantId), eq(consentEvents.id, ledgerQueue.eventId)))
    .where(eq(ledgerQueue.tenantId, tenantId))
    .orderBy(asc(ledgerQueue.arrival))
    .limit(BATCH_MAX);
  return rows.map((r) => ({ ...r.event, arrival: r.arrival!, linkUse: r.linkUse }));
}

/**
 * A queued event is integrated only as stored: its columns must still hash to its hash (an edit between append and
 * seal is refused, not sealed), and a legacy event's seq must be the next index (the v1 chain becomes the first leaves).
 */
function checkQueued(e: QueuedEvent, entry: Buffer, size: number): void {
  if (sha256Hex(entry) !== e.hash) throw new LedgerIntegrityError('queued event does not match its hash', e.id);
  if (e.seq !== null && e.seq !== size + 1) throw new LedgerIntegrityError(`legacy event seq ${e.seq} is not the next leaf ${size + 1}`, e.id);
}

/**
 * Sets seq on the batch's new events in one statement (the append-only trigger allows exactly this: null → a value,
 * and refuses a second seq). No `seq is null` predicate: with it the planner scans the (tenant_id, seq) index's null
 * range, which holds the dead versions of every event sealed since the last vacuum; without it, one primary-key probe
 * per event (EXPLAIN: hash join over consent_events_seq_key 2.3 ms → nested loop over the primary key 0.26 ms).
 */
async function assignSeqs(tx: Tx, tenantId: string, assigned: { id: string; seq: number }[]) {
  if (assigned.length === 0) return;
  const updated = await rawRows<{ id: string }>(tx, sql`
    update consent_events e set seq = v.seq
    from unnest(${uuidArray(assigned.map((a) => a.id))}, ${bigintArray(assigned.map((a) => a.seq))}) as v(id, seq)
    where e.tenant_id = ${tenantId} and e.id = v.id
    returning e.id`);
  const count = updated.length;
  if (count !== assigned.length) throw new LedgerIntegrityError(`assigned ${count} of ${assigned.length} leaf indexes`, assigned[0]!.id);
}

/**
 * Counts the batch's uses of unlimited invite links (lib/consent/record-decision.ts countedAtSeal): one UPDATE for all
 * links of the batch, in the transaction that deletes their queue rows, so each use is counted exactly once.
 */
async function countLinkUses(tx: Tx, tenantId: string, batch: QueuedEvent[]) {
  const uses = new Map<string, number>();
  for (const e of batch) if (e.linkUse) uses.set(e.linkUse, (uses.get(e.linkUse) ?? 0) + 1);
  if (uses.size === 0) return;
  await tx.execute(sql`
    update ${inviteLinks} l set uses = l.uses + v.n
    from unnest(${uuidArray([...uses.keys()])}, ${bigintArray([...uses.values()])}) as v(id, n)
    where l.tenant_id = ${tenantId} and l.id = v.id and l.max_uses is null`);
}

async function writeTiles(tx: Tx, tenantId: string, writes: TileWrite[]) {
  for (const w of writes) await writeTile(tx, tenantId, w);
}

/** Appends a batch's hashes to one tile: a tile only grows at its end, so the stored prefix up to `from` is kept. */
async function writeTile(tx: Tx, tenantId: string, w: TileWrite) {
  const hashes = Buffer.from(w.hashes);
  await tx
    .insert(ledgerTiles)
    .values({ tenantId, level: w.level, idx: w.index, hashes })
    .onConflictDoUpdate({
      target: [ledgerTiles.tenantId, ledgerTiles.level, ledgerTiles.idx],
      set: {
        hashes: sql`substring(${ledgerTiles.hashes} from 1 for ${w.from * 32}) || excluded.hashes`,
      },
    });
}

/** The batch's receipt mails were held at the append (lib/consent/enqueue-evidence.ts): they may go now, with proof. */
async function releaseReceiptMails(tx: Tx, tenantId: string, eventIds: string[]) {
  const released = await tx
    .update(mailOutbox)
    .set({ nextAttemptAt: sql`now()` })
    .where(
      and(
        eq(mailOutbox.tenantId, tenantId),
        sql`${mailOutbox.relatedId} = any(${uuidArray(eventIds)}::text[])`, // related_id is text: the ids as text, validated as uuids
        inArray(mailOutbox.kind, [EVIDENCE_MAIL, CONTACT_MAIL]),
        eq(mailOutbox.status, 'pending'),
        eq(mailOutbox.nextAttemptAt, HELD),
      ),
    )
    .returning({ id: mailOutbox.id });
  return released.length;
}
