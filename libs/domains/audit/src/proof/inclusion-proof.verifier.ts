import { ProofError } from '../audit.errors.js';
import { hashChildren, isMerkleHash, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import { inclusionProofLength } from './merkle-proof.planner.js';

export interface VerifiedInclusion {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
}

export function assertProofHashes(proof: readonly Uint8Array[]): void {
  proof.forEach((hash, position) => {
    if (!isMerkleHash(hash)) {
      throw new ProofError('audit/proof_invalid_hash', `proof hash ${position} is not a 32-byte SHA-256 value`);
    }
  });
}

/**
 * The root that an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–4). Throws a ProofError for arguments or a
 * proof shape that no tree could produce, so a caller never compares a root computed from garbage.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array {
  const expectedLength = inclusionProofLength(index, size);
  if (!isMerkleHash(leafHash)) throw new ProofError('audit/proof_invalid_hash', 'leaf hash is not 32 bytes');
  if (proof.length !== expectedLength) {
    throw new ProofError(
      'audit/proof_wrong_length',
      `an inclusion proof for leaf ${index} in a tree of ${size} has ${expectedLength} hashes, got ${proof.length}`,
    );
  }
  assertProofHashes(proof);

  // fn walks the leaf's position up the tree and sn the tree's last position; where fn is a right child or the
  // rightmost node of its level, the proof hash goes on the left.
  let fn = index;
  let sn = size - 1;
  let root = leafHash;
  for (const hash of proof) {
    if (fn % 2 === 1 || fn === sn) {
      root = hashChildren(hash, root);
      // A rightmost node without a sibling is promoted unchanged, so skip the levels where it has none.
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      root = hashChildren(root, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return root;
}

/** RFC 9162 §2.1.3.2: proves that `leafHash` is entry `index` of the tree of `size` leaves whose root is `root`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): VerifiedInclusion {
  if (!isMerkleHash(root)) throw new ProofError('audit/proof_invalid_hash', 'root hash is not 32 bytes');
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  if (!merkleHashesEqual(computed, root)) {
    throw new ProofError(
      'audit/proof_root_mismatch',
      `the inclusion proof for leaf ${index} does not lead to the root of the tree of size ${size}`,
    );
  }
  return { leafIndex: index, treeSize: size, rootHash: root };
}
