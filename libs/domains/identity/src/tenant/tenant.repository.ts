import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import { TenantEntity } from './tenant.entity.js';

@Injectable()
export class TenantRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findBySlug(slug: string): Promise<TenantEntity | null> {
    return this.dataSource.manager.findOneBy(TenantEntity, { slug });
  }

  findById(id: string): Promise<TenantEntity | null> {
    return this.dataSource.manager.findOneBy(TenantEntity, { id });
  }

  /** Every tenant's id (not tenant-scoped: jobs that work tenant by tenant start here). */
  async listIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM tenants ORDER BY created_at, id');
    return rows.map((r) => r.id);
  }

  count(): Promise<number> {
    return this.dataSource.manager.count(TenantEntity);
  }

  async create(tx: Tx, tenant: { slug: string; name: string }): Promise<TenantEntity> {
    return tx.save(tx.create(TenantEntity, tenant));
  }
}
