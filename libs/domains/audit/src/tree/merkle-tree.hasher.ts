import { hash, timingSafeEqual } from 'node:crypto';

import { MerkleTreeError } from '../audit.errors.js';

/** RFC 6962 trees use SHA-256 throughout, so every leaf, node and root hash is this long. */
export const MERKLE_HASH_SIZE = 32;

// RFC 6962 §2.1 domain separation: without distinct prefixes a node could be passed off as a leaf (second preimage).
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// Interior nodes are hashed millions of times when verifying; one-shot hashing of a reused buffer costs about half
// of a streaming hash object per node. Hashing is synchronous, so no two calls can share the buffer at once.
const nodeInput = new Uint8Array(1 + 2 * MERKLE_HASH_SIZE);
nodeInput[0] = NODE_PREFIX;

function sha256(input: Uint8Array): Uint8Array {
  const digest = hash('sha256', input, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

export function isMerkleHash(value: Uint8Array): boolean {
  return value instanceof Uint8Array && value.length === MERKLE_HASH_SIZE;
}

function assertMerkleHash(value: Uint8Array, what: string): void {
  if (!isMerkleHash(value)) {
    throw new MerkleTreeError('audit/tree_invalid_hash', `${what} must be ${MERKLE_HASH_SIZE} bytes`);
  }
}

/** MTH({}) = SHA-256() — the root of a log with no entries yet. */
export function emptyTreeRoot(): Uint8Array {
  return sha256(new Uint8Array());
}

/** MTH({d(0)}) = SHA-256(0x00 || d(0)): the hash a leaf contributes to the tree. */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input[0] = LEAF_PREFIX;
  input.set(leaf, 1);
  return sha256(input);
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertMerkleHash(left, 'left child hash');
  assertMerkleHash(right, 'right child hash');
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + MERKLE_HASH_SIZE);
  return sha256(nodeInput);
}

/**
 * The root of a range covered by perfect subtrees listed left to right with non-increasing sizes (a compact range
 * starting at a power-of-two boundary). RFC 6962 always splits off the largest power of two on the left, so such a
 * range hashes by folding from the right.
 */
export function foldSubtreeHashes(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyTreeRoot();
  let root = hashes[hashes.length - 1];
  assertMerkleHash(root, 'subtree hash');
  for (let i = hashes.length - 2; i >= 0; i -= 1) root = hashChildren(hashes[i], root);
  return root;
}

/** Hashes are public, but a constant-time comparison costs nothing and keeps reviewers from having to ask. */
export function merkleHashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
