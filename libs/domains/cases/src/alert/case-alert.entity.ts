import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertDisposition, AlertPriority, AlertStatus, AlertSubjectType, AlertType } from './alert.types.js';

/** An item in an analysts' queue, raised from one source item (a monitoring alert, a screening hit, a KYC review). */
@Entity({ name: 'case_alerts' })
@Check('CHK_case_alerts_type', `"type" IN ('transaction', 'screening_hit', 'kyc_review', 'case_deadline')`)
@Check('CHK_case_alerts_subject_type', `"subject_type" IN ('customer', 'counterparty', 'account', 'case')`)
@Check('CHK_case_alerts_priority', `"priority" IN ('critical', 'high', 'medium', 'low')`)
@Check('CHK_case_alerts_status', `"status" IN ('open', 'claimed', 'closed', 'escalated')`)
@Check('CHK_case_alerts_disposition', `"disposition" IS NULL OR "disposition" IN ('true_positive', 'false_positive')`)
@Index('case_alerts_tenant_reference', ['tenantId', 'reference'], { unique: true })
@Index('case_alerts_tenant_source', ['tenantId', 'type', 'sourceId'], { unique: true })
@Index('case_alerts_queue_listing', ['tenantId', 'queueId', 'status', 'priorityRank', 'slaDueAt'])
@Index('case_alerts_tenant_status_due', ['tenantId', 'status', 'slaDueAt'])
@Index('case_alerts_tenant_assignee', ['tenantId', 'assigneeId', 'status'])
@Index('case_alerts_tenant_subject', ['tenantId', 'subjectType', 'subjectId'])
@Index('case_alerts_tenant_customer', ['tenantId', 'customerId'])
export class CaseAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Per-tenant human reference, `ALR-000001`. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  type: AlertType;

  /** The source item's id: monitoring alert id, screening hit id, customer review id. */
  @Column({ name: 'source_id', type: 'text' })
  sourceId: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: AlertSubjectType;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ name: 'subject_label', type: 'text' })
  subjectLabel: string;

  /**
   * The customer as the source gives it: for transaction alerts the provider's customer id from the ingested
   * transaction (`customer_id` of monitoring_transactions); for screening hits and KYC reviews the Verity customer id.
   */
  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ name: 'transaction_id', type: 'uuid', nullable: true })
  transactionId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  priority: AlertPriority;

  /** 0 critical … 3 low (sorts the most urgent first). */
  @Column({ name: 'priority_rank', type: 'smallint' })
  priorityRank: number;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  /** The source's evidence: decision, reasons and contributions / hit explanation / review. */
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'queue_id', type: 'uuid' })
  queueId: string;

  @Column({ type: 'text', default: 'open' })
  status: AlertStatus;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @Column({ name: 'sla_due_at', type: 'timestamptz' })
  slaDueAt: Date;

  @Column({ name: 'sla_breached_at', type: 'timestamptz', nullable: true })
  slaBreachedAt: Date | null;

  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel: number;

  @Column({ type: 'text', nullable: true })
  disposition: AlertDisposition | null;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ name: 'disposition_note', type: 'text', nullable: true })
  dispositionNote: string | null;

  @Column({ name: 'disposed_by', type: 'uuid', nullable: true })
  disposedBy: string | null;

  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt: Date | null;

  /** The case it was escalated into. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
