import 'server-only';
import { and, eq } from 'drizzle-orm';
import { ledgerTiles, ledgerTrees } from '@/db/schema';
import { pipelined } from '@/lib/db/pipelined';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { HASH_SIZE } from './tlog/hash';
import { type ConsistencyProofJson } from './tlog/receipt-proof';
import { TILE_WIDTH, parseTilePath, tileWidth } from './tlog/tiles';
import { checkpointAt, consistencyProofFor, latestCheckpoint } from './log-store';
import { ledgerVerifierKeys } from './signing';

/**
 * What the public ledger endpoints serve (issue #16, docs/ledger.md): the verifier keys, a tenant's signed checkpoints,
 * consistency proofs between two sizes, and C2SP tlog-tiles (hashes only). Never an entry: entries carry contact and
 * link ids. A tenant without a tree (unknown, or nothing sealed yet) is 404 — indistinguishable on purpose.
 */

/** The verifier keys, current first, one per line (C2SP signed-note verifier key format). */
export function publishedKeys(): string {
  return ledgerVerifierKeys().join('\n') + '\n';
}

const notFound = () => new DomainError('notFound', 404);

/** The latest signed checkpoint, or the stored one of exactly `size` entries. */
export async function publicCheckpoint(tenantId: string, size?: number): Promise<string> {
  const cp = await withTenant(tenantId, (tx) => (size === undefined ? latestCheckpoint(tx, tenantId) : checkpointAt(tx, tenantId, size)));
  if (!cp) throw notFound();
  return cp.note;
}

/** A consistency proof between sizes 1 ≤ from ≤ to ≤ the tree's size (400 otherwise; 404 without a tree). */
export async function publicConsistency(tenantId: string, from: number, to: number): Promise<ConsistencyProofJson> {
  return withTenant(tenantId, async (tx) => {
    const [tree] = await tx.select({ size: ledgerTrees.size }).from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId));
    if (!tree || tree.size === 0) throw notFound();
    if (from < 1 || from > to || to > tree.size) throw new DomainError('validation', 400);
    return consistencyProofFor(tx, tenantId, from, to);
  });
}

export type PublicTile = { bytes: Buffer; full: boolean };

/**
 * A tile by its tlog-tiles path (`<L>/<N>[.p/<W>]`, without the leading `tile/`): a full tile (256 hashes), or the
 * partial tile of width W — which must be the tile's width in some tree size up to the current one, i.e. W hashes
 * must exist. Entry bundles are never served (404, like anything that is not a tile path).
 */
export async function publicTile(tenantId: string, path: string): Promise<PublicTile> {
  const parsed = parseTilePath(`tile/${path}`);
  if (!parsed || parsed.level === 'entries') throw notFound();
  const { level, index, width } = parsed;
  return withTenant(tenantId, async (tx) => {
    const [[tree], [row]] = await pipelined([
      tx.select({ size: ledgerTrees.size }).from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId)),
      tx
        .select({ hashes: ledgerTiles.hashes })
        .from(ledgerTiles)
        .where(and(eq(ledgerTiles.tenantId, tenantId), eq(ledgerTiles.level, level), eq(ledgerTiles.idx, index))),
    ]);
    // Only what the tree of its current size holds (a tile row is written in the same transaction as the size).
    const available = tree ? tileWidth(level, index, tree.size) : 0;
    if (!row || width > available || row.hashes.length < width * HASH_SIZE) throw notFound();
    return { bytes: Buffer.from(row.hashes.subarray(0, width * HASH_SIZE)), full: width === TILE_WIDTH };
  });
}
