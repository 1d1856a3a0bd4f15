import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REVIEW_STATUSES = ['open', 'done'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A periodic-review task: one open task per customer at a time (the job that opens them is idempotent). */
@Entity({ name: 'customer_reviews' })
@Check('CHK_customer_reviews_status', `"status" IN ('open', 'done')`)
@Index('customer_reviews_tenant_completed', ['tenantId', 'completedAt'], { where: `"completed_at" IS NOT NULL` })
@Index('customer_reviews_one_open', ['tenantId', 'customerId'], { unique: true, where: `"status" = 'open'` })
@Index('customer_reviews_tenant_status_due', ['tenantId', 'status', 'dueAt'])
export class CustomerReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  /** Why the review was opened: `periodic` (by the schedule) or `manual`. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'open' })
  status: ReviewStatus;

  @Column({ type: 'uuid', nullable: true })
  assignee: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  /** The decision that closed it: `approved`, `rejected` or `exited`. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;
}
