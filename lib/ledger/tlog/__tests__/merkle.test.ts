import { describe, expect, it } from 'vitest';
import { type Hash, emptyRoot, fromHex, hashEqual, leafHash, nodeHash, toHex } from '../hash';
import {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  mapNodeReader,
  nodeKey,
  rootFromStore,
  rootOfLeaves,
  verifyConsistency,
  verifyInclusion,
} from '../merkle';
import { Frontier, MemoryTree } from '../frontier';
import probes from './fixtures/merkle-probes.json';

// Known answers from github.com/transparency-dev/merkle testonly/constants.go (LeafInputs, NodeHashes, RootHashes) and
// testonly/reference_test.go (TestRefInclusionProof, TestRefConsistencyProof): the RFC 6962 test tree of 8 leaves.
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
const ROOT_HASHES = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const N = NODE_HASHES;
const REF_INCLUSION: { index: number; size: number; want: string[] }[] = [
  { index: 0, size: 1, want: [] },
  { index: 0, size: 2, want: [N[0][1]] },
  { index: 1, size: 2, want: [N[0][0]] },
  { index: 2, size: 3, want: [N[1][0]] },
  { index: 1, size: 5, want: [N[0][0], N[1][1], N[0][4]] },
  { index: 0, size: 8, want: [N[0][1], N[1][1], N[2][1]] },
  { index: 5, size: 8, want: [N[0][4], N[1][3], N[2][0]] },
];
const REF_CONSISTENCY: { size1: number; size2: number; want: string[] }[] = [
  { size1: 1, size2: 1, want: [] },
  { size1: 1, size2: 8, want: [N[0][1], N[1][1], N[2][1]] },
  { size1: 2, size2: 5, want: [N[1][1], N[0][4]] },
  { size1: 6, size2: 8, want: [N[1][2], N[1][3], N[2][0]] },
];

const b64 = (s: string | null): Uint8Array => (s ? new Uint8Array(Buffer.from(s, 'base64')) : new Uint8Array(0));
const hex = (hs: Hash[]) => hs.map(toHex);

function treeOf(leaves: Hash[]): MemoryTree {
  const t = new MemoryTree();
  t.append(...leaves);
  return t;
}

function flipEachBit(hashes: Hash[], check: (tampered: Hash[]) => void): void {
  for (let i = 0; i < hashes.length; i++) {
    for (const bit of [0, 255]) {
      const copy = hashes.map((h) => new Uint8Array(h));
      copy[i][bit >> 3] ^= 1 << (bit & 7);
      check(copy);
    }
  }
}

describe('RFC 6962 hashing: known answers (transparency-dev/merkle testonly)', () => {
  const leaves = LEAF_INPUTS.map(leafHash);

  it('hashes the empty tree, leaves and every complete subtree as the reference', () => {
    expect(toHex(emptyRoot())).toBe(ROOT_HASHES[0]);
    expect(leaves.map(toHex)).toEqual(NODE_HASHES[0]);
    const t = treeOf(leaves);
    NODE_HASHES.forEach((row, level) => row.forEach((h, index) => expect(toHex(t.read(level, index))).toBe(h)));
  });

  it('computes the root of sizes 0..8 by the recursive definition, the frontier and the node store alike', () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(rootOfLeaves(leaves.slice(0, size)))).toBe(ROOT_HASHES[size]);
      const f = Frontier.empty();
      f.appendAll(leaves.slice(0, size));
      expect(toHex(f.root())).toBe(ROOT_HASHES[size]);
      expect(toHex(rootFromStore(treeOf(leaves).read, size))).toBe(ROOT_HASHES[size]);
    }
  });

  it('generates the reference inclusion and consistency proofs', () => {
    const t = treeOf(leaves);
    for (const c of REF_INCLUSION) expect(hex(inclusionProof(t.read, c.index, c.size)), `${c.index}:${c.size}`).toEqual(c.want);
    for (const c of REF_CONSISTENCY) expect(hex(consistencyProof(t.read, c.size1, c.size2)), `${c.size1}:${c.size2}`).toEqual(c.want);
  });

  it('refuses impossible proof requests', () => {
    const t = treeOf(leaves);
    expect(() => inclusionProof(t.read, 8, 8)).toThrow(RangeError);
    expect(() => inclusionProof(t.read, 0, 0)).toThrow(RangeError);
    expect(() => consistencyProof(t.read, 0, 5)).toThrow(RangeError);
    expect(() => consistencyProof(t.read, 9, 8)).toThrow(RangeError);
    expect(() => inclusionProof(t.read, 0, 9)).toThrow(/not stored/);
  });
});

describe('verification against transparency-dev/merkle testdata probes', () => {
  it(`agrees with every inclusion probe (${probes.inclusion.length}, incl. tampered ones)`, () => {
    const wrong = probes.inclusion.filter((p) => {
      const err = verifyInclusion(p.leafIdx, p.treeSize, b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root));
      return (err !== null) !== p.wantErr;
    });
    expect(wrong.map((p) => p.file)).toEqual([]);
  });

  it(`agrees with every consistency probe (${probes.consistency.length}, incl. tampered ones)`, () => {
    const wrong = probes.consistency.filter((p) => {
      const err = verifyConsistency(p.size1, p.size2, (p.proof ?? []).map(b64), b64(p.root1), b64(p.root2));
      return (err !== null) !== p.wantErr;
    });
    expect(wrong.map((p) => p.file)).toEqual([]);
  });
});

describe('properties over all tree sizes 1..64', () => {
  const leaves = Array.from({ length: 64 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const t = treeOf(leaves);
  const roots = [emptyRoot(), ...leaves.map((_, i) => rootOfLeaves(leaves.slice(0, i + 1)))];

  // Collect what went wrong and assert once: an expect() per call would dominate the run time.
  it('every inclusion proof verifies; any flipped bit, wrong index, extra hash or other leaf fails', () => {
    const wrong: string[] = [];
    const must = (ok: boolean, what: string) => ok || wrong.push(what);
    for (let size = 1; size <= 64; size++) {
      must(hashEqual(rootFromStore(t.read, size), roots[size]), `root ${size}`);
      for (let index = 0; index < size; index++) {
        const at = `${index}@${size}`;
        const proof = inclusionProof(t.read, index, size);
        must(verifyInclusion(index, size, leaves[index], proof, roots[size]) === null, `valid ${at}`);
        flipEachBit(proof, (bad) => must(verifyInclusion(index, size, leaves[index], bad, roots[size]) !== null, `flipped proof ${at}`));
        flipEachBit([leaves[index]], ([bad]) => must(verifyInclusion(index, size, bad, proof, roots[size]) !== null, `flipped leaf ${at}`));
        flipEachBit([roots[size]], ([bad]) => must(verifyInclusion(index, size, leaves[index], proof, bad) !== null, `flipped root ${at}`));
        if (size > 1) must(verifyInclusion((index + 1) % size, size, leaves[index], proof, roots[size]) !== null, `other index ${at}`);
        must(verifyInclusion(index, size, leaves[index], [...proof, roots[size]], roots[size]) !== null, `extra hash ${at}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('every consistency proof verifies; any flipped bit, swapped roots or truncated proof fails', () => {
    const wrong: string[] = [];
    const must = (ok: boolean, what: string) => ok || wrong.push(what);
    for (let size2 = 1; size2 <= 64; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const at = `${size1}→${size2}`;
        const [r1, r2] = [roots[size1], roots[size2]];
        const proof = consistencyProof(t.read, size1, size2);
        must(verifyConsistency(size1, size2, proof, r1, r2) === null, `valid ${at}`);
        flipEachBit(proof, (bad) => must(verifyConsistency(size1, size2, bad, r1, r2) !== null, `flipped proof ${at}`));
        flipEachBit([r1], ([bad]) => must(verifyConsistency(size1, size2, proof, bad, r2) !== null, `flipped root1 ${at}`));
        flipEachBit([r2], ([bad]) => must(verifyConsistency(size1, size2, proof, r1, bad) !== null, `flipped root2 ${at}`));
        if (proof.length > 0) must(verifyConsistency(size1, size2, proof.slice(0, -1), r1, r2) !== null, `truncated ${at}`);
        if (size1 < size2) must(verifyConsistency(size1, size2, proof, r2, r1) !== null, `swapped ${at}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('names exactly the stored nodes a proof reads, each complete in that tree size', () => {
    for (let size = 1; size <= 64; size++) {
      for (let index = 0; index < size; index++) {
        for (const n of inclusionProofNodes(index, size)) expect((n.index + 1) * 2 ** n.level).toBeLessThanOrEqual(size);
      }
    }
    // fetch-then-build, as an async store would: the proof from only the named nodes equals the direct one
    for (const [index, size] of [[0, 1], [5, 7], [63, 64], [20, 50]]) {
      const fetched = new Map(inclusionProofNodes(index, size).map((n) => [nodeKey(n.level, n.index), t.read(n.level, n.index)]));
      expect(inclusionProof(mapNodeReader(fetched), index, size)).toEqual(inclusionProof(t.read, index, size));
    }
    const fetched = new Map(consistencyProofNodes(13, 50).map((n) => [nodeKey(n.level, n.index), t.read(n.level, n.index)]));
    expect(consistencyProof(mapNodeReader(fetched), 13, 50)).toEqual(consistencyProof(t.read, 13, 50));
    expect(() => inclusionProof(mapNodeReader(new Map()), 3, 5)).toThrow(/not fetched/);
    const keys = new Set(Array.from({ length: 20 * 200 }, (_, i) => nodeKey(Math.floor(i / 200), i % 200)));
    expect(keys.size).toBe(20 * 200); // distinct nodes, distinct keys (1/12 is not 11/2)
    // 7 → 8 in the 8-leaf tree: j (0/6), leaf 7 (0/7), i (1/2), k (2/0) as transparency-dev/merkle proof_test.go.
    expect(consistencyProofNodes(7, 8).sort((a, b) => a.level - b.level || a.index - b.index)).toEqual([
      { level: 0, index: 6 },
      { level: 0, index: 7 },
      { level: 1, index: 2 },
      { level: 2, index: 0 },
    ]);
  });
});

describe('Frontier (compact range) appender', () => {
  const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`e${i}`)));

  it('reports every complete node once, equal to the node store, with O(1) amortised hashes per leaf', () => {
    const f = Frontier.empty();
    const seen = new Map<string, string>();
    f.appendAll(leaves, (level, index, hash) => {
      const key = `${level}/${index}`;
      expect(seen.has(key)).toBe(false);
      seen.set(key, toHex(hash));
    });
    const t = treeOf(leaves);
    // A tree of n leaves has exactly 2n − popcount(n) complete subtrees.
    expect(seen.size).toBe(2 * 300 - 4);
    for (const [key, h] of seen) {
      const [level, index] = key.split('/').map(Number);
      expect(toHex(t.read(level, index))).toBe(h);
    }
  });

  it('restores from a store at any size and continues to the same roots', () => {
    const t = treeOf(leaves);
    for (const size of [0, 1, 2, 3, 7, 8, 9, 255, 256, 257, 299]) {
      const f = Frontier.restore(size, t.read);
      expect(f.root()).toEqual(rootOfLeaves(leaves.slice(0, size)));
      f.appendAll(leaves.slice(size, 300));
      expect(f.root()).toEqual(t.root());
    }
    expect(Frontier.nodeIds(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
  });

  it('a forged leaf anywhere changes the root', () => {
    const forged = [...leaves];
    forged[123] = nodeHash(leaves[123], leaves[124]);
    const f = Frontier.empty();
    f.appendAll(forged);
    expect(f.root()).not.toEqual(rootOfLeaves(leaves));
  });
});
