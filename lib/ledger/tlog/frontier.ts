import { type Hash, emptyRoot, nodeHash } from './hash';
import { type NodeId, type NodeReader, assertCount } from './merkle';

/** Called for every complete subtree that an append creates (the leaf itself included), so a store can keep it. */
export type NodeSink = (level: number, index: number, hash: Hash) => void;

interface BorderNode {
  level: number;
  hash: Hash;
}

/**
 * The right border of the tree (a "compact range" [0, size)): one perfect subtree per set bit of size, largest first.
 * Appending a batch of b leaves costs O(b + log n) hashes and reports each new complete node; the root is a fold of
 * at most log n border hashes. A sequencer restores it from its store (`Frontier.restore`) at the start of a batch.
 */
export class Frontier {
  private readonly border: BorderNode[];
  private count: number;

  private constructor(size: number, border: BorderNode[]) {
    this.count = size;
    this.border = border;
  }

  /** An empty tree. */
  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** The stored nodes that make up the border of a tree of `size` leaves, largest first. */
  static nodeIds(size: number): NodeId[] {
    assertCount(size, 'size');
    const ids: NodeId[] = [];
    let start = 0;
    let p = 1;
    let level = 0;
    while (p * 2 <= size) {
      p *= 2;
      level++;
    }
    for (; p >= 1; p /= 2, level--) {
      if (size - start >= p) {
        ids.push({ level, index: start / p });
        start += p;
      }
    }
    return ids;
  }

  /** Rebuilds the border of a tree of `size` leaves from a node store. */
  static restore(size: number, read: NodeReader): Frontier {
    return new Frontier(size, Frontier.nodeIds(size).map(({ level, index }) => ({ level, hash: read(level, index) })));
  }

  /** Number of leaves. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash; reports the leaf and every subtree it completes to `sink`. Returns the leaf's index. */
  append(leaf: Hash, sink?: NodeSink): number {
    const index = this.count;
    sink?.(0, index, leaf);
    this.border.push({ level: 0, hash: leaf });
    this.count++;
    let start = index;
    while (this.border.length >= 2 && this.border[this.border.length - 1].level === this.border[this.border.length - 2].level) {
      const right = this.border.pop()!;
      const left = this.border.pop()!;
      const level = right.level + 1;
      const hash = nodeHash(left.hash, right.hash);
      start -= 2 ** right.level;
      this.border.push({ level, hash });
      sink?.(level, start / 2 ** level, hash);
    }
    return index;
  }

  /** Appends leaf hashes in order; returns the index of the first. */
  appendAll(leaves: readonly Hash[], sink?: NodeSink): number {
    const first = this.count;
    for (const leaf of leaves) this.append(leaf, sink);
    return first;
  }

  /** The root hash of the current tree. */
  root(): Hash {
    if (this.border.length === 0) return emptyRoot();
    let h = this.border[this.border.length - 1].hash;
    for (let i = this.border.length - 2; i >= 0; i--) h = nodeHash(this.border[i].hash, h);
    return h;
  }
}

/**
 * An in-memory node store: every complete subtree hash by level. For tests, and the model a DB-backed store follows
 * (rows of nodes, or tiles — see tiles.ts). Grows through the same Frontier a sequencer uses.
 */
export class MemoryTree {
  private readonly levels: Hash[][] = [];
  private readonly frontier = Frontier.empty();

  /** Appends leaf hashes; returns the index of the first. */
  append(...leaves: Hash[]): number {
    return this.frontier.appendAll(leaves, (level, index, hash) => {
      (this.levels[level] ??= [])[index] = hash;
    });
  }

  get size(): number {
    return this.frontier.size;
  }

  root(): Hash {
    return this.frontier.root();
  }

  /** NodeReader over the stored complete subtrees; throws for a node that is not (yet) complete. */
  readonly read: NodeReader = (level, index) => {
    const h = this.levels[level]?.[index];
    if (!h) throw new RangeError(`node ${level}/${index} is not stored`);
    return h;
  };
}
