import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import { ApiKeyEntity } from './api-key.entity.js';

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    key: Pick<ApiKeyEntity, 'tenantId' | 'name' | 'role' | 'prefix' | 'secretHash' | 'createdBy'> &
      Partial<Pick<ApiKeyEntity, 'rateLimitPerMinute'>>,
  ): Promise<ApiKeyEntity> {
    return tx.save(tx.create(ApiKeyEntity, key));
  }

  /**
   * The tenant of the key with this prefix (revoked or not), before any tenant is known: the prefix is what identifies
   * the tenant. A SECURITY DEFINER function, since row-level security hides every key until the tenant is set.
   */
  async tenantOfPrefix(prefix: string): Promise<string | null> {
    const rows: { tenant_id: string | null }[] = await this.dataSource.query(
      'SELECT verity_api_key_tenant($1) AS tenant_id',
      [prefix],
    );
    return rows[0]?.tenant_id ?? null;
  }

  /** The key with this prefix, unless revoked, among the keys of the transaction's tenant. */
  findActiveByPrefix(tx: Tx, prefix: string): Promise<ApiKeyEntity | null> {
    return tx
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where('k.prefix = :prefix AND k.revokedAt IS NULL', { prefix })
      .getOne();
  }

  findByTenant(tx: Tx, tenantId: string): Promise<ApiKeyEntity[]> {
    return tx.find(ApiKeyEntity, { where: { tenantId }, order: { createdAt: 'DESC' } });
  }

  /** Marks the key used, at most once a minute, so busy integrations do not write on every request. */
  async touch(tx: Tx, id: string): Promise<void> {
    await tx.query(
      `UPDATE identity_api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  async revoke(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id AND revoked_at IS NULL', { tenantId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
