import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REPORT_NOTICE_KINDS = ['reminder', 'overdue', 'continuing_activity_due'] as const;
export type ReportNoticeKind = (typeof REPORT_NOTICE_KINDS)[number];

/** A reminder or overdue notice the deadline scan sent for a case's report (once per case, kind and due date). */
@Entity({ name: 'report_deadline_notices' })
@Check('CHK_report_deadline_notices_kind', `"kind" IN ('reminder', 'overdue', 'continuing_activity_due')`)
@Index('report_deadline_notices_once', ['tenantId', 'caseId', 'kind', 'dueAt'], { unique: true })
export class ReportDeadlineNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  kind: ReportNoticeKind;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
