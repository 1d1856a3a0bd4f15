import { DomainError } from '@platform/errors';

/**
 * Why an evidence pack could not be exported. The log and checkpoint being absent are AuditLedgerError's
 * `audit/log_not_found` and `audit/checkpoint_not_found`; a pack that would not verify is EvidencePackError.
 */
export type AuditExportErrorCode =
  /** The index range is empty, negative, or reaches past the latest signed checkpoint (its proofs need one). */
  | 'audit/export_range_invalid'
  /** No entry of the selection is covered by the latest signed checkpoint yet. */
  | 'audit/export_nothing_selected'
  /** The selection holds more entries than one pack may (AUDIT_EXPORT_MAX_ENTRIES); export it in index ranges. */
  | 'audit/export_too_large'
  /** An export request names neither or both of a subject and an index range (`{ subject }` or `{ from, to }`). */
  | 'audit/export_selection_invalid'
  /** No export with this id in the caller's tenant (another tenant's id is not found either). */
  | 'audit/export_not_found'
  /** The export has not succeeded (queued, running or failed), so there is no pack to download. */
  | 'audit/export_not_ready'
  /**
   * An entry of the selection no longer matches its leaf or its payload hash (it was altered behind the ledger's
   * back): no pack is written, and `verity audit fsck` names what changed.
   */
  | 'audit/export_entry_tampered';

export class AuditExportError extends DomainError<AuditExportErrorCode> {}
