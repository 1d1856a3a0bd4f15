import { MerkleTreeError } from '../audit.errors.js';
import { isTreeSize } from './merkle-tree.arithmetic.js';
import { hashChildren, isMerkleHash } from './merkle-tree.hasher.js';
import type { SubtreeHashSource } from './subtree-hash.source.js';

/**
 * Every perfect subtree of an in-memory list of leaf hashes, computed once (2n hashes), so that any number of proofs
 * for any tree size up to the list's length can be built without rehashing. For tests, tools and small exports; the
 * log itself reads stored subtrees instead.
 */
export class LeafHashArraySource implements SubtreeHashSource {
  private readonly levels: Uint8Array[][];

  constructor(leafHashes: readonly Uint8Array[]) {
    for (const hash of leafHashes) {
      if (!isMerkleHash(hash)) throw new MerkleTreeError('audit/tree_invalid_hash', 'leaf hashes must be 32 bytes');
    }
    this.levels = [[...leafHashes]];
    for (let below = this.levels[0]; below.length >= 2;) {
      const level: Uint8Array[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) level.push(hashChildren(below[i], below[i + 1]));
      this.levels.push(level);
      below = level;
    }
  }

  get size(): number {
    return this.levels[0].length;
  }

  subtreeHash(level: number, index: number): Uint8Array {
    if (!isTreeSize(level) || !isTreeSize(index)) {
      throw new MerkleTreeError('audit/tree_invalid_size', `subtree (${level}, ${index}) is not a valid address`);
    }
    const hash = this.levels[level]?.[index];
    if (hash === undefined) {
      throw new MerkleTreeError(
        'audit/tree_subtree_out_of_range',
        `subtree (${level}, ${index}) needs more than the ${this.size} leaves held`,
      );
    }
    return hash;
  }

  hash(level: number, index: number): Promise<Uint8Array> {
    return new Promise((resolve) => resolve(this.subtreeHash(level, index)));
  }
}
