import { MerkleTreeError } from '../audit.errors.js';
import { isTreeSize, popCount, subtreesCoveringRange } from './merkle-tree.arithmetic.js';
import { foldSubtreeHashes, hashChildren, isMerkleHash } from './merkle-tree.hasher.js';
import type { SubtreeAddress, SubtreeHashSource } from './subtree-hash.source.js';

/** A perfect subtree that became complete during an append; the sequencer stores these so proofs need few reads. */
export interface CompletedSubtree extends SubtreeAddress {
  readonly hash: Uint8Array;
}

/**
 * Incremental RFC 6962 tree over leaves [0, size): keeps only the roots of the perfect subtrees that make up the
 * tree (one per set bit of size, at most 53), so appending and computing the root need O(log n) memory whatever
 * the log's length. Size and frontier together are the whole state a sequencer persists to resume after a crash.
 */
export class CompactRangeBuilder {
  private readonly frontier: Uint8Array[];
  private treeSize: number;

  constructor(size = 0, frontier: readonly Uint8Array[] = []) {
    if (!isTreeSize(size)) {
      throw new MerkleTreeError('audit/tree_invalid_size', `tree size ${size} is not a non-negative safe integer`);
    }
    if (frontier.length !== popCount(size)) {
      throw new MerkleTreeError(
        'audit/tree_invalid_size',
        `a tree of size ${size} has ${popCount(size)} frontier hashes, got ${frontier.length}`,
      );
    }
    for (const hash of frontier) {
      if (!isMerkleHash(hash)) throw new MerkleTreeError('audit/tree_invalid_hash', 'frontier hashes must be 32 bytes');
    }
    this.frontier = [...frontier];
    this.treeSize = size;
  }

  /** Rebuilds the frontier of a stored tree from its perfect subtrees (popcount(size) reads). */
  static async resume(size: number, source: SubtreeHashSource): Promise<CompactRangeBuilder> {
    if (!isTreeSize(size)) {
      throw new MerkleTreeError('audit/tree_invalid_size', `tree size ${size} is not a non-negative safe integer`);
    }
    const frontier = await Promise.all(
      subtreesCoveringRange(0, size).map(({ level, index }) => source.hash(level, index)),
    );
    return new CompactRangeBuilder(size, frontier);
  }

  get size(): number {
    return this.treeSize;
  }

  /** Roots of the perfect subtrees covering [0, size), largest first; the hash arrays are never mutated. */
  get hashes(): readonly Uint8Array[] {
    return [...this.frontier];
  }

  /** Appends the next leaf hash and returns every perfect subtree it completed, the leaf itself first. */
  append(leafHash: Uint8Array): CompletedSubtree[] {
    if (!isMerkleHash(leafHash)) throw new MerkleTreeError('audit/tree_invalid_hash', 'leaf hashes must be 32 bytes');
    if (!isTreeSize(this.treeSize + 1)) {
      throw new MerkleTreeError('audit/tree_invalid_size', 'the tree cannot grow beyond 2^53 - 1 leaves');
    }
    const completed: CompletedSubtree[] = [{ level: 0, index: this.treeSize, hash: leafHash }];
    let hash = leafHash;
    let index = this.treeSize;
    let level = 0;
    // An odd index is a right child: its left sibling is the newest frontier entry, and together they complete a parent.
    while (index % 2 === 1) {
      const left = this.frontier.pop();
      if (left === undefined) throw new MerkleTreeError('audit/tree_invalid_size', 'frontier is shorter than its size');
      hash = hashChildren(left, hash);
      index = (index - 1) / 2;
      level += 1;
      completed.push({ level, index, hash });
    }
    this.frontier.push(hash);
    this.treeSize += 1;
    return completed;
  }

  /** MTH(D[0:size]); SHA-256("") while empty. */
  root(): Uint8Array {
    return foldSubtreeHashes(this.frontier);
  }
}

/** MTH (RFC 6962 §2.1) of a list of leaf hashes, in one pass with O(log n) extra memory. */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  const builder = new CompactRangeBuilder();
  for (const leafHash of leafHashes) builder.append(leafHash);
  return builder.root();
}
