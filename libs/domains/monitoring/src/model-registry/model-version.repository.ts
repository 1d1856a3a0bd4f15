import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Tx } from '@platform/database';
import { ModelVersionEntity, type ModelStatus } from './model-version.entity.js';

export type NewModelVersion = Pick<
  ModelVersionEntity,
  'tenantId' | 'name' | 'bytes' | 'sizeBytes' | 'sha256' | 'inspection' | 'evaluation' | 'createdBy'
>;

/** Model versions; `bytes` is loaded only by the methods that say so. */
@Injectable()
export class ModelVersionRepository {
  /** Inserts an uploaded model with the next version of its name (serialised per tenant and name). */
  async insert(tx: Tx, model: NewModelVersion): Promise<ModelVersionEntity> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `monitoring_models:${model.tenantId}:${model.name}`,
    ]);
    const [row]: { next: number }[] = await tx.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM monitoring_models WHERE tenant_id = $1 AND name = $2`,
      [model.tenantId, model.name],
    );
    const saved = await tx.save(
      tx.create(ModelVersionEntity, { ...model, version: row?.next ?? 1, status: 'uploaded' }),
    );
    return saved;
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<ModelVersionEntity | null> {
    return tx.findOneBy(ModelVersionEntity, { tenantId, id });
  }

  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<ModelVersionEntity | null> {
    return tx
      .createQueryBuilder(ModelVersionEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.tenantId = :tenantId AND m.id = :id', { tenantId, id })
      .getOne();
  }

  findChampionForUpdate(tx: Tx, tenantId: string): Promise<ModelVersionEntity | null> {
    return tx
      .createQueryBuilder(ModelVersionEntity, 'm')
      .setLock('pessimistic_write')
      .where(`m.tenantId = :tenantId AND m.status = 'champion'`, { tenantId })
      .getOne();
  }

  list(tx: Tx, tenantId: string): Promise<ModelVersionEntity[]> {
    return tx.find(ModelVersionEntity, { where: { tenantId }, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** The champion and shadow models with their bytes. */
  findActiveWithBytes(tx: Tx, tenantId: string): Promise<ModelVersionEntity[]> {
    return tx
      .createQueryBuilder(ModelVersionEntity, 'm')
      .addSelect('m.bytes')
      .where('m.tenantId = :tenantId', { tenantId })
      .andWhere({ status: In(['champion', 'shadow']) })
      .orderBy('m.status', 'ASC')
      .addOrderBy('m.createdAt', 'ASC')
      .getMany();
  }

  findWithBytes(tx: Tx, tenantId: string, id: string): Promise<ModelVersionEntity | null> {
    return tx
      .createQueryBuilder(ModelVersionEntity, 'm')
      .addSelect('m.bytes')
      .where('m.tenantId = :tenantId AND m.id = :id', { tenantId, id })
      .getOne();
  }

  async setStatus(
    tx: Tx,
    tenantId: string,
    id: string,
    change: { status?: ModelStatus; approvalRequestId?: string | null },
  ): Promise<void> {
    await tx.update(
      ModelVersionEntity,
      { tenantId, id },
      change.status ? { ...change, statusChangedAt: new Date() } : { ...change },
    );
  }
}
