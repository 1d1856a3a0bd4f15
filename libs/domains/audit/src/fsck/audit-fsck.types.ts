import type { AuditFsckFailureCode } from './audit-fsck.errors.js';

/** The first thing in a log that does not hold, with where it is. */
export interface AuditFsckFailure {
  readonly code: AuditFsckFailureCode;
  readonly message: string;
  /** The leaf index, for failures about a leaf, its entry or its payload. */
  readonly index?: number;
  readonly entryId?: string;
  /** The subtree (level ≥ 1, index at that level), for failures about a stored node. */
  readonly node?: { readonly level: number; readonly index: number };
  /** The audit_checkpoints row, for failures about a checkpoint. */
  readonly checkpointId?: string;
  readonly checkpointSize?: number;
}

export interface AuditFsckPayloadCounts {
  /** Decrypted (or in clear) and matching the hash their leaf commits to. */
  readonly present: number;
  /** Their subject's key was deleted: erased on purpose, not tampered. */
  readonly erased: number;
}

export interface AuditFsckLogReport {
  readonly logId: string;
  readonly tenantId: string;
  readonly origin: string;
  readonly ok: boolean;
  readonly failure?: AuditFsckFailure;
  /** Leaves checked (all of them when ok): the tree size. */
  readonly leaves: number;
  readonly payloads: AuditFsckPayloadCounts;
  /** Stored subtree nodes recomputed and compared. */
  readonly nodes: number;
  /** Checkpoints whose signature, root and consistency with the previous one were checked. */
  readonly checkpoints: number;
  readonly latestCheckpointSize: number | null;
  /** Entries committed but not yet in the tree (normal while the sequencer works; not checked). */
  readonly pending: number;
}

export interface AuditFsckSummary {
  readonly logs: number;
  readonly failed: number;
  readonly leaves: number;
  readonly nodes: number;
  readonly checkpoints: number;
  readonly payloads: AuditFsckPayloadCounts;
  readonly pending: number;
}

/** What `verity audit fsck` found: ok, or the first failure of the first failing log (every log is checked). */
export interface AuditFsckReport {
  readonly ok: boolean;
  readonly failure?: AuditFsckFailure & { readonly logId: string; readonly origin: string };
  readonly logs: readonly AuditFsckLogReport[];
  readonly summary: AuditFsckSummary;
}

export interface AuditFsckOptions {
  /** Check only this tenant's log; every log when absent. */
  readonly tenantId?: string;
  /** Leaves read per query (memory stays O(pageSize + log n) whatever the log's length). */
  readonly pageSize?: number;
}
