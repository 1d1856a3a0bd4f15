import { ProofError } from '../audit.errors.js';
import { isPowerOfTwo } from '../tree/merkle-tree.arithmetic.js';
import { emptyTreeRoot, hashChildren, isMerkleHash, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import { assertProofHashes } from './inclusion-proof.verifier.js';
import { consistencyProofLength } from './merkle-proof.planner.js';

export interface VerifiedConsistency {
  readonly fromSize: number;
  readonly toSize: number;
  readonly fromRoot: Uint8Array;
  readonly toRoot: Uint8Array;
}

function rootMismatch(which: 'first' | 'second', from: number, to: number): ProofError {
  const size = which === 'first' ? from : to;
  return new ProofError(
    'audit/proof_root_mismatch',
    `the consistency proof from ${from} to ${to} does not lead to the given root of the tree of size ${size}`,
  );
}

/**
 * RFC 9162 §2.1.4.2: proves that the tree of `from` leaves with root `fromRoot` is a prefix of the tree of `to`
 * leaves with root `toRoot` — nothing was removed, changed or reordered in between.
 */
export function verifyConsistency(
  from: number,
  to: number,
  proof: readonly Uint8Array[],
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
): VerifiedConsistency {
  const expectedLength = consistencyProofLength(from, to);
  if (!isMerkleHash(fromRoot) || !isMerkleHash(toRoot)) {
    throw new ProofError('audit/proof_invalid_hash', 'root hashes must be 32 bytes');
  }
  if (proof.length !== expectedLength) {
    throw new ProofError(
      'audit/proof_wrong_length',
      `a consistency proof from ${from} to ${to} has ${expectedLength} hashes, got ${proof.length}`,
    );
  }
  assertProofHashes(proof);
  const verified: VerifiedConsistency = { fromSize: from, toSize: to, fromRoot, toRoot };

  if (from === 0) {
    // Every tree extends the empty one; the only thing to check is that the claimed empty root really is empty.
    if (!merkleHashesEqual(fromRoot, emptyTreeRoot())) throw rootMismatch('first', from, to);
    if (to === 0 && !merkleHashesEqual(toRoot, fromRoot)) throw rootMismatch('second', from, to);
    return verified;
  }
  if (from === to) {
    if (!merkleHashesEqual(fromRoot, toRoot)) throw rootMismatch('second', from, to);
    return verified;
  }

  // When the old tree is a perfect subtree, the proof omits its root because the verifier already has it.
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : proof;
  let fn = from - 1;
  let sn = to - 1;
  // Skip the levels inside the old tree's rightmost perfect subtree, whose root is path[0].
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const hash of path.slice(1)) {
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(hash, fr);
      sr = hashChildren(hash, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      // Hashes to the right of the old tree exist only in the new one.
      sr = hashChildren(sr, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (!merkleHashesEqual(fr, fromRoot)) throw rootMismatch('first', from, to);
  if (!merkleHashesEqual(sr, toRoot)) throw rootMismatch('second', from, to);
  return verified;
}
