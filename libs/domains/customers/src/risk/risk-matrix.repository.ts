import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { RiskMatrixDefinition } from './risk-matrix.definition.js';
import { RiskMatrixEntity } from './risk-matrix.entity.js';

@Injectable()
export class RiskMatrixRepository {
  findActive(tx: Tx, tenantId: string): Promise<RiskMatrixEntity | null> {
    return tx.findOneBy(RiskMatrixEntity, { tenantId, status: 'active' });
  }

  /** Inserts version 1 as active unless the tenant has a matrix already (a concurrent seed wins). */
  async insertDefaultIfAbsent(tx: Tx, tenantId: string, definition: RiskMatrixDefinition): Promise<void> {
    await tx.query(
      `INSERT INTO risk_matrices (tenant_id, version, status, definition, activated_at)
       VALUES ($1, 1, 'active', $2, now())
       ON CONFLICT DO NOTHING`,
      [tenantId, JSON.stringify(definition)],
    );
  }

  findDraft(tx: Tx, tenantId: string): Promise<RiskMatrixEntity | null> {
    return tx.findOneBy(RiskMatrixEntity, { tenantId, status: 'draft' });
  }

  findDraftForUpdate(tx: Tx, tenantId: string): Promise<RiskMatrixEntity | null> {
    return tx
      .createQueryBuilder(RiskMatrixEntity, 'm')
      .setLock('pessimistic_write')
      .where(`m.tenantId = :tenantId AND m.status = 'draft'`, { tenantId })
      .getOne();
  }

  findByVersion(tx: Tx, tenantId: string, version: number): Promise<RiskMatrixEntity | null> {
    return tx.findOneBy(RiskMatrixEntity, { tenantId, version });
  }

  list(tx: Tx, tenantId: string): Promise<RiskMatrixEntity[]> {
    return tx.find(RiskMatrixEntity, { where: { tenantId }, order: { version: 'DESC' } });
  }

  async nextVersion(tx: Tx, tenantId: string): Promise<number> {
    const rows: { next: number }[] = await tx.query(
      `SELECT COALESCE(MAX(version), 0) + 1 AS next FROM risk_matrices WHERE tenant_id = $1`,
      [tenantId],
    );
    return Number(rows[0]?.next ?? 1);
  }

  async insertDraft(
    tx: Tx,
    draft: { tenantId: string; version: number; definition: RiskMatrixDefinition; createdBy: string | null },
  ): Promise<RiskMatrixEntity> {
    return tx.save(tx.create(RiskMatrixEntity, { ...draft, status: 'draft' }));
  }

  async updateDraft(
    tx: Tx,
    tenantId: string,
    id: string,
    definition: RiskMatrixDefinition,
    by: string | null,
  ): Promise<void> {
    await tx.update(
      RiskMatrixEntity,
      { tenantId, id, status: 'draft' },
      { definition, createdBy: by, updatedAt: () => 'now()' },
    );
  }

  /** Retires the active version and activates the draft `id` (the caller holds the draft's lock). */
  async activate(
    tx: Tx,
    tenantId: string,
    id: string,
    approval: { approvedBy: string; approvalRequestId: string },
  ): Promise<void> {
    await tx.query(`UPDATE risk_matrices SET status = 'retired' WHERE tenant_id = $1 AND status = 'active'`, [
      tenantId,
    ]);
    await tx.query(
      `UPDATE risk_matrices SET status = 'active', activated_at = now(), approved_by = $3, approval_request_id = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'draft'`,
      [tenantId, id, approval.approvedBy, approval.approvalRequestId],
    );
  }
}
