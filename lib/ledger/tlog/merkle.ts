import { type Hash, HASH_SIZE, emptyRoot, hashEqual, nodeHash } from './hash';

// RFC 6962 §2.1 Merkle tree math: roots, inclusion and consistency proofs (generation from any node store, and the
// RFC 9162 §2.1.3.2 / §2.1.4.2 verification algorithms). Indexes and sizes are JS numbers (safe integers), so all
// arithmetic here avoids 32-bit bit operators.

/** A node of the tree: the complete (perfect) subtree of 2^level leaves starting at leaf index·2^level. */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * Returns the hash of a complete subtree at (level, index), i.e. MTH(D[index·2^level : (index+1)·2^level]).
 * Proof generation only ever asks for subtrees that are complete in the tree size it works on, so a store that keeps
 * the hashes of complete subtrees (in-memory levels, DB rows of nodes, or tlog tiles) is enough.
 */
export type NodeReader = (level: number, index: number) => Hash;

/** Throws unless n is a safe non-negative integer. */
export function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 6962's split point k. */
export function splitPoint(n: number): number {
  if (n < 2) throw new RangeError(`splitPoint needs n ≥ 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of D[start:end] for a range whose start is aligned (as every range in RFC 6962's recursion is). */
export function rangeHash(read: NodeReader, start: number, end: number): Hash {
  if (end <= start) throw new RangeError(`empty range [${start}, ${end})`);
  // Split [start, end) into maximal complete subtrees, left to right (sizes strictly decreasing), then fold from the
  // right: that is exactly how RFC 6962 hashes a right border that is not complete.
  const parts: Hash[] = [];
  let s = start;
  while (s < end) {
    let size = 1;
    let level = 0;
    while (s % (size * 2) === 0 && s + size * 2 <= end) {
      size *= 2;
      level++;
    }
    parts.push(read(level, s / size));
    s += size;
  }
  let h = parts[parts.length - 1];
  for (let i = parts.length - 2; i >= 0; i--) h = nodeHash(parts[i], h);
  return h;
}

/** Root hash of a tree of `size` leaves read from a node store (the empty tree's root for size 0). */
export function rootFromStore(read: NodeReader, size: number): Hash {
  assertCount(size, 'size');
  return size === 0 ? emptyRoot() : rangeHash(read, 0, size);
}

/** MTH of a list of leaf hashes, by the RFC 6962 recursive definition (reference implementation). */
export function rootOfLeaves(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return emptyRoot();
  const mth = (lo: number, hi: number): Hash => {
    if (hi - lo === 1) return leaves[lo];
    const k = splitPoint(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return mth(0, leaves.length);
}

/** Audit path PATH(index, D[0:size]) (RFC 6962 §2.1.1), leaf's sibling first, root's child last. */
export function inclusionProof(read: NodeReader, index: number, size: number): Hash[] {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`);
  const path = (m: number, start: number, n: number): Hash[] => {
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...path(m, start, k), rangeHash(read, start + k, start + n)];
    return [...path(m - k, start + k, n - k), rangeHash(read, start, start + k)];
  };
  return path(index, 0, size);
}

/** Consistency proof PROOF(size1, D[0:size2]) (RFC 6962 §2.1.2); 0 < size1 ≤ size2 (empty when equal). */
export function consistencyProof(read: NodeReader, size1: number, size2: number): Hash[] {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 === 0 || size1 > size2) throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  const subproof = (m: number, start: number, n: number, complete: boolean): Hash[] => {
    if (m === n) return complete ? [] : [rangeHash(read, start, start + n)];
    const k = splitPoint(n);
    if (m <= k) return [...subproof(m, start, k, complete), rangeHash(read, start + k, start + n)];
    return [...subproof(m - k, start + k, n - k, false), rangeHash(read, start, start + k)];
  };
  return subproof(size1, 0, size2, true);
}

/** The distinct stored nodes that a computation over a node store reads (e.g. to fetch them in one query first). */
export function nodesRead(run: (read: NodeReader) => unknown): NodeId[] {
  const seen = new Map<string, NodeId>();
  const zero = new Uint8Array(HASH_SIZE);
  run((level, index) => {
    seen.set(nodeKey(level, index), { level, index });
    return zero;
  });
  return [...seen.values()];
}

/** A map key for a node: "level/index". */
export function nodeKey(level: number, index: number): string {
  return `${level}/${index}`;
}

/**
 * A NodeReader over nodes fetched beforehand (keyed by nodeKey) — the way to use an async store: ask
 * inclusionProofNodes/consistencyProofNodes which nodes are needed, fetch them in one query, then build the proof.
 */
export function mapNodeReader(nodes: ReadonlyMap<string, Hash>): NodeReader {
  return (level, index) => {
    const h = nodes.get(nodeKey(level, index));
    if (!h) throw new RangeError(`node ${nodeKey(level, index)} was not fetched`);
    return h;
  };
}

/** Stored nodes needed for the inclusion proof of `index` in a tree of `size`. */
export function inclusionProofNodes(index: number, size: number): NodeId[] {
  return nodesRead((read) => inclusionProof(read, index, size));
}

/** Stored nodes needed for the consistency proof from size1 to size2. */
export function consistencyProofNodes(size1: number, size2: number): NodeId[] {
  return nodesRead((read) => consistencyProof(read, size1, size2));
}

/** Why a proof did not verify; `null` from the verifiers means it did. */
export type ProofFailure = string;

const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

function badHashes(list: readonly Uint8Array[]): boolean {
  return list.some((h) => h.length !== HASH_SIZE);
}

/**
 * RFC 9162 §2.1.3.2: verifies that `leaf` (a leaf hash) is at `index` in the tree of `size` leaves whose root is
 * `root`, given its inclusion proof. Returns null when it holds, otherwise the reason.
 */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): ProofFailure | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return 'index or size is not an integer';
  if (index >= size) return `index ${index} is not below tree size ${size}`;
  if (leaf.length !== HASH_SIZE || root.length !== HASH_SIZE || badHashes(proof)) return 'a hash is not 32 bytes';
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return 'proof is too long';
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return 'proof is too short';
  return hashEqual(r, root) ? null : 'computed root does not match the root';
}

/**
 * RFC 9162 §2.1.4.2: verifies that the tree of size2 with root2 extends the tree of size1 with root1, given the
 * consistency proof. Equal sizes need an empty proof and equal roots. size1 = 0 is refused (any tree extends the empty
 * one; callers decide that case themselves). Returns null when it holds, otherwise the reason.
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Hash[], root1: Hash, root2: Hash): ProofFailure | null {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0) return 'sizes are not integers';
  if (size1 === 0) return 'a consistency proof from the empty tree is meaningless';
  if (size2 < size1) return `the second tree (${size2}) is smaller than the first (${size1})`;
  if (size1 === size2) {
    if (proof.length > 0) return 'equal sizes need an empty proof';
    return hashEqual(root1, root2) ? null : 'same size, different roots';
  }
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || badHashes(proof)) return 'a hash is not 32 bytes';
  if (proof.length === 0) return 'empty proof';
  return chainConsistency(size1, size2, proof, root1, root2);
}

function chainConsistency(size1: number, size2: number, proof: readonly Hash[], root1: Hash, root2: Hash): ProofFailure | null {
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return 'proof is too long';
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return 'proof is too short';
  if (!hashEqual(fr, root1)) return 'proof does not match the first root';
  return hashEqual(sr, root2) ? null : 'proof does not match the second root';
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
