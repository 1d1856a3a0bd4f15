import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BacktestResult } from './backtest.result.js';

export const BACKTEST_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type BacktestStatus = (typeof BACKTEST_STATUSES)[number];

/**
 * A replay of stored transactions through a draft rule set next to the published one, run on the monitoring queue;
 * `processed`/`total` report progress while it runs and `result` holds the comparison once completed.
 */
@Entity({ name: 'monitoring_backtests' })
@Check('CHK_monitoring_backtests_status', `"status" IN ('queued', 'running', 'completed', 'failed')`)
@Index('monitoring_backtests_tenant_created', ['tenantId', 'createdAt'])
export class BacktestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'rule_set_id', type: 'uuid' })
  ruleSetId: string;

  @Column({ name: 'shadow_model_id', type: 'uuid', nullable: true })
  shadowModelId: string | null;

  @Column({ name: 'from_at', type: 'timestamptz' })
  from: Date;

  @Column({ name: 'to_at', type: 'timestamptz' })
  to: Date;

  @Column({ type: 'text', default: 'queued' })
  status: BacktestStatus;

  @Column({ type: 'integer', default: 0 })
  processed: number;

  /** Known once the run starts counting the transactions in the window. */
  @Column({ type: 'integer', nullable: true })
  total: number | null;

  @Column({ type: 'jsonb', nullable: true })
  result: BacktestResult | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
