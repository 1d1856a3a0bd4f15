import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { ScreeningSubjectEntity, type SubjectKind } from './screening-subject.entity.js';
import type { ScreeningSubjectInput } from './subject-screener.port.js';

/** Screened subjects' snapshots; every method takes the transaction and the tenant. */
@Injectable()
export class ScreeningSubjectRepository {
  /** Stores the snapshot (new or changed) and marks the subject screened now; returns the row id. */
  async upsert(
    tx: Tx,
    tenantId: string,
    subject: ScreeningSubjectInput,
    snapshotHash: string,
  ): Promise<ScreeningSubjectEntity> {
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO screening_subjects (tenant_id, kind, subject_id, customer_id, snapshot, snapshot_hash, last_screened_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (tenant_id, kind, subject_id) DO UPDATE
         SET customer_id = EXCLUDED.customer_id, snapshot = EXCLUDED.snapshot,
             snapshot_hash = EXCLUDED.snapshot_hash, last_screened_at = now()
       RETURNING id`,
      [tenantId, subject.kind, subject.subjectId, subject.customerId ?? null, subject, snapshotHash],
    );
    const stored = row ? await tx.findOneBy(ScreeningSubjectEntity, { tenantId, id: row.id }) : null;
    if (!stored) throw new Error('screening subject vanished after its upsert');
    return stored;
  }

  /** Subject ids of this kind among `subjectIds` screened at or after `since`. */
  async screenedSince(
    tx: Tx,
    tenantId: string,
    kind: SubjectKind,
    subjectIds: readonly string[],
    since: Date,
  ): Promise<string[]> {
    if (subjectIds.length === 0) return [];
    const rows = await tx.query<{ subject_id: string }[]>(
      `SELECT subject_id FROM screening_subjects
        WHERE tenant_id = $1 AND kind = $2 AND subject_id = ANY($3::text[]) AND last_screened_at >= $4`,
      [tenantId, kind, subjectIds, since],
    );
    return rows.map((r) => r.subject_id);
  }

  find(tx: Tx, tenantId: string, kind: SubjectKind, subjectId: string): Promise<ScreeningSubjectEntity | null> {
    return tx.findOneBy(ScreeningSubjectEntity, { tenantId, kind, subjectId });
  }

  /** The subject, locked until the transaction ends (screening and re-screening of one subject are serialised). */
  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<ScreeningSubjectEntity | null> {
    return tx
      .createQueryBuilder(ScreeningSubjectEntity, 's')
      .setLock('pessimistic_write')
      .where('s.tenantId = :tenantId AND s.id = :id', { tenantId, id })
      .getOne();
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<ScreeningSubjectEntity | null> {
    return tx.findOneBy(ScreeningSubjectEntity, { tenantId, id });
  }

  /**
   * A page of the subjects to re-screen, in id order after `afterId`: every customer and related party, and the
   * counterparties screened (seen) since `counterpartiesSince`.
   */
  page(
    tx: Tx,
    tenantId: string,
    afterId: string | null,
    counterpartiesSince: Date,
    limit: number,
  ): Promise<ScreeningSubjectEntity[]> {
    const query = tx
      .createQueryBuilder(ScreeningSubjectEntity, 's')
      .where('s.tenantId = :tenantId', { tenantId })
      .andWhere(`(s.kind <> 'counterparty' OR s.lastScreenedAt >= :since)`, { since: counterpartiesSince })
      .orderBy('s.id', 'ASC')
      .limit(limit);
    if (afterId) query.andWhere('s.id > :afterId', { afterId });
    return query.getMany();
  }

  async count(tx: Tx, tenantId: string, counterpartiesSince: Date): Promise<number> {
    return tx
      .createQueryBuilder(ScreeningSubjectEntity, 's')
      .where('s.tenantId = :tenantId', { tenantId })
      .andWhere(`(s.kind <> 'counterparty' OR s.lastScreenedAt >= :since)`, { since: counterpartiesSince })
      .getCount();
  }
}
