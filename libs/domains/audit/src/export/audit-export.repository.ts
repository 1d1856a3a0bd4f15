import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import type { AuditActor, AuditActorType } from '../ledger/audit-event.types.js';
import type { AuditExportStatus } from './audit-export.entity.js';
import type { AuditExportSelection } from './audit-export.service.js';

/** An export request and where it stands, without the pack's bytes. */
export interface AuditExportRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly requestedBy: AuditActor;
  readonly selection: AuditExportSelection;
  readonly status: AuditExportStatus;
  readonly progress: { readonly done: number; readonly total: number | null };
  readonly error: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** SHA-256 of the `.tar.gz`, once succeeded. */
  readonly archiveSha256: Uint8Array | null;
  readonly archiveSize: number | null;
  readonly recordedEntryId: string | null;
}

export interface NewAuditExport {
  readonly tenantId: string;
  readonly requestedBy: AuditActor;
  readonly selection: AuditExportSelection;
}

export interface FinishedAuditExport {
  readonly archive: Buffer;
  readonly archiveSha256: Uint8Array;
  readonly recordedEntryId: string;
}

interface ExportRow {
  id: string;
  tenant_id: string;
  requested_by_type: AuditActorType;
  requested_by_id: string;
  selection: AuditExportSelection;
  status: AuditExportStatus;
  progress_done: number;
  progress_total: number | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  archive_sha256: Buffer | null;
  archive_size: number | null;
  recorded_entry_id: string | null;
}

const COLUMNS = `id, tenant_id, requested_by_type, requested_by_id, selection, status, progress_done, progress_total,
  error, created_at, started_at, finished_at, archive_sha256, archive_size, recorded_entry_id`;

const toRecord = (row: ExportRow): AuditExportRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  requestedBy: { type: row.requested_by_type, id: row.requested_by_id },
  selection: row.selection,
  status: row.status,
  progress: { done: row.progress_done, total: row.progress_total },
  error: row.error,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  archiveSha256: row.archive_sha256 ? new Uint8Array(row.archive_sha256) : null,
  archiveSize: row.archive_size,
  recordedEntryId: row.recorded_entry_id === null ? null : String(row.recorded_entry_id),
});

/**
 * Evidence-pack exports of a tenant (`audit_exports`). Status changes are conditional on the current status, so a
 * late or repeated job never moves a finished export back.
 */
@Injectable()
export class AuditExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: NewAuditExport): Promise<AuditExportRecord> {
    const rows: ExportRow[] = await tx.query(
      `INSERT INTO audit_exports (tenant_id, requested_by_type, requested_by_id, selection)
       VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`,
      [row.tenantId, row.requestedBy.type, row.requestedBy.id, JSON.stringify(row.selection)],
    );
    return toRecord(rows[0]);
  }

  async find(tenantId: string, id: string): Promise<AuditExportRecord | null> {
    const rows: ExportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_exports WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The tenant's exports, newest first. */
  async list(tenantId: string, limit: number): Promise<AuditExportRecord[]> {
    const rows: ExportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_exports WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map(toRecord);
  }

  /** The finished pack's bytes; null unless the export succeeded. */
  async archive(tenantId: string, id: string): Promise<Buffer | null> {
    const rows: { archive: Buffer | null }[] = await this.dataSource.query(
      `SELECT archive FROM audit_exports WHERE tenant_id = $1 AND id = $2 AND status = 'succeeded'`,
      [tenantId, id],
    );
    return rows[0]?.archive ?? null;
  }

  /**
   * Moves a queued export (or one whose earlier attempt died while running) to running; null when it has already
   * finished, or does not exist.
   */
  async markRunning(tenantId: string, id: string): Promise<AuditExportRecord | null> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, affected].
    const [rows]: [ExportRow[], number] = await this.dataSource.query(
      `UPDATE audit_exports SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
        WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')
        RETURNING ${COLUMNS}`,
      [tenantId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async updateProgress(tenantId: string, id: string, done: number, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_exports SET progress_done = $3, progress_total = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
      [tenantId, id, done, total],
    );
  }

  /** Locks the row for the rest of `tx` and returns its status (null when there is no such export). */
  async lockStatus(tx: Tx, tenantId: string, id: string): Promise<AuditExportStatus | null> {
    const rows: { status: AuditExportStatus }[] = await tx.query(
      `SELECT status FROM audit_exports WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, id],
    );
    return rows[0]?.status ?? null;
  }

  async markSucceeded(tx: Tx, tenantId: string, id: string, finished: FinishedAuditExport): Promise<void> {
    await tx.query(
      `UPDATE audit_exports
          SET status = 'succeeded', finished_at = now(), progress_done = coalesce(progress_total, progress_done),
              archive = $3, archive_sha256 = $4, archive_size = $5, recorded_entry_id = $6, error = NULL
        WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
      [
        tenantId,
        id,
        finished.archive,
        Buffer.from(finished.archiveSha256),
        finished.archive.length,
        finished.recordedEntryId,
      ],
    );
  }

  /** Marks an unfinished export failed; returns false when it had already finished. */
  async markFailed(tenantId: string, id: string, error: string): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE audit_exports SET status = 'failed', finished_at = now(), error = $3
        WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING id`,
      [tenantId, id, error],
    );
    return rows.length > 0;
  }
}
