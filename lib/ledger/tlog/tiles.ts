import { type Hash, HASH_SIZE, nodeHash } from './hash';
import { type NodeId, type NodeReader, assertCount } from './merkle';

// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree stored as tiles of height 8 — tile (L, N) holds up to 256
// consecutive hashes of tree level 8·L (hash i is node (8·L, N·256 + i)); the 7 levels above them inside the tile are
// recomputed on read. Paths and bundle encoding as in the spec and transparency-dev/tessera api/layout.

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** A tile: its tile level, index within that level, and width (1..256; 256 = full). */
export interface TileId {
  level: number;
  index: number;
  width: number;
}

/** Where a tree node lives: tile (tileLevel, tileIndex), and inside it the row (0..7) and position in that row. */
export interface TileAddress {
  tileLevel: number;
  tileIndex: number;
  nodeLevel: number;
  nodeIndex: number;
}

/** Maps tree node (level, index) to its tile address (as tessera's layout.NodeCoordsToTileAddress). */
export function tileAddress(level: number, index: number): TileAddress {
  assertCount(level, 'level');
  assertCount(index, 'index');
  const nodeLevel = level % TILE_HEIGHT;
  const rowWidth = 2 ** (TILE_HEIGHT - nodeLevel);
  return { tileLevel: (level - nodeLevel) / TILE_HEIGHT, tileIndex: Math.floor(index / rowWidth), nodeLevel, nodeIndex: index % rowWidth };
}

/** The tree node at a tile address (inverse of tileAddress). */
export function nodeAt(a: TileAddress): NodeId {
  return { level: a.tileLevel * TILE_HEIGHT + a.nodeLevel, index: a.tileIndex * 2 ** (TILE_HEIGHT - a.nodeLevel) + a.nodeIndex };
}

/** Hashes at tile level `tileLevel` in a tree of `size`: floor(size / 256^tileLevel). */
function hashesAtTileLevel(tileLevel: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** tileLevel);
}

/** Width of tile (tileLevel, tileIndex) in a tree of `size`: 256 when full, the partial width, or 0 when empty. */
export function tileWidth(tileLevel: number, tileIndex: number, size: number): number {
  const n = hashesAtTileLevel(tileLevel, size);
  return Math.max(0, Math.min(TILE_WIDTH, n - tileIndex * TILE_WIDTH));
}

/** All non-empty tiles of a tree of `size` (full and partial), per the spec's example (70,000 → 273 + 1 + 1 + 1 + 1). */
export function treeTiles(size: number): TileId[] {
  assertCount(size, 'size');
  const tiles: TileId[] = [];
  for (let level = 0; hashesAtTileLevel(level, size) > 0; level++) {
    const n = hashesAtTileLevel(level, size);
    for (let index = 0; index * TILE_WIDTH < n; index++) tiles.push({ level, index, width: tileWidth(level, index, size) });
  }
  return tiles;
}

/** Tiles whose content changes when the tree grows from oldSize to newSize (what a sequencer batch must write). */
export function changedTiles(oldSize: number, newSize: number): TileId[] {
  if (newSize < oldSize) throw new RangeError('a tree never shrinks');
  const tiles: TileId[] = [];
  for (let level = 0; hashesAtTileLevel(level, newSize) > 0; level++) {
    const before = hashesAtTileLevel(level, oldSize);
    const after = hashesAtTileLevel(level, newSize);
    if (after === before) continue;
    for (let index = Math.floor(before / TILE_WIDTH); index * TILE_WIDTH < after; index++) {
      tiles.push({ level, index, width: tileWidth(level, index, newSize) });
    }
  }
  return tiles;
}

/**
 * Every tile an inclusion proof of leaf `index` in a tree of `size` can need: at each tile level t that has nodes
 * (size ≥ 256^t), the tile on the leaf's path (index / 256^(t+1)) and the one on the tree's right border
 * (size / 256^(t+1)). A proof's sibling nodes lie in the path tiles, the complete subtrees right of the path in the
 * border ones. receiptProofFor (lib/ledger/log-store.ts) reads these in the same statement as the checkpoint.
 */
export function inclusionProofTiles(index: number, size: number): { level: number; index: number }[] {
  const out: { level: number; index: number }[] = [];
  for (let level = 0; size >= TILE_WIDTH ** level; level++) {
    const span = TILE_WIDTH ** (level + 1);
    out.push({ level, index: Math.floor(index / span) });
    if (Math.floor(size / span) !== Math.floor(index / span)) out.push({ level, index: Math.floor(size / span) });
  }
  return out;
}

/** The tiles (with the width the tree of `size` has) that hold the given complete nodes. */
export function tilesForNodes(nodes: readonly NodeId[], size: number): TileId[] {
  const out = new Map<string, TileId>();
  for (const n of nodes) {
    const a = tileAddress(n.level, n.index);
    const width = tileWidth(a.tileLevel, a.tileIndex, size);
    const needed = (a.nodeIndex + 1) * 2 ** a.nodeLevel;
    if (width < needed) throw new RangeError(`node ${n.level}/${n.index} is not complete in a tree of ${size}`);
    out.set(`${a.tileLevel}/${a.tileIndex}`, { level: a.tileLevel, index: a.tileIndex, width });
  }
  return [...out.values()];
}

/** Hashes a sequencer batch appends to one tile: they go at positions from, from + 1, … of tile (level, index). */
export interface TileWrite {
  level: number;
  index: number;
  from: number;
  hashes: Uint8Array;
}

/**
 * Collects, from a Frontier's node reports (pass `sink` to Frontier.append), the hashes each tile gains in a batch.
 * Tiles only ever grow at their end, so storage can append (`hashes || new`) or rewrite the one partial tile per level.
 */
export class TileWrites {
  private readonly writes = new Map<string, { level: number; index: number; from: number; hashes: Hash[] }>();

  readonly sink = (level: number, index: number, hash: Hash): void => {
    if (level % TILE_HEIGHT !== 0) return;
    const a = tileAddress(level, index);
    const key = `${a.tileLevel}/${a.tileIndex}`;
    const w = this.writes.get(key) ?? { level: a.tileLevel, index: a.tileIndex, from: a.nodeIndex, hashes: [] };
    if (w.from + w.hashes.length !== a.nodeIndex) throw new RangeError(`tile ${key} would get a gap at ${a.nodeIndex}`);
    w.hashes.push(hash);
    this.writes.set(key, w);
  };

  /** The writes, by tile level then index. */
  list(): TileWrite[] {
    return [...this.writes.values()].sort((a, b) => a.level - b.level || a.index - b.index).map((w) => ({ level: w.level, index: w.index, from: w.from, hashes: Buffer.concat(w.hashes) }));
  }
}

/** A source of tile contents: the concatenated hashes of tile (level, index), at least as wide as needed. */
export type TileReader = (level: number, index: number) => Uint8Array;

/** A NodeReader over tiles: reads the tile and rehashes the 2^nodeLevel hashes under the node. */
export function tileNodeReader(getTile: TileReader): NodeReader {
  return (level, index) => {
    const a = tileAddress(level, index);
    const got = getTile(a.tileLevel, a.tileIndex);
    const tile = new Uint8Array(got.buffer, got.byteOffset, got.length); // plain views, also for a Buffer from a driver
    const count = 2 ** a.nodeLevel;
    const first = a.nodeIndex * count;
    if (tile.length % HASH_SIZE !== 0 || tile.length < (first + count) * HASH_SIZE) {
      throw new RangeError(`tile ${a.tileLevel}/${a.tileIndex} is too short for node ${level}/${index}`);
    }
    let row: Hash[] = [];
    for (let i = 0; i < count; i++) row.push(tile.subarray((first + i) * HASH_SIZE, (first + i + 1) * HASH_SIZE));
    while (row.length > 1) {
      const up: Hash[] = [];
      for (let i = 0; i < row.length; i += 2) up.push(nodeHash(row[i], row[i + 1]));
      row = up;
    }
    return row[0];
  };
}

/** The tile-space N of a path: 3-digit groups, all but the last prefixed with x (1234067 → x001/x234/067). */
export function formatTileIndex(n: number): string {
  assertCount(n, 'tile index');
  let out = String(n % 1000).padStart(3, '0');
  for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
    out = `x${String(rest % 1000).padStart(3, '0')}/${out}`;
  }
  return out;
}

function suffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`bad tile width ${width}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** tile/<L>/<N>[.p/<W>] */
export function tilePath(t: TileId): string {
  if (!Number.isInteger(t.level) || t.level < 0 || t.level > 63) throw new RangeError(`bad tile level ${t.level}`);
  return `tile/${t.level}/${formatTileIndex(t.index)}${suffix(t.width)}`;
}

/** tile/entries/<N>[.p/<W>] */
export function entriesPath(index: number, width: number): string {
  return `tile/entries/${formatTileIndex(index)}${suffix(width)}`;
}

const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** Parses a tile or entry-bundle path; null for anything the spec does not allow. level is 'entries' for bundles. */
export function parseTilePath(path: string): { level: number | 'entries'; index: number; width: number } | null {
  const m = TILE_PATH.exec(path);
  if (!m) return null;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > 63) return null;
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (m[3] !== undefined && width >= TILE_WIDTH) return null;
  let index = 0;
  for (const group of m[2].split('/')) index = index * 1000 + Number(group.replace('x', ''));
  if (!Number.isSafeInteger(index)) return null;
  return { level, index, width };
}

/** An entry bundle: entries as big-endian uint16 length-prefixed byte strings. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0));
  let at = 0;
  for (const e of entries) {
    if (e.length > 0xffff) throw new RangeError('entry longer than 65535 bytes');
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Decodes an entry bundle; throws on a truncated one. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  for (let at = 0; at < bundle.length; ) {
    if (at + 2 > bundle.length) throw new RangeError('truncated entry bundle');
    const len = (bundle[at] << 8) | bundle[at + 1];
    if (at + 2 + len > bundle.length) throw new RangeError('truncated entry bundle');
    entries.push(bundle.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return entries;
}
