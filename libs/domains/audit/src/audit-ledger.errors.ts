import { DomainError } from '@platform/errors';

/**
 * Errors of the database-backed ledger (recording, proofs over the stored tree, erasure). Unlike the pure core's
 * AuditError these are DomainErrors, so the HTTP layer answers them as problem+json with the code below.
 */
export type AuditLedgerErrorCode =
  /** The event handed to record() is malformed (unknown actor type, bad action name, payload not JSON). */
  | 'audit/invalid_event'
  /** The tenant has no audit log yet: nothing was ever recorded for it. */
  | 'audit/log_not_found'
  /** The log has entries but no signed checkpoint yet (the sequencer has not run). */
  | 'audit/checkpoint_not_found'
  /** An inclusion proof was asked for a leaf index that is not below the tree size. */
  | 'audit/proof_index_out_of_range'
  /** A consistency proof was asked from a larger tree size to a smaller one. */
  | 'audit/proof_sizes_reversed'
  /** A proof or entry range names a tree size larger than the log has integrated so far. */
  | 'audit/tree_size_exceeded'
  /** The stored tree does not extend the last signed checkpoint: the log refuses to sign anything further. */
  | 'audit/tree_inconsistent'
  /** Erasure refused: a legal hold covers the data subject (or the whole tenant). */
  | 'audit/erasure_legal_hold'
  /** Erasure refused: an entry about the data subject is younger than AUDIT_RETENTION_DAYS. */
  | 'audit/erasure_retention'
  /** The legal hold to release does not exist or was already released. */
  | 'audit/legal_hold_not_found';

export class AuditLedgerError extends DomainError<AuditLedgerErrorCode> {}
