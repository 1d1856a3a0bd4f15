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

interface KeyRow {
  id: string;
  subject_type: string;
  subject_id: string;
  master_key_id: string;
  wrapped_key: Buffer;
}

const toStored = (row: KeyRow): StoredSubjectKey => ({
  id: row.id,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  masterKeyId: row.master_key_id,
  wrappedKey: row.wrapped_key,
});

@Injectable()
export class AuditSubjectKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The keys that exist among the subjects given (a subject without a key is simply absent). */
  async findForSubjects(
    tx: Tx,
    tenantId: string,
    subjects: readonly { subjectType: string; subjectId: string }[],
  ): Promise<StoredSubjectKey[]> {
    if (subjects.length === 0) return [];
    const rows = await preparedQuery<KeyRow>(
      tx,
      'verity_audit_subject_keys_find_many',
      `SELECT k.id, k.subject_type, k.subject_id, k.master_key_id, k.wrapped_key
         FROM unnest($2::text[], $3::text[]) AS s(subject_type, subject_id)
         JOIN audit_subject_keys k
           ON k.tenant_id = $1 AND k.subject_type = s.subject_type AND k.subject_id = s.subject_id`,
      [tenantId, subjects.map((s) => s.subjectType), subjects.map((s) => s.subjectId)],
    );
    return rows.map(toStored);
  }

  /**
   * Stores new keys for subjects that have none; answers the rows this call inserted. A subject missing from the
   * answer got its key from a concurrent transaction (ON CONFLICT waited for it), which must be read instead.
   */
  async insertIfAbsent(
    tx: Tx,
    tenantId: string,
    keys: readonly Omit<StoredSubjectKey, 'id'>[],
  ): Promise<StoredSubjectKey[]> {
    if (keys.length === 0) return [];
    const rows: KeyRow[] = await tx.query(
      `INSERT INTO audit_subject_keys (tenant_id, subject_type, subject_id, master_key_id, wrapped_key)
       SELECT $1, k.subject_type, k.subject_id, k.master_key_id, decode(k.wrapped_key, 'hex')
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS k(subject_type, subject_id, master_key_id, wrapped_key)
       ON CONFLICT DO NOTHING
       RETURNING id, subject_type, subject_id, master_key_id, wrapped_key`,
      [
        tenantId,
        keys.map((k) => k.subjectType),
        keys.map((k) => k.subjectId),
        keys.map((k) => k.masterKeyId),
        keys.map((k) => k.wrappedKey.toString('hex')),
      ],
    );
    return rows.map(toStored);
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
