/**
 * Every error the audit core can raise, with the sentence an operator or auditor reads when it happens. The global
 * error filter and the offline verifiers show these descriptions, so they name the broken guarantee, not the code path.
 */
export const AUDIT_ERROR_DESCRIPTIONS = {
  'audit/tree_invalid_hash': 'A hash handed to the Merkle tree is not a 32-byte SHA-256 value.',
  'audit/tree_invalid_size':
    'A tree size, leaf index or subtree level is not a non-negative safe integer, or a stored frontier does not match its tree size.',
  'audit/tree_subtree_out_of_range': 'A subtree hash was requested for leaves the tree does not have yet.',

  'audit/proof_invalid_size':
    'A proof was requested or checked with a size or index that is not a non-negative safe integer.',
  'audit/proof_index_out_of_range': 'An inclusion proof names a leaf index that is not below the tree size.',
  'audit/proof_sizes_reversed': 'A consistency proof goes from a larger tree to a smaller one.',
  'audit/proof_wrong_length': 'The proof has a different number of hashes than the tree sizes require.',
  'audit/proof_invalid_hash': 'A proof, leaf or root hash is not a 32-byte SHA-256 value.',
  'audit/proof_root_mismatch': 'The proof does not lead to the expected root hash: the log or the proof was altered.',

  'audit/note_malformed': 'The signed note does not follow the c2sp.org/signed-note syntax.',
  'audit/note_too_many_signatures': 'The signed note carries more signatures than a verifier accepts.',
  'audit/note_invalid_key':
    'A signer or verifier key string is malformed, uses an unknown algorithm, or its key id does not match.',
  'audit/note_ambiguous_key':
    'Two configured verifier keys share the same name and key id, so a signature cannot be attributed.',
  'audit/note_invalid_signature': 'A signature by a known key does not verify: the note was forged or altered.',
  'audit/note_unverified': 'The note has no valid signature from any trusted key.',

  'audit/checkpoint_malformed': 'The checkpoint body does not follow the c2sp.org/tlog-checkpoint syntax.',
  'audit/checkpoint_origin_mismatch': 'The checkpoint was issued for a different log origin than the one expected.',

  'audit/tlog_proof_malformed': 'The proof text does not follow the c2sp.org/tlog-proof syntax.',

  'audit/canonical_json_unsupported_value':
    'The value holds something JSON cannot represent (undefined, a function, a symbol, a BigInt or a non-plain object).',
  'audit/canonical_json_non_finite_number': 'The value holds NaN or an infinite number, which RFC 8785 forbids.',
  'audit/canonical_json_invalid_string':
    'The value holds a string with a lone UTF-16 surrogate, which is not valid Unicode.',
  'audit/canonical_json_cycle': 'The value refers to itself, so it has no JSON form.',

  'audit/note_malformed_cosignature':
    'A cosignature is not a c2sp.org/tlog-cosignature timestamped signature (8-byte timestamp below 2^63, then the signature).',

  'audit/witness_request_malformed':
    'The add-checkpoint request does not follow c2sp.org/tlog-witness (old size line, at most 63 proof hashes, blank line, signed checkpoint), or its old size exceeds the checkpoint size.',
  'audit/witness_unknown_log': 'The witness is not configured for the log origin named by the checkpoint.',
  'audit/witness_log_signature_invalid':
    "The checkpoint carries no valid signature from the log's configured keys (forged, altered, or signed by another key).",
  'audit/witness_size_conflict':
    'The old size of the request is not the size the witness last cosigned for this log; retry from the stored size it names.',
  'audit/witness_fork':
    'The log presented two different root hashes for the same tree size: a split view. The witness refuses and keeps the evidence.',
  'audit/witness_proof_invalid':
    'The consistency proof does not show that the new checkpoint extends the one the witness last cosigned.',
  'audit/witness_state_corrupt':
    "The witness's stored state for a log is unreadable or names another log, so it refuses to cosign rather than guess.",
  'audit/witness_state_locked':
    'Another witness process holds the state directory; two processes on one directory could roll a log back.',
  'audit/witness_unavailable':
    'The witness did not answer in time, could not be reached, or answered with an unexpected status.',
  'audit/witness_response_invalid': 'The witness answered without a valid cosignature from its configured key.',

  'audit/anchor_invalid_checkpoint':
    'The checkpoint handed to an anchor is not a signed checkpoint note of the stated origin and size.',
  'audit/anchor_exists':
    'The write-once anchor already holds a different note for this checkpoint; anchors never overwrite.',
  'audit/anchor_mismatch':
    'The anchored evidence no longer matches the checkpoint note: a modified file, another message imprint, or another nonce.',
  'audit/anchor_receipt_malformed': 'The anchor receipt is not one this kind of anchor issues, or a field is missing.',
  'audit/anchor_tsa_failed':
    'The time-stamping authority could not be reached, refused the request, or answered something other than a granted RFC 3161 response.',
  'audit/anchor_der_malformed': 'A time-stamp request, response or token is not the DER structure RFC 3161 defines.',
  'audit/anchor_signature_invalid':
    'openssl ts -verify rejected the time-stamp token: its signature or its certificate chain to the configured CA does not hold.',
} as const;

export type AuditErrorCode = keyof typeof AUDIT_ERROR_DESCRIPTIONS;
export type MerkleTreeErrorCode = Extract<AuditErrorCode, `audit/tree_${string}`>;
export type ProofErrorCode = Extract<AuditErrorCode, `audit/proof_${string}`>;
export type SignedNoteErrorCode = Extract<AuditErrorCode, `audit/note_${string}`>;
export type CheckpointErrorCode = Extract<AuditErrorCode, `audit/checkpoint_${string}`>;
export type TlogProofErrorCode = Extract<AuditErrorCode, `audit/tlog_proof_${string}`>;
export type CanonicalJsonErrorCode = Extract<AuditErrorCode, `audit/canonical_json_${string}`>;
export type WitnessErrorCode = Extract<AuditErrorCode, `audit/witness_${string}`>;
export type AnchorErrorCode = Extract<AuditErrorCode, `audit/anchor_${string}`>;

export class AuditError extends Error {
  override readonly name: string = 'AuditError';

  constructor(
    readonly code: AuditErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class MerkleTreeError extends AuditError {
  override readonly name: string = 'MerkleTreeError';
  declare readonly code: MerkleTreeErrorCode;

  constructor(code: MerkleTreeErrorCode, message: string) {
    super(code, message);
  }
}

export class ProofError extends AuditError {
  override readonly name: string = 'ProofError';
  declare readonly code: ProofErrorCode;

  constructor(code: ProofErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

export class SignedNoteError extends AuditError {
  override readonly name: string = 'SignedNoteError';
  declare readonly code: SignedNoteErrorCode;

  constructor(code: SignedNoteErrorCode, message: string) {
    super(code, message);
  }
}

export class CheckpointError extends AuditError {
  override readonly name: string = 'CheckpointError';
  declare readonly code: CheckpointErrorCode;

  constructor(code: CheckpointErrorCode, message: string) {
    super(code, message);
  }
}

export class TlogProofError extends AuditError {
  override readonly name: string = 'TlogProofError';
  declare readonly code: TlogProofErrorCode;

  constructor(code: TlogProofErrorCode, message: string) {
    super(code, message);
  }
}

export class CanonicalJsonError extends AuditError {
  override readonly name: string = 'CanonicalJsonError';
  declare readonly code: CanonicalJsonErrorCode;

  constructor(code: CanonicalJsonErrorCode, message: string) {
    super(code, message);
  }
}

export interface WitnessErrorDetails {
  /** The size the witness last cosigned for the log: what a 409 Conflict carries, and where a client retries from. */
  readonly storedSize?: number;
  /** The HTTP status the witness answered with, when the error comes from a remote witness. */
  readonly status?: number;
}

export class WitnessError extends AuditError {
  override readonly name: string = 'WitnessError';
  declare readonly code: WitnessErrorCode;
  readonly storedSize: number | undefined;
  readonly status: number | undefined;

  constructor(code: WitnessErrorCode, message: string, details: WitnessErrorDetails = {}, options?: ErrorOptions) {
    super(code, message, options);
    this.storedSize = details.storedSize;
    this.status = details.status;
  }
}

export class AnchorError extends AuditError {
  override readonly name: string = 'AnchorError';
  declare readonly code: AnchorErrorCode;

  constructor(code: AnchorErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}
