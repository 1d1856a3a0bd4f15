import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { RuleSetVersionEntity, type RuleSetStatus } from './rule-set-version.entity.js';

export type NewRuleSetVersion = Pick<
  RuleSetVersionEntity,
  'tenantId' | 'name' | 'document' | 'contentHash' | 'createdBy'
>;

/** Rule-set versions; every method takes the transaction and the tenant. */
@Injectable()
export class RuleSetVersionRepository {
  /** Inserts a draft with the tenant's next version number (serialised per tenant, so numbers never collide). */
  async insertDraft(tx: Tx, draft: NewRuleSetVersion): Promise<RuleSetVersionEntity> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`monitoring_rule_sets:${draft.tenantId}`]);
    const [row]: { next: number }[] = await tx.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM monitoring_rule_sets WHERE tenant_id = $1`,
      [draft.tenantId],
    );
    return tx.save(tx.create(RuleSetVersionEntity, { ...draft, version: row?.next ?? 1, status: 'draft' }));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<RuleSetVersionEntity | null> {
    return tx.findOneBy(RuleSetVersionEntity, { tenantId, id });
  }

  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<RuleSetVersionEntity | null> {
    return tx
      .createQueryBuilder(RuleSetVersionEntity, 'r')
      .setLock('pessimistic_write')
      .where('r.tenantId = :tenantId AND r.id = :id', { tenantId, id })
      .getOne();
  }

  findPublished(tx: Tx, tenantId: string): Promise<RuleSetVersionEntity | null> {
    return tx.findOneBy(RuleSetVersionEntity, { tenantId, status: 'published' });
  }

  findPublishedForUpdate(tx: Tx, tenantId: string): Promise<RuleSetVersionEntity | null> {
    return tx
      .createQueryBuilder(RuleSetVersionEntity, 'r')
      .setLock('pessimistic_write')
      .where(`r.tenantId = :tenantId AND r.status = 'published'`, { tenantId })
      .getOne();
  }

  list(tx: Tx, tenantId: string, status?: RuleSetStatus): Promise<RuleSetVersionEntity[]> {
    return tx.find(RuleSetVersionEntity, {
      where: status ? { tenantId, status } : { tenantId },
      order: { version: 'DESC' },
      take: 200,
    });
  }

  async updateDraft(
    tx: Tx,
    tenantId: string,
    id: string,
    change: Pick<RuleSetVersionEntity, 'name' | 'document' | 'contentHash'>,
  ): Promise<void> {
    await tx.update(RuleSetVersionEntity, { tenantId, id, status: 'draft' }, { ...change, updatedAt: new Date() });
  }

  async setStatus(
    tx: Tx,
    tenantId: string,
    id: string,
    change: Partial<
      Pick<RuleSetVersionEntity, 'status' | 'approvalRequestId' | 'publishedAt' | 'publishedBy' | 'retiredAt'>
    >,
  ): Promise<void> {
    await tx.update(RuleSetVersionEntity, { tenantId, id }, { ...change, updatedAt: new Date() });
  }
}
