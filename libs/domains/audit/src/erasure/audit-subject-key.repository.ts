import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery, type Tx } from '@platform/database';

export interface StoredSubjectKey {
  readonly id: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly masterKeyId: string;
  readonly wrappedKey: Buffer;
}

/** An audit_subject_keys row as PostgreSQL answers it. */
export interface KeyRow {
  id: string;
  subject_type: string;
  subject_id: string;
  master_key_id: string;
  wrapped_key: Buffer;
}

export const toStored = (row: KeyRow): StoredSubjectKey => ({
  id: row.id,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  masterKeyId: row.master_key_id,
  wrappedKey: row.wrapped_key,
});

@Injectable()
export class AuditSubjectKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findForSubject(
    tx: Tx,
    tenantId: string,
    subjectType: string,
    subjectId: string,
  ): Promise<StoredSubjectKey | null> {
    const rows = await preparedQuery<KeyRow>(
      tx,
      'verity_audit_subject_key_find',
      `SELECT id, subject_type, subject_id, master_key_id, wrapped_key FROM audit_subject_keys
        WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3`,
      [tenantId, subjectType, subjectId],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /**
   * Stores a new key unless the subject already has one (a concurrent first entry about the same subject): returns
   * the new row's id, or null when the other transaction's key stands and must be read instead.
   */
  async insertIfAbsent(
    tx: Tx,
    tenantId: string,
    key: { subjectType: string; subjectId: string; masterKeyId: string; wrappedKey: Buffer },
  ): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO audit_subject_keys (tenant_id, subject_type, subject_id, master_key_id, wrapped_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [tenantId, key.subjectType, key.subjectId, key.masterKeyId, key.wrappedKey],
    );
    return rows[0]?.id ?? null;
  }

  /** The keys among `ids` that still exist (erased ones are simply absent). */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<StoredSubjectKey[]> {
    if (ids.length === 0) return [];
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT id, subject_type, subject_id, master_key_id, wrapped_key FROM audit_subject_keys
        WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    return rows.map(toStored);
  }

  /** Crypto-shredding: the subject's key is gone, and with it every payload it sealed. Returns the deleted key's id. */
  async deleteForSubject(tx: Tx, tenantId: string, subjectType: string, subjectId: string): Promise<string | null> {
    // node-postgres through TypeORM answers a DELETE with [rows, affected count].
    const [rows]: [{ id: string }[], number] = await tx.query(
      `DELETE FROM audit_subject_keys WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 RETURNING id`,
      [tenantId, subjectType, subjectId],
    );
    return rows[0]?.id ?? null;
  }
}
