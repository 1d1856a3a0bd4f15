import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { CustomerReviewEntity, type ReviewStatus } from './customer-review.entity.js';

@Injectable()
export class CustomerReviewRepository {
  /** Opens a review unless the customer has an open one; answers the new review's id or null. */
  async openIfNone(
    tx: Tx,
    review: { tenantId: string; customerId: string; reason: string; dueAt: Date },
  ): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO customer_reviews (tenant_id, customer_id, reason, due_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, customer_id) WHERE status = 'open' DO NOTHING
       RETURNING id`,
      [review.tenantId, review.customerId, review.reason, review.dueAt],
    );
    return rows[0]?.id ?? null;
  }

  findOpenForCustomer(tx: Tx, tenantId: string, customerId: string): Promise<CustomerReviewEntity | null> {
    return tx.findOneBy(CustomerReviewEntity, { tenantId, customerId, status: 'open' });
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<CustomerReviewEntity | null> {
    return tx.findOneBy(CustomerReviewEntity, { tenantId, id });
  }

  async close(tx: Tx, tenantId: string, id: string, closing: { by: string | null; outcome: string }): Promise<void> {
    await tx.update(
      CustomerReviewEntity,
      { tenantId, id, status: 'open' },
      { status: 'done', completedAt: new Date(), completedBy: closing.by, outcome: closing.outcome },
    );
  }

  async assign(tx: Tx, tenantId: string, id: string, assignee: string | null): Promise<void> {
    await tx.update(CustomerReviewEntity, { tenantId, id }, { assignee });
  }

  list(tx: Tx, tenantId: string, filter: { status?: ReviewStatus; limit: number }): Promise<CustomerReviewEntity[]> {
    return tx.find(CustomerReviewEntity, {
      where: { tenantId, ...(filter.status ? { status: filter.status } : {}) },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: filter.limit,
    });
  }
}
