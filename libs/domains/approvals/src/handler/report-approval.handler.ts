import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { UserPrincipal } from '@domains/identity';
import { REPORT_APPROVAL, ReportService, type ReportApprovalContent } from '@domains/reporting';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';
import type { ApprovalHandler } from './approval.handler.js';

/** Approving a regulator report: reporting's ReportService generates every format and stores the files. */
@Injectable()
export class ReportApprovalHandler implements ApprovalHandler {
  readonly kind = REPORT_APPROVAL;

  constructor(private readonly reports: ReportService) {}

  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<ReportApprovalContent | null> {
    return this.reports.currentApproval(tx, request.tenantId, request.subjectId);
  }

  async apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void> {
    await this.reports.applyApproval(tx, {
      tenantId: request.tenantId,
      reportId: request.subjectId,
      approvalRequestId: request.id,
      requestedBy: request.requestedBy,
      approvedBy: approver.userId,
    });
  }
}
