import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionReason } from '../transaction/transaction.entity.js';

export const ALERT_STATUSES = ['open', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertDisposition = 'true_positive' | 'false_positive';

/**
 * Raised for every transaction decided `review` or `block`, in the decision's transaction: the analysts' queues (the
 * cases domain) start here. `disposition` is set when an analyst closes it; backtests compare against it.
 */
@Entity({ name: 'monitoring_alerts' })
@Check('CHK_monitoring_alerts_decision', `"decision" IN ('review', 'block')`)
@Check('CHK_monitoring_alerts_status', `"status" IN ('open', 'closed')`)
@Check(
  'CHK_monitoring_alerts_disposition',
  `"disposition" IS NULL OR "disposition" IN ('true_positive', 'false_positive')`,
)
@Index('monitoring_alerts_tenant_disposed', ['tenantId', 'disposedAt'], { where: `"disposed_at" IS NOT NULL` })
@Index('monitoring_alerts_tenant_status_created', ['tenantId', 'status', 'createdAt'])
@Index('monitoring_alerts_transaction', ['tenantId', 'transactionId'], { unique: true })
@Index('monitoring_alerts_tenant_created', ['tenantId', 'createdAt'])
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId: string;

  @Column({ type: 'text' })
  decision: 'review' | 'block';

  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'jsonb' })
  reasons: DecisionReason[];

  @Column({ type: 'text', default: 'open' })
  status: AlertStatus;

  @Column({ type: 'text', nullable: true })
  disposition: AlertDisposition | null;

  /** When the disposition was recorded (the analyst's decision in the cases domain's queue). */
  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
