import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditActorType } from '../ledger/audit-event.types.js';
import { RECORDED_AT_SQL, type StoredAuditEntry } from '../ledger/audit-entry.repository.js';

/** What an auditor narrows the log by; every field is optional and they combine with AND. */
export interface AuditSearchFilter {
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly actorType?: AuditActorType;
  readonly actorId?: string;
  readonly action?: string;
  /** Inclusive lower bound on the recording time. */
  readonly from?: Date;
  /** Exclusive upper bound on the recording time. */
  readonly to?: Date;
}

export interface AuditSearchPageRequest {
  readonly limit: number;
  /** Only entries with a leaf index below this one: the keyset cursor of the previous page. */
  readonly beforeIndex?: number;
}

interface SearchRow {
  id: string;
  idx: string;
  recorded_at: string;
  actor_type: AuditActorType;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  payload_hash: Buffer;
  subject_key_id: string | null;
  payload_ciphertext: Buffer | null;
  payload_salt: Buffer | null;
  payload_clear: string | null;
  leaf_hash: Buffer;
}

/**
 * Searches a tenant's integrated entries (those with a leaf in the tree), newest index first. Entries still waiting
 * for the sequencer are left out: they have no index and nothing could prove their inclusion yet.
 */
@Injectable()
export class AuditSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `page.limit` entries of the tenant's log matching `filter`, by leaf index descending. */
  async search(tenantId: string, filter: AuditSearchFilter, page: AuditSearchPageRequest): Promise<StoredAuditEntry[]> {
    const params: unknown[] = [tenantId];
    const conditions = ['lg.tenant_id = $1'];
    const where = (sql: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (filter.subjectType !== undefined) where((p) => `e.subject_type = ${p}`, filter.subjectType);
    if (filter.subjectId !== undefined) where((p) => `e.subject_id = ${p}`, filter.subjectId);
    if (filter.actorType !== undefined) where((p) => `e.actor_type = ${p}`, filter.actorType);
    if (filter.actorId !== undefined) where((p) => `e.actor_id = ${p}`, filter.actorId);
    if (filter.action !== undefined) where((p) => `e.action = ${p}`, filter.action);
    if (filter.from !== undefined) where((p) => `e.recorded_at >= ${p}`, filter.from);
    if (filter.to !== undefined) where((p) => `e.recorded_at < ${p}`, filter.to);
    if (page.beforeIndex !== undefined) where((p) => `lf.idx < ${p}`, page.beforeIndex);
    params.push(page.limit);
    const rows: SearchRow[] = await this.dataSource.query(
      `SELECT e.id, lf.idx, ${RECORDED_AT_SQL} AS recorded_at, e.actor_type, e.actor_id, e.action, e.subject_type,
              e.subject_id, e.payload_hash, e.subject_key_id, e.payload_ciphertext, e.payload_salt, e.payload_clear,
              lf.leaf_hash
         FROM audit_logs lg
         JOIN audit_leaves lf ON lf.log_id = lg.id
         JOIN audit_entries e ON e.id = lf.entry_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY lf.idx DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      entryId: String(row.id),
      index: Number(row.idx),
      recordedAt: row.recorded_at,
      actorType: row.actor_type,
      actorId: row.actor_id,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      payloadHash: row.payload_hash,
      subjectKeyId: row.subject_key_id,
      payloadCiphertext: row.payload_ciphertext,
      payloadSalt: row.payload_salt,
      payloadClear: row.payload_clear,
      leafHash: row.leaf_hash,
    }));
  }
}
