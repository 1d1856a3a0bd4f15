/**
 * Hand-written shapes of the case endpoints (libs/domains/cases/src/case/case.dto.ts), until apps/api/openapi.json is
 * regenerated with them.
 */
import type { AlertPriority, AlertType } from '../queues/queues.dto';

export const CASE_STATUSES = ['open', 'investigating', 'pending_approval', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CaseCloseDisposition = 'no_report_needed' | 'sar_needed';
export type CaseSubjectType = 'customer' | 'account' | 'counterparty';

export interface CaseSummaryDto {
  id: string;
  reference: string;
  title: string;
  status: CaseStatus;
  priority: AlertPriority;
  assigneeId: string | null;
  alertCount: number;
  subjectCount: number;
  transactionCount: number;
  noteCount: number;
  attachmentCount: number;
  reportDueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CasePageDto {
  items: CaseSummaryDto[];
  total: number;
}

export interface CaseDto {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  status: CaseStatus;
  priority: AlertPriority;
  assigneeId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closeDisposition: CaseCloseDisposition | null;
  closeSummary: string | null;
  jurisdiction: string | null;
  suspectIdentified: boolean | null;
  closeRequestedBy: string | null;
  closeRequestedAt: string | null;
  /** The approver of the closure. */
  closedBy: string | null;
  closedAt: string | null;
  determinedAt: string | null;
  reportDueAt: string | null;
}

export interface CaseSubjectDto {
  type: CaseSubjectType;
  id: string;
  label: string;
  addedBy: string;
  addedAt: string;
}

export interface CaseTransactionDto {
  transactionId: string;
  addedBy: string;
  addedAt: string;
}

export interface CaseLinkedAlertDto {
  id: string;
  reference: string;
  type: AlertType;
  title: string;
  status: string;
  disposition: string | null;
  reasonCode: string | null;
}

export interface CaseNoteDto {
  id: string;
  /** Plain text exactly as written: rendered as text, never as markup. */
  body: string;
  authorId: string;
  createdAt: string;
}

export interface CaseAttachmentDto {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export interface CaseEventDto {
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface CaseDetailDto {
  case: CaseDto;
  subjects: CaseSubjectDto[];
  transactions: CaseTransactionDto[];
  alerts: CaseLinkedAlertDto[];
  notes: CaseNoteDto[];
  attachments: CaseAttachmentDto[];
  timeline: CaseEventDto[];
  pendingApprovalId: string | null;
}

export interface CreateCaseDto {
  title: string;
  description?: string;
  priority?: AlertPriority;
  alertIds?: string[];
}

export interface CloseRequestDto {
  disposition: CaseCloseDisposition;
  summary: string;
  jurisdiction?: string;
  suspectIdentified?: boolean;
}
