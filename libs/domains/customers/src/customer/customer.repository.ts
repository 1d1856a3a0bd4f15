import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { KycStatus } from '../lifecycle/kyc.lifecycle.js';
import { CustomerEntity } from './customer.entity.js';

export type NewCustomer = Omit<CustomerEntity, 'id' | 'createdAt' | 'updatedAt'>;

export interface CustomerListFilter {
  readonly status?: KycStatus;
  readonly rating?: CustomerEntity['riskRating'];
  /** Case-insensitive substring of the name, native name or external reference. */
  readonly search?: string;
  readonly kycRequired?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** Customers of one tenant; every method takes the transaction and the tenant. */
@Injectable()
export class CustomerRepository {
  async insert(tx: Tx, customer: NewCustomer): Promise<CustomerEntity> {
    return tx.save(tx.create(CustomerEntity, customer));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<CustomerEntity | null> {
    return tx.findOneBy(CustomerEntity, { tenantId, id });
  }

  /** The customer, locked until the transaction ends: lifecycle moves and profile changes are serialised. */
  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<CustomerEntity | null> {
    return tx
      .createQueryBuilder(CustomerEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.tenantId = :tenantId AND c.id = :id', { tenantId, id })
      .getOne();
  }

  findByExternalRef(tx: Tx, tenantId: string, externalRef: string): Promise<CustomerEntity | null> {
    return tx.findOneBy(CustomerEntity, { tenantId, externalRef });
  }

  async update(tx: Tx, tenantId: string, id: string, changes: Partial<NewCustomer>): Promise<void> {
    await tx.update(CustomerEntity, { tenantId, id }, { ...changes, updatedAt: () => 'now()' });
  }

  async list(
    tx: Tx,
    tenantId: string,
    filter: CustomerListFilter,
  ): Promise<{ items: CustomerEntity[]; total: number }> {
    const query = tx
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.tenantId = :tenantId', { tenantId })
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.status) query.andWhere('c.kycStatus = :status', { status: filter.status });
    if (filter.rating) query.andWhere('c.riskRating = :rating', { rating: filter.rating });
    if (filter.kycRequired !== undefined) query.andWhere('c.kycRequired = :kycRequired', filter);
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query.andWhere('(c.fullName ILIKE :pattern OR c.nativeName ILIKE :pattern OR c.externalRef ILIKE :pattern)', {
        pattern,
      });
    }
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  /** Approved customers whose next review is due by `now` (and without an open review task), oldest due first. */
  async findDueForReview(tx: Tx, tenantId: string, now: Date, limit: number): Promise<CustomerEntity[]> {
    return tx
      .createQueryBuilder(CustomerEntity, 'c')
      .where(`c.tenantId = :tenantId AND c.kycStatus = 'approved' AND c.nextReviewAt <= :now`, { tenantId, now })
      .orderBy('c.nextReviewAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Ids of every customer of the tenant that is not exited (for re-rating after a matrix change). */
  async listActiveIds(tx: Tx, tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM customers WHERE tenant_id = $1 AND kyc_status <> 'exited' ORDER BY id`,
      [tenantId],
    );
    return rows.map((r) => r.id);
  }
}
