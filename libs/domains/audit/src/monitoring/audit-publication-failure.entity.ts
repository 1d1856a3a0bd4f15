import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failures of the worker's publication steps per log, so the api (which reports metrics and readiness from the
 * database) sees them: `stage` is `witness` (a checkpoint that did not reach its cosignature quorum; `kind` is
 * empty) or `anchor` (`kind` is the anchor's kind). `failures_total` only grows; `failing_since` is set on the first
 * failure after a success and cleared by the next success. Ordinary table: these are counters, not evidence.
 */
@Entity({ name: 'audit_publication_failures' })
export class AuditPublicationFailureEntity {
  @PrimaryColumn({ name: 'log_id', type: 'bigint' })
  logId: string;

  @PrimaryColumn({ type: 'text' })
  stage: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ name: 'failures_total', type: 'bigint', default: 0 })
  failuresTotal: string;

  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  /** The last failure, as the worker logged it (witness or anchor URLs and error codes; never a secret). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
