import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditExportSelection } from './audit-export.service.js';

/** Where an evidence-pack export stands: the worker moves it queued → running → succeeded or failed. */
export const AUDIT_EXPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type AuditExportStatus = (typeof AUDIT_EXPORT_STATUSES)[number];

/**
 * An evidence pack requested over HTTP and built by the worker. PostgreSQL is the record: the api and the worker
 * may run on different machines, so the finished pack is stored here as one `.tar.gz` (bounded by
 * AUDIT_EXPORT_MAX_ENTRIES) and downloaded from here. Not evidence itself (the ledger records the request and the
 * export), so it is an ordinary table that the worker updates.
 */
@Entity({ name: 'audit_exports' })
@Index('audit_exports_tenant_created', ['tenantId', 'createdAt'])
export class AuditExportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** `user` or `key`: who asked for the pack. */
  @Column({ name: 'requested_by_type', type: 'text' })
  requestedByType: string;

  @Column({ name: 'requested_by_id', type: 'text' })
  requestedById: string;

  /** What to export, as `AuditExportService` takes it: `{ kind: 'subject', subject }` or `{ kind: 'index-range', start, end }`. */
  @Column({ type: 'jsonb' })
  selection: AuditExportSelection;

  @Column({ type: 'text', default: 'queued' })
  status: AuditExportStatus;

  /** Entries whose proofs are built so far. */
  @Column({ name: 'progress_done', type: 'integer', default: 0 })
  progressDone: number;

  /** Entries the pack holds; null until the worker has selected them. */
  @Column({ name: 'progress_total', type: 'integer', nullable: true })
  progressTotal: number | null;

  /** Why it failed, for people (the problem's message, prefixed with its code when it has one). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The finished pack, a gzip-compressed ustar archive of one folder; never selected unless downloaded. */
  @Column({ name: 'archive', type: 'bytea', nullable: true, select: false })
  archive: Buffer | null;

  /** SHA-256 of `archive`. */
  @Column({ name: 'archive_sha256', type: 'bytea', nullable: true })
  archiveSha256: Buffer | null;

  @Column({ name: 'archive_size', type: 'integer', nullable: true })
  archiveSize: number | null;

  /** The `audit.export.created` entry that records the finished pack in the tenant's log. */
  @Column({ name: 'recorded_entry_id', type: 'bigint', nullable: true })
  recordedEntryId: string | null;
}
