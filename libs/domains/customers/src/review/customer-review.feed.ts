import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { CustomerType } from '../customer/customer.entity.js';
import type { ReviewStatus } from './customer-review.entity.js';

/** A KYC review task with its customer's name and risk (the cases domain's intake reads these). */
export interface CustomerReviewFeedItem {
  readonly reviewId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly customerType: CustomerType;
  readonly riskRating: 'unrated' | 'low' | 'medium' | 'high';
  readonly kycStatus: string;
  readonly reason: string;
  readonly dueAt: Date;
  readonly status: ReviewStatus;
  /** `approved`, `rejected` or `exited` once done. */
  readonly outcome: string | null;
  readonly completedAt: Date | null;
  readonly createdAt: Date;
}

/** What queue routing needs to know of a customer: its segment inputs and a label. */
export interface CustomerProfileSummary {
  readonly customerId: string;
  readonly name: string;
  readonly type: CustomerType;
  readonly riskRating: 'unrated' | 'low' | 'medium' | 'high';
}

interface ReviewRow {
  id: string;
  customer_id: string;
  full_name: string;
  type: CustomerType;
  risk_rating: CustomerReviewFeedItem['riskRating'];
  kyc_status: string;
  reason: string;
  due_at: Date;
  status: ReviewStatus;
  outcome: string | null;
  completed_at: Date | null;
  created_at: Date;
}

/** Below every generated id: `since` without an `afterId` starts at the first row of its instant. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const REVIEW_SELECT = `SELECT r.id, r.customer_id, c.full_name, c.type, c.risk_rating, c.kyc_status, r.reason, r.due_at,
       r.status, r.outcome, r.completed_at, r.created_at
  FROM customer_reviews r JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id`;

function toItem(r: ReviewRow): CustomerReviewFeedItem {
  return {
    reviewId: r.id,
    customerId: r.customer_id,
    customerName: r.full_name,
    customerType: r.type,
    riskRating: r.risk_rating,
    kycStatus: r.kyc_status,
    reason: r.reason,
    dueAt: r.due_at,
    status: r.status,
    outcome: r.outcome,
    completedAt: r.completed_at,
    createdAt: r.created_at,
  };
}

/** Read-only access to KYC review tasks and customer profiles for the analysts' queues (in the caller's transaction). */
@Injectable()
export class CustomerReviewFeed {
  /**
   * Reviews created at or after `since`, in (created_at to the millisecond, id) order; with `afterId`, those at exactly
   * `since` come only after that id, so a reader pages on with the last item's (createdAt, reviewId).
   */
  async since(
    tx: Tx,
    tenantId: string,
    since: Date,
    limit: number,
    afterId: string = NIL_UUID,
  ): Promise<CustomerReviewFeedItem[]> {
    const rows: ReviewRow[] = await tx.query(
      `${REVIEW_SELECT} WHERE r.tenant_id = $1 AND r.created_at >= $2
          AND (date_trunc('milliseconds', r.created_at), r.id) > ($2, $4::uuid)
        ORDER BY date_trunc('milliseconds', r.created_at), r.id LIMIT $3`,
      [tenantId, since, limit, afterId],
    );
    return rows.map(toItem);
  }

  /**
   * Reviews completed at or after `since`, in (completed_at to the millisecond, id) order, paged like `since`: the
   * cases domain's intake closes the queue alerts of these.
   */
  async doneSince(
    tx: Tx,
    tenantId: string,
    since: Date,
    limit: number,
    afterId: string = NIL_UUID,
  ): Promise<CustomerReviewFeedItem[]> {
    const rows: ReviewRow[] = await tx.query(
      `${REVIEW_SELECT} WHERE r.tenant_id = $1 AND r.completed_at >= $2 AND r.status = 'done'
          AND (date_trunc('milliseconds', r.completed_at), r.id) > ($2, $4::uuid)
        ORDER BY date_trunc('milliseconds', r.completed_at), r.id LIMIT $3`,
      [tenantId, since, limit, afterId],
    );
    return rows.map(toItem);
  }

  /** The profiles of the given customer ids that exist in the tenant (ids that are not uuids are skipped). */
  async profiles(tx: Tx, tenantId: string, customerIds: readonly string[]): Promise<CustomerProfileSummary[]> {
    const uuids = customerIds.filter((id) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
    );
    if (uuids.length === 0) return [];
    const rows: {
      id: string;
      full_name: string;
      type: CustomerType;
      risk_rating: CustomerProfileSummary['riskRating'];
    }[] = await tx.query(
      `SELECT id, full_name, type, risk_rating FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, uuids],
    );
    return rows.map((r) => ({ customerId: r.id, name: r.full_name, type: r.type, riskRating: r.risk_rating }));
  }
}
