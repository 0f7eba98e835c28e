import { describe, expect, it } from 'vitest';
import { type Hash, leafHash } from '../hash';
import { auditTiles } from '../audit';
import { Frontier } from '../frontier';
import { rootOfLeaves } from '../merkle';
import { TileWrites } from '../tiles';

const entry = (i: number, tag = '') => leafHash(Buffer.from(`event ${i}${tag}`));

/** Stores tiles as a sequencer would, batch by batch. */
function store(leaves: Hash[]): Map<string, Uint8Array> {
  const tiles = new Map<string, Uint8Array>();
  const f = Frontier.empty();
  for (let s = 0; s < leaves.length; s += 100) {
    const w = new TileWrites();
    f.appendAll(leaves.slice(s, s + 100), w.sink);
    for (const t of w.list()) tiles.set(`${t.level}/${t.index}`, Buffer.concat([tiles.get(`${t.level}/${t.index}`) ?? new Uint8Array(0), t.hashes]));
  }
  return tiles;
}

describe('auditTiles', () => {
  const leaves = Array.from({ length: 3_000 }, (_, i) => entry(i)); // 11 full level-0 tiles + 184, level-1 tile of 11;
  const clean = store(leaves);
  const read = (tiles: Map<string, Uint8Array>) => (level: number, index: number) => tiles.get(`${level}/${index}`);

  it('finds nothing wrong in an honest log and recomputes the roots of its checkpoints', () => {
    const r = auditTiles(leaves, read(clean), [0, 1, 256, 2_048, 3_000]);
    expect(r.mismatch).toBeNull();
    expect(r.size).toBe(3_000);
    for (const size of [0, 1, 256]) expect(r.roots.get(size)).toEqual(rootOfLeaves(leaves.slice(0, size)));
    expect(r.roots.get(3_000)).toEqual(r.root);
    expect(r.roots.get(2_048)).toEqual(rootOfLeaves(leaves.slice(0, 2_048)));
  });

  it('names the entry whose data was edited (its leaf no longer matches the stored tile)', () => {
    const edited = [...leaves];
    edited[700] = entry(700, ' edited');
    const r = auditTiles(edited, read(clean));
    expect(r.mismatch).toEqual({ tile: { level: 0, index: 2 }, position: 188, node: { level: 0, index: 700 }, reason: 'different' });
  });

  it('names an edited node in a higher tile, a deleted tile and a truncated partial tile', () => {
    const tiles = new Map(clean);
    const t = new Uint8Array(tiles.get('1/0')!);
    t[32 * 5] ^= 1;
    tiles.set('1/0', t);
    expect(auditTiles(leaves, read(tiles)).mismatch).toMatchObject({ node: { level: 8, index: 5 }, reason: 'different' });
    const deleted = new Map(clean);
    deleted.delete('0/3');
    expect(auditTiles(leaves, read(deleted)).mismatch).toMatchObject({ tile: { level: 0, index: 3 }, position: 0, reason: 'missing' });
    const truncated = new Map(clean);
    truncated.set('0/11', clean.get('0/11')!.subarray(0, 32 * 100)); // 3,000 = 11·256 + 184
    expect(auditTiles(leaves, read(truncated)).mismatch).toMatchObject({ node: { level: 0, index: 11 * 256 + 100 }, reason: 'missing' });
    expect(auditTiles(leaves, read(truncated), [0]).roots.get(0)).toBeDefined();
  });

  it('a forged append with correct hashes passes the tiles but not the root of the checkpoint taken before', () => {
    const before = auditTiles(leaves.slice(0, 2_500), read(clean), [2_500]).roots.get(2_500)!;
    const forgedLeaves = [...leaves.slice(0, 2_490), ...Array.from({ length: 510 }, (_, i) => entry(2_490 + i, ' forged'))];
    const r = auditTiles(forgedLeaves, read(store(forgedLeaves)), [2_500]);
    expect(r.mismatch).toBeNull();
    expect(r.roots.get(2_500)).not.toEqual(before);
  });
});
