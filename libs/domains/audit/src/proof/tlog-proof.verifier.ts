import { ProofError } from '../audit.errors.js';
import type { Checkpoint } from '../note/checkpoint.codec.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import type { NoteSignature } from '../note/signed-note.codec.js';
import type { NoteVerifier } from '../note/signed-note.verifier.js';
import { hashLeaf, isMerkleHash } from '../tree/merkle-tree.hasher.js';
import { verifyInclusion } from './inclusion-proof.verifier.js';
import { decodeTlogProof } from './tlog-proof.codec.js';

/** The entry being proven: its exact leaf bytes, or the RFC 6962 leaf hash when only that is at hand. */
export type TlogProofLeaf = { readonly leafBytes: Uint8Array } | { readonly leafHash: Uint8Array };

export interface TlogProofVerifyOptions {
  /** The log origin the proof must be for. */
  readonly origin?: string;
}

export interface VerifiedTlogProof {
  readonly index: number;
  readonly checkpoint: Checkpoint;
  readonly signatures: readonly NoteSignature[];
  /** Unauthenticated; trust it only as far as the application can check it. */
  readonly extra?: Uint8Array;
}

/**
 * Verifies a c2sp.org/tlog-proof offline: the checkpoint must carry a valid signature from one of the trusted
 * `verifiers` (the log's keys, old and new during a rotation), and the inclusion proof must lead from the leaf to the
 * checkpoint's root. Throws the AuditError of the first check that fails.
 */
export function verifyTlogProof(
  leaf: TlogProofLeaf,
  proofText: string,
  verifiers: readonly NoteVerifier[],
  options: TlogProofVerifyOptions = {},
): VerifiedTlogProof {
  const proof = decodeTlogProof(proofText);
  const { checkpoint, signatures } = openCheckpoint(proof.checkpoint, verifiers, options);
  const leafHash = 'leafBytes' in leaf ? hashLeaf(leaf.leafBytes) : leaf.leafHash;
  if (!isMerkleHash(leafHash)) throw new ProofError('audit/proof_invalid_hash', 'leaf hash is not 32 bytes');
  verifyInclusion(leafHash, proof.index, checkpoint.size, proof.hashes, checkpoint.rootHash);
  const verified = { index: proof.index, checkpoint, signatures };
  return proof.extra === undefined ? verified : { ...verified, extra: proof.extra };
}
