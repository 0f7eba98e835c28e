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
 * The same pass, one leaf at a time, for a caller that streams its entries (the ledger auditor reads them in batches
 * and looks up the stored tiles as it goes): `push` each leaf hash in index order, look at `root()` whenever `size` is
 * a size of interest, then `finish()` for the partial tiles. `mismatch` is the first difference, and stays.
 */
export class TileAuditor {
  private readonly frontier = Frontier.empty();
  private readonly building = new Map<number, Hash[]>(); // tile level → hashes of its current tile
  mismatch: TileMismatch | null = null;

  constructor(private readonly stored: StoredTile) {}

  get size(): number {
    return this.frontier.size;
  }

  root(): Hash {
    return this.frontier.root();
  }

  /** Appends one leaf hash; returns the first mismatch so far (a full tile is compared as soon as it fills). */
  push(leaf: Hash): TileMismatch | null {
    if (!this.mismatch) this.frontier.append(leaf, this.sink);
    return this.mismatch;
  }

  /** Compares the partial tiles of the tree so far (call once, after the last leaf). */
  finish(): TileMismatch | null {
    for (const [level, row] of this.building) {
      if (!this.mismatch && row.length > 0) this.compare(level, Math.floor(this.frontier.size / TILE_WIDTH ** (level + 1)), row);
    }
    return this.mismatch;
  }

  private readonly sink = (level: number, index: number, hash: Hash) => {
    if (level % TILE_HEIGHT !== 0) return;
    const a = tileAddress(level, index);
    const row = this.building.get(a.tileLevel) ?? [];
    row.push(hash);
    this.building.set(a.tileLevel, row);
    if (row.length === TILE_WIDTH) {
      this.compare(a.tileLevel, a.tileIndex, row);
      this.building.set(a.tileLevel, []);
    }
  };

  private compare(level: number, index: number, hashes: Hash[]) {
    const tile = this.stored(level, index);
    for (let i = 0; i < hashes.length && !this.mismatch; i++) {
      const got = tile && tile.length >= (i + 1) * HASH_SIZE ? tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE) : null;
      if (!got || !hashEqual(got, hashes[i])) {
        this.mismatch = { tile: { level, index }, position: i, node: { level: level * TILE_HEIGHT, index: index * TILE_WIDTH + i }, reason: got ? 'different' : 'missing' };
      }
    }
  }
}

/**
 * Recomputes the tree from `leaves` (in index order) and compares it with the stored tiles, tile by tile as each
 * fills, then the partial ones. Stops at the first mismatch in append order: the earliest entry or node that was changed.
 */
export function auditTiles(leaves: Iterable<Hash>, stored: StoredTile, rootsAt: readonly number[] = []): TileAudit {
  const auditor = new TileAuditor(stored);
  const roots = new Map<number, Hash>();
  const wanted = new Set(rootsAt);
  if (wanted.has(0)) roots.set(0, auditor.root());
  for (const leaf of leaves) {
    if (auditor.push(leaf)) break;
    if (wanted.has(auditor.size)) roots.set(auditor.size, auditor.root());
  }
  const mismatch = auditor.finish();
  return { size: auditor.size, root: auditor.root(), roots, mismatch };
}
