import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Hash, encodeBase64, leafHash } from '../hash';
import { consistencyProof, consistencyProofNodes, inclusionProof, inclusionProofNodes, rootFromStore } from '../merkle';
import { Frontier, MemoryTree } from '../frontier';
import {
  TILE_WIDTH,
  TileWrites,
  changedTiles,
  decodeEntryBundle,
  encodeEntryBundle,
  entriesPath,
  formatTileIndex,
  nodeAt,
  parseTilePath,
  tileAddress,
  tileNodeReader,
  tilePath,
  tileWidth,
  inclusionProofTiles,
  tilesForNodes,
  treeTiles,
} from '../tiles';

// A real tiled log: github.com/transparency-dev/tessera testdata/log (built by testdata/build_log.sh from the entries
// "one" … "fivten"): tile/0/000.p/15 and tile/entries/000.p/15, base64 of the files' bytes.
const TESSERA_ENTRIES = 'one two three four five six seven eit nain ten ileven twelf threeten fourten fivten'.split(' ');
const TESSERA_TILE_0_000_P_15 =
  '0Nc2CrefWKseHj/mStd+LqC8B+NrX0btIiPt2SmN+emrGrfwfHyP4O/0um+qU8fkQS6RpZkVPoqk4Bvuzlt4JWcfFGxeRx6KGoOjwhTOS6kHuPOliI0UzIzTznW7Eu+U9xWrP6pdBx5uKsS7mU1b9zWUPcw3mdoNCF55gM+5M2rMwprg4Cp3sPRXjBrBdJPXnPQmIQSSmsgE+R/E56xa8MojPnomuMNcLJP1JMe5BeeiEFZA1tzFlGlM/1bSbvsl2Q0P5jSR+TdkwdXWyx+GbBWX0KZbNZkWzCjyTPSozsxOFyChXYNhwr5ULEFQNYCU3GYvLavt2rt0rv46WBApa/dR0Kmj81pWwbFA5Nyb0qTkyuwXOIn2RsV2c3wATprlHTl9PRkCsBHBJiDsgnbxPM+BP5oV3HsHfbLi8MoJB327LYxG7faX1XMxheaUtO4sHQS4QiLJ/LTYpdCi/s/tMzutXBwOswN8pyYez83RD63wfGhNWAVggZyXDSKXlHj7pfT+zJ9jw2H+Ob1WS8hhN7wjY353GU1mgmgMhKfrmtW2yU5hvbMX4JLy9NRJSuDqSQad7zSGTjnlyM9ld5pJXzeG3BjnX0UNSZ8RnB6u4g3YKT8h/J0IcUoY1ysc1g61';
const TESSERA_ENTRIES_000_P_15 =
  'AANvbmUAA3R3bwAFdGhyZWUABGZvdXIABGZpdmUAA3NpeAAFc2V2ZW4AA2VpdAAEbmFpbgADdGVuAAZpbGV2ZW4ABXR3ZWxmAAh0aHJlZXRlbgAHZm91cnRlbgAGZml2dGVu';

describe('tile paths (C2SP tlog-tiles; vectors from tessera api/layout/paths_test.go)', () => {
  it('formats tile and entry-bundle paths', () => {
    expect(tilePath({ level: 0, index: 0, width: 256 })).toBe('tile/0/000');
    expect(tilePath({ level: 0, index: 0, width: 255 })).toBe('tile/0/000.p/255');
    expect(tilePath({ level: 1, index: 0, width: 256 })).toBe('tile/1/000');
    expect(tilePath({ level: 15, index: 455667, width: 256 })).toBe('tile/15/x455/667');
    expect(tilePath({ level: 15, index: 123456789, width: 41 })).toBe('tile/15/x123/x456/789.p/41');
    expect(entriesPath(0, 256)).toBe('tile/entries/000');
    expect(entriesPath(0, 8)).toBe('tile/entries/000.p/8');
    expect(entriesPath(255, 253)).toBe('tile/entries/255.p/253');
    expect(entriesPath(123456789, 256)).toBe('tile/entries/x123/x456/789');
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
  });

  it('parses exactly the paths the spec allows', () => {
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('tile/0/x001/x234/067.p/89')).toEqual({ level: 0, index: 1234067, width: 89 });
    expect(parseTilePath('tile/63/x999/x999/x999/x999/999.p/255')).toEqual({ level: 63, index: 999999999999999, width: 255 });
    expect(parseTilePath('tile/entries/001.p/1')).toEqual({ level: 'entries', index: 1, width: 1 });
    for (const bad of [
      'tile/0/x001/x234/067.p/',
      'tile/0/x001/x234/067.p',
      'tile/0/x001/x234/',
      'tile/0/x001/x234',
      'tile/0/x001',
      'tile/1/x001/.p/abc',
      'tile/64/x001/002',
      'tile/-1/x001/002',
      'tile/abc/x001/002',
      'tile/8/001/002',
      'tile/8/x001/0002',
      'tile/8/x001/-002',
      'tile/8/x001/002.p/256',
      'tile/8/x001/002.p/0',
      'tile/08/001',
      'tile/63/x999/x999/x999/x999/x999/x999/999.p/255',
    ]) {
      expect(parseTilePath(bad), bad).toBeNull();
    }
  });
});

describe('tile coordinates', () => {
  it('maps nodes to tile addresses and back (tessera api/layout/tile_test.go)', () => {
    expect(tileAddress(0, 0)).toEqual({ tileLevel: 0, tileIndex: 0, nodeLevel: 0, nodeIndex: 0 });
    expect(tileAddress(0, 255)).toEqual({ tileLevel: 0, tileIndex: 0, nodeLevel: 0, nodeIndex: 255 });
    expect(tileAddress(0, 256)).toEqual({ tileLevel: 0, tileIndex: 1, nodeLevel: 0, nodeIndex: 0 });
    expect(tileAddress(1, 0)).toEqual({ tileLevel: 0, tileIndex: 0, nodeLevel: 1, nodeIndex: 0 });
    expect(tileAddress(8, 0)).toEqual({ tileLevel: 1, tileIndex: 0, nodeLevel: 0, nodeIndex: 0 });
    for (const [level, index] of [[0, 0], [3, 77], [7, 5], [8, 300], [13, 1000], [16, 3]]) {
      expect(nodeAt(tileAddress(level, index))).toEqual({ level, index });
    }
  });

  it('lists the tiles of a tree as the spec example: 70,000 → 273 full + partial 112, full + partial 17, partial 1', () => {
    const tiles = treeTiles(70_000);
    expect(tiles.filter((t) => t.level === 0 && t.width === 256)).toHaveLength(273);
    expect(tiles.filter((t) => t.width !== 256)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(tiles.filter((t) => t.level === 1 && t.width === 256)).toHaveLength(1);
    expect(treeTiles(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tileWidth(0, 5, 70_000)).toBe(256);
    expect(tileWidth(0, 274, 70_000)).toBe(0);
  });

  it('names the tiles a sequencer batch rewrites', () => {
    expect(changedTiles(0, 15)).toEqual([{ level: 0, index: 0, width: 15 }]);
    expect(changedTiles(250, 260)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1, width: 4 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(changedTiles(260, 300)).toEqual([{ level: 0, index: 1, width: 44 }]);
    expect(changedTiles(300, 300)).toEqual([]);
    expect(() => changedTiles(301, 300)).toThrow(RangeError);
  });
});

/** Builds tiles from a frontier's node reports, as a sequencer storing tiles would. */
function tilesFrom(leaves: Hash[]): Map<string, Uint8Array> {
  const rows = new Map<string, Hash[]>();
  let outOfOrder = 0;
  Frontier.empty().appendAll(leaves, (level, index, hash) => {
    if (level % 8 !== 0) return;
    const a = tileAddress(level, index);
    const key = `${a.tileLevel}/${a.tileIndex}`;
    const row = rows.get(key) ?? [];
    if (row.length !== a.nodeIndex) outOfOrder++; // hashes arrive in order: a tile only ever grows at its end
    row.push(hash);
    rows.set(key, row);
  });
  expect(outOfOrder).toBe(0);
  return new Map([...rows].map(([key, row]) => [key, Buffer.concat(row)]));
}

describe('tiles as the node store', () => {
  it('reproduces tessera testdata/log: level-0 tile and entry bundle of its 15 entries', () => {
    const entries = TESSERA_ENTRIES.map((e) => new TextEncoder().encode(e));
    const tiles = tilesFrom(entries.map(leafHash));
    expect(encodeBase64(tiles.get('0/0')!)).toBe(TESSERA_TILE_0_000_P_15);
    expect(encodeBase64(encodeEntryBundle(entries))).toBe(TESSERA_ENTRIES_000_P_15);
    expect(decodeEntryBundle(Buffer.from(TESSERA_ENTRIES_000_P_15, 'base64')).map((e) => Buffer.from(e).toString())).toEqual(TESSERA_ENTRIES);
    expect(() => decodeEntryBundle(Buffer.from(TESSERA_ENTRIES_000_P_15, 'base64').subarray(0, 9))).toThrow(/truncated/);
  });

  // One 70,000-leaf tree (the spec's example size: tiles on three levels) shared by the next two tests.
  let cached: { leaves: Hash[]; mem: MemoryTree; tiles: Map<string, Uint8Array> } | undefined;
  const big = () => {
    if (cached) return cached;
    const leaves = Array.from({ length: 70_000 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    const mem = new MemoryTree();
    mem.append(...leaves);
    // Tile (L, N) = nodes (8L, 256N … 256N + width − 1), cut from the node store (tilesFrom checks the frontier way).
    const tiles = new Map(treeTiles(70_000).map((t) => [`${t.level}/${t.index}`, Buffer.concat(Array.from({ length: t.width }, (_, i) => mem.read(8 * t.level, t.index * 256 + i)))]));
    return (cached = { leaves, mem, tiles });
  };

  it('gives the same roots and proofs as the node store, reading only the tiles the proof names', () => {
    const { mem, tiles } = big();
    for (const [size, index] of [[70_000, 0], [70_000, 69_999], [65_536, 12_345], [65_537, 65_536], [300, 257], [256, 255]]) {
      const allowed = new Set(tilesForNodes(inclusionProofNodes(index, size), size).map((t) => `${t.level}/${t.index}`));
      const reader = tileNodeReader((level, idx) => {
        expect(allowed.has(`${level}/${idx}`), `tile ${level}/${idx} for ${index}@${size}`).toBe(true);
        return tiles.get(`${level}/${idx}`)!;
      });
      expect(inclusionProof(reader, index, size)).toEqual(inclusionProof(mem.read, index, size));
    }
    const all = tileNodeReader((level, idx) => tiles.get(`${level}/${idx}`)!);
    expect(rootFromStore(all, 70_000)).toEqual(mem.root());
    expect(consistencyProof(all, 1_000, 70_000)).toEqual(consistencyProof(mem.read, 1_000, 70_000));
    expect(tilesForNodes(consistencyProofNodes(1_000, 70_000), 70_000).length).toBeLessThanOrEqual(6);
  }, 60_000);

  it('a sequencer appending batches through TileWrites stores the same tiles, touching exactly changedTiles', () => {
    const { leaves, tiles } = big();
    const stored = new Map<string, Uint8Array>();
    let size = 0;
    for (const batch of [1, 255, 1, 256, 300, 3000, 66_187]) {
      // restore the border from the stored tiles, as a fresh process would after a restart
      const read = tileNodeReader((level, idx) => stored.get(`${level}/${idx}`)!);
      const frontier = Frontier.restore(size, read);
      const writes = new TileWrites();
      frontier.appendAll(leaves.slice(size, size + batch), writes.sink);
      const list = writes.list();
      expect(list.map((w) => ({ level: w.level, index: w.index, width: (w.from + w.hashes.length / 32) }))).toEqual(changedTiles(size, size + batch));
      for (const w of list) {
        const old = stored.get(`${w.level}/${w.index}`) ?? new Uint8Array(0);
        expect(old.length).toBe(w.from * 32);
        stored.set(`${w.level}/${w.index}`, Buffer.concat([old, w.hashes]));
      }
      size += batch;
      expect(rootFromStore(tileNodeReader((level, idx) => stored.get(`${level}/${idx}`)!), size)).toEqual(frontier.root());
    }
    expect(size).toBe(70_000);
    expect([...stored.keys()].sort()).toEqual([...tiles.keys()].sort());
    for (const [key, tile] of tiles) expect(Buffer.from(stored.get(key)!).equals(Buffer.from(tile)), key).toBe(true);
  }, 60_000);

  it('refuses a node the given tile cannot hold, and a node that is not complete at that size', () => {
    const reader = tileNodeReader(() => new Uint8Array(32 * 3));
    expect(() => reader(0, 3)).toThrow(/too short/);
    expect(() => reader(2, 0)).toThrow(/too short/);
    expect(() => tilesForNodes([{ level: 1, index: 1 }], 3)).toThrow(/not complete/);
    expect(TILE_WIDTH).toBe(256);
  });
});

describe('inclusionProofTiles', () => {
  it('holds every tile an inclusion proof reads, for any index and size (the proof query reads only these)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }).chain((size) => fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.constant(size))),
        ([index, size]) => {
          const candidates = new Set(inclusionProofTiles(index, size).map((t) => `${t.level}/${t.index}`));
          for (const t of tilesForNodes(inclusionProofNodes(index, size), size)) expect(candidates).toContain(`${t.level}/${t.index}`);
        },
      ),
      // 3,000 cases (fast-check biases toward small and boundary values); 20,000 took over 5 s on a busy CI machine.
      { numRuns: 3000 },
    );
  }, 30_000);
});
