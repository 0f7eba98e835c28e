import { type Hash, HASH_SIZE, hashEqual } from './hash';
import { Frontier } from './frontier';
import { TILE_HEIGHT, TILE_WIDTH, type TileId, tileAddress } from './tiles';

// One streaming pass for an auditor: recompute the tree from the entries' leaf hashes, compare every stored tile hash
// with the recomputed one, and collect the roots at the sizes of stored checkpoints. Memory: one tile per level.

/** The first stored hash that differs from the recomputed tree: tile, position in it, and the tree node it is. */
export interface TileMismatch {
  tile: Omit<TileId, 'width'>;
  position: number;
  node: { level: number; index: number };
  reason: 'missing' | 'different';
}

export interface TileAudit {
  size: number;
  root: Hash;
  /** Recomputed root at each requested size (to compare with the stored checkpoints of those sizes). */
  roots: Map<number, Hash>;
  mismatch: TileMismatch | null;
}

/** Returns the stored tile (level, index), at least as wide as the tree had it; undefined when it is missing. */
export type StoredTile = (level: number, index: number) => Uint8Array | undefined;

/**
 * Recomputes the tree from `leaves` (in index order) and compares it with the stored tiles, tile by tile as each
 * fills, then the partial ones. Stops at the first mismatch in append order: the earliest entry or node that was changed.
 */
export function auditTiles(leaves: Iterable<Hash>, stored: StoredTile, rootsAt: readonly number[] = []): TileAudit {
  const frontier = Frontier.empty();
  const building = new Map<number, Hash[]>(); // tile level → hashes of its current tile
  const roots = new Map<number, Hash>();
  const wanted = new Set(rootsAt);
  let mismatch: TileMismatch | null = null;
  const compare = (level: number, index: number, hashes: Hash[]) => {
    const tile = stored(level, index);
    for (let i = 0; i < hashes.length && !mismatch; i++) {
      const got = tile && tile.length >= (i + 1) * HASH_SIZE ? tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE) : null;
      if (!got || !hashEqual(got, hashes[i])) {
        mismatch = { tile: { level, index }, position: i, node: { level: level * TILE_HEIGHT, index: index * TILE_WIDTH + i }, reason: got ? 'different' : 'missing' };
      }
    }
  };
  const sink = (level: number, index: number, hash: Hash) => {
    if (level % TILE_HEIGHT !== 0) return;
    const a = tileAddress(level, index);
    const row = building.get(a.tileLevel) ?? [];
    row.push(hash);
    building.set(a.tileLevel, row);
    if (row.length === TILE_WIDTH) {
      compare(a.tileLevel, a.tileIndex, row);
      building.set(a.tileLevel, []);
    }
  };
  if (wanted.has(0)) roots.set(0, frontier.root());
  for (const leaf of leaves) {
    frontier.append(leaf, sink);
    if (mismatch) break;
    if (wanted.has(frontier.size)) roots.set(frontier.size, frontier.root());
  }
  for (const [level, row] of building) {
    if (!mismatch && row.length > 0) compare(level, Math.floor(frontier.size / TILE_WIDTH ** (level + 1)), row);
  }
  return { size: frontier.size, root: frontier.root(), roots, mismatch };
}
