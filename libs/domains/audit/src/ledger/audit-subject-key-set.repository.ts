import { Injectable } from '@nestjs/common';
import { preparedQuery, type Tx } from '@platform/database';
import { toStored, type KeyRow, type StoredSubjectKey } from '../erasure/audit-subject-key.repository.js';

export type NewSubjectKeyRow = Omit<StoredSubjectKey, 'id'>;

/**
 * AuditSubjectKeyRepository's lookup and insert-if-absent for many subjects of one tenant at once: what
 * AuditLedger.recordMany needs to seal a batch of entries in two or three statements whatever the number of subjects.
 */
@Injectable()
export class AuditSubjectKeySetRepository {
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
  async insertIfAbsent(tx: Tx, tenantId: string, keys: readonly NewSubjectKeyRow[]): Promise<StoredSubjectKey[]> {
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
}
