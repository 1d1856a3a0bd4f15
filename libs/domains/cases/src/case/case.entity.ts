import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CASE_STATUSES = ['open', 'investigating', 'pending_approval', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const CASE_DISPOSITIONS = ['no_report_needed', 'sar_needed'] as const;
export type CaseDisposition = (typeof CASE_DISPOSITIONS)[number];

/**
 * An investigation: alerts escalated into it, its subjects and transactions, notes, attachments, and its four-eyes
 * closure. A `sar_needed` closure starts the regulatory clock (`determined_at` → `report_due_at`).
 */
@Entity({ name: 'cases' })
@Check('CHK_cases_status', `"status" IN ('open', 'investigating', 'pending_approval', 'closed')`)
@Check('CHK_cases_priority', `"priority" IN ('critical', 'high', 'medium', 'low')`)
@Check('CHK_cases_close_disposition', `"close_disposition" IN ('no_report_needed', 'sar_needed')`)
@Index('cases_tenant_reference', ['tenantId', 'reference'], { unique: true })
@Index('cases_tenant_status', ['tenantId', 'status'])
@Index('cases_tenant_report_due', ['tenantId', 'reportDueAt'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Per tenant and year, `CASE-2026-000123`. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'open' })
  status: CaseStatus;

  @Column({ type: 'text', default: 'medium' })
  priority: CasePriority;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'close_disposition', type: 'text', nullable: true })
  closeDisposition: CaseDisposition | null;

  @Column({ name: 'close_summary', type: 'text', nullable: true })
  closeSummary: string | null;

  @Column({ type: 'text', nullable: true })
  jurisdiction: string | null;

  @Column({ name: 'suspect_identified', type: 'boolean', nullable: true })
  suspectIdentified: boolean | null;

  @Column({ name: 'close_requested_by', type: 'uuid', nullable: true })
  closeRequestedBy: string | null;

  @Column({ name: 'close_requested_at', type: 'timestamptz', nullable: true })
  closeRequestedAt: Date | null;

  @Column({ name: 'approval_request_id', type: 'uuid', nullable: true })
  approvalRequestId: string | null;

  /** The approver of the closure (the second person). */
  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'determined_at', type: 'timestamptz', nullable: true })
  determinedAt: Date | null;

  @Column({ name: 'report_due_at', type: 'timestamptz', nullable: true })
  reportDueAt: Date | null;

  @Column({ name: 'reminder_raised_at', type: 'timestamptz', nullable: true })
  reminderRaisedAt: Date | null;

  @Column({ name: 'overdue_raised_at', type: 'timestamptz', nullable: true })
  overdueRaisedAt: Date | null;
}
