import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { ScreeningHitEntity, type HitStatus } from './screening-hit.entity.js';

export type NewScreeningHit = Omit<
  ScreeningHitEntity,
  'id' | 'status' | 'adjudicationReason' | 'adjudicatedBy' | 'adjudicatedAt' | 'createdAt'
>;

export interface HitListFilter {
  readonly status?: HitStatus;
  readonly subjectKind?: string;
  readonly customerId?: string;
  readonly subjectId?: string;
  readonly limit: number;
}

/** Screening hits; every method takes the transaction and the tenant. */
@Injectable()
export class ScreeningHitRepository {
  ofSubject(tx: Tx, tenantId: string, subjectRef: string): Promise<ScreeningHitEntity[]> {
    return tx.find(ScreeningHitEntity, { where: { tenantId, subjectRef }, order: { createdAt: 'ASC' } });
  }

  /**
   * Opens a hit; false when an open hit for the same subject and entry exists already (a concurrent screening of the
   * subject got there first), so the caller's transaction is never aborted by the one-open-hit index.
   */
  async insert(tx: Tx, hit: NewScreeningHit): Promise<boolean> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(ScreeningHitEntity)
      .values({ ...hit, status: 'open' })
      .orIgnore()
      .execute();
    return inserted.identifiers.length > 0 && inserted.identifiers[0] !== undefined;
  }

  /** Refreshes an open hit with the latest score and explanation (same subject and entry, found again). */
  async refreshOpen(
    tx: Tx,
    tenantId: string,
    id: string,
    changes: Pick<
      ScreeningHitEntity,
      'score' | 'explanation' | 'matchedName' | 'entryName' | 'versionId' | 'entryHash' | 'subjectHash'
    >,
  ): Promise<void> {
    await tx.update(ScreeningHitEntity, { tenantId, id, status: 'open' }, changes);
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<ScreeningHitEntity | null> {
    return tx.findOneBy(ScreeningHitEntity, { tenantId, id });
  }

  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<ScreeningHitEntity | null> {
    return tx
      .createQueryBuilder(ScreeningHitEntity, 'h')
      .setLock('pessimistic_write')
      .where('h.tenantId = :tenantId AND h.id = :id', { tenantId, id })
      .getOne();
  }

  async adjudicate(
    tx: Tx,
    tenantId: string,
    id: string,
    decision: { status: Exclude<HitStatus, 'open'>; reason: string; by: string },
  ): Promise<void> {
    await tx.update(
      ScreeningHitEntity,
      { tenantId, id, status: 'open' },
      {
        status: decision.status,
        adjudicationReason: decision.reason,
        adjudicatedBy: decision.by,
        adjudicatedAt: new Date(),
      },
    );
  }

  /**
   * Hits created at or after `since`, in (created_at to the millisecond, id) order, those at exactly `since` only
   * after `afterId` (the cases intake pages on with its last item's createdAt and id).
   */
  createdSince(tx: Tx, tenantId: string, since: Date, afterId: string, limit: number): Promise<ScreeningHitEntity[]> {
    return tx
      .createQueryBuilder(ScreeningHitEntity, 'h')
      .where('h.tenant_id = :tenantId AND h.created_at >= :since', { tenantId, since })
      .andWhere(`(date_trunc('milliseconds', h.created_at), h.id) > (:since, :afterId::uuid)`, { afterId })
      .orderBy(`date_trunc('milliseconds', h.created_at)`, 'ASC')
      .addOrderBy('h.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Hits adjudicated at or after `since`, in (adjudicated_at to the millisecond, id) order, after `afterId`. */
  adjudicatedSince(
    tx: Tx,
    tenantId: string,
    since: Date,
    afterId: string,
    limit: number,
  ): Promise<ScreeningHitEntity[]> {
    return tx
      .createQueryBuilder(ScreeningHitEntity, 'h')
      .where(`h.tenant_id = :tenantId AND h.adjudicated_at >= :since AND h.status <> 'open'`, { tenantId, since })
      .andWhere(`(date_trunc('milliseconds', h.adjudicated_at), h.id) > (:since, :afterId::uuid)`, { afterId })
      .orderBy(`date_trunc('milliseconds', h.adjudicated_at)`, 'ASC')
      .addOrderBy('h.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The screened name of each given subject (by subject ref) that exists. */
  async subjectNames(tx: Tx, tenantId: string, subjectRefs: readonly string[]): Promise<Map<string, string>> {
    if (subjectRefs.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await tx.query(
      `SELECT id, snapshot->>'name' AS name FROM screening_subjects WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, subjectRefs],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  list(tx: Tx, tenantId: string, filter: HitListFilter): Promise<ScreeningHitEntity[]> {
    const query = tx
      .createQueryBuilder(ScreeningHitEntity, 'h')
      .where('h.tenantId = :tenantId', { tenantId })
      .orderBy('h.score', 'DESC')
      .addOrderBy('h.createdAt', 'DESC')
      .limit(filter.limit);
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    if (filter.subjectKind) query.andWhere('h.subjectKind = :kind', { kind: filter.subjectKind });
    if (filter.customerId) query.andWhere('h.customerId = :customerId', { customerId: filter.customerId });
    if (filter.subjectId) query.andWhere('h.subjectId = :subjectId', { subjectId: filter.subjectId });
    return query.getMany();
  }

  /** List source, score and decision of every adjudicated hit (the tuning report's labelled pairs). */
  async adjudicated(tx: Tx, tenantId: string): Promise<{ listSource: string; score: number; truth: boolean }[]> {
    const rows = await tx.query<{ list_source: string; score: number; status: HitStatus }[]>(
      `SELECT list_source, score, status FROM screening_hits
        WHERE tenant_id = $1 AND status IN ('true_match', 'false_positive')`,
      [tenantId],
    );
    return rows.map((r) => ({ listSource: r.list_source, score: Number(r.score), truth: r.status === 'true_match' }));
  }

  /** The stored entry a hit points at (for showing it side by side with the subject). */
  async entryRecord(tx: Tx, tenantId: string, versionId: string, externalId: string): Promise<unknown> {
    const [row] = await tx.query<{ record: unknown }[]>(
      `SELECT record FROM screening_list_entries WHERE tenant_id = $1 AND version_id = $2 AND external_id = $3`,
      [tenantId, versionId, externalId],
    );
    return row?.record ?? null;
  }
}
