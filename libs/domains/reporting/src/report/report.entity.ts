import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportDocument, ReportFormat, ReportKind } from '../document/report.document.js';

export const REPORT_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'submitted',
  'acknowledged',
  'rejected',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_AMENDMENT_KINDS = ['correction', 'amendment'] as const;
export type ReportAmendmentKind = (typeof REPORT_AMENDMENT_KINDS)[number];

/** The editable part of a report document: everything but what Verity fills in when it renders (ids, institution, evidence). */
export type ReportDraftContent = Pick<
  ReportDocument,
  'jurisdiction' | 'localCurrency' | 'activity' | 'parties' | 'accounts' | 'transactions' | 'reason' | 'action'
> & { readonly caseReference?: string };

/**
 * One regulator report (STR, SAR or CTR): its editable content while a draft, then approved (four-eyes), generated,
 * filed and acknowledged or rejected by the FIU. Corrections and amendments are new reports linked to the original.
 */
@Entity({ name: 'reports' })
@Check('CHK_reports_kind', `"kind" IN ('STR', 'SAR', 'CTR')`)
@Check(
  'CHK_reports_status',
  `"status" IN ('draft', 'pending_approval', 'approved', 'submitted', 'acknowledged', 'rejected')`,
)
@Check('CHK_reports_amendment_kind', `"amendment_kind" IS NULL OR "amendment_kind" IN ('correction', 'amendment')`)
@Index('reports_tenant_reference', ['tenantId', 'reference'], { unique: true })
@Index('reports_tenant_created', ['tenantId', 'createdAt'])
@Index('reports_tenant_case', ['tenantId', 'caseId'])
@Index('reports_tenant_ctr_key', ['tenantId', 'ctrKey'], { unique: true, where: '"ctr_key" IS NOT NULL' })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** `RPT-<yyyy>-<6 digits>`, per tenant. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  kind: ReportKind;

  @Column({ type: 'text', array: true })
  formats: ReportFormat[];

  @Column({ type: 'text', default: 'draft' })
  status: ReportStatus;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'amends_report_id', type: 'uuid', nullable: true })
  amendsReportId: string | null;

  @Column({ name: 'amendment_kind', type: 'text', nullable: true })
  amendmentKind: ReportAmendmentKind | null;

  /** CTR only: `<customer id>|<business day>`, so one CTR per person and day. */
  @Column({ name: 'ctr_key', type: 'text', nullable: true })
  ctrKey: string | null;

  @Column({ type: 'jsonb' })
  document: ReportDraftContent;

  @Column({ type: 'text', default: '' })
  narrative: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'determined_at', type: 'timestamptz', nullable: true })
  determinedAt: Date | null;

  @Column({ name: 'approval_request_id', type: 'uuid', nullable: true })
  approvalRequestId: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** What the FIU calls it: the FinCEN BSA ID or the goAML reference. */
  @Column({ name: 'filed_reference', type: 'text', nullable: true })
  filedReference: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;
}
