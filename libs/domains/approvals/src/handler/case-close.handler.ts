import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { UserPrincipal } from '@domains/identity';
import { CASE_CLOSE, CaseService, type CaseCloseContent } from '@domains/cases';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';
import type { ApprovalHandler } from './approval.handler.js';

/** Closing a case with its determination: checked and applied by cases' CaseService (four-eyes closure). */
@Injectable()
export class CaseCloseHandler implements ApprovalHandler {
  readonly kind = CASE_CLOSE;

  constructor(private readonly cases: CaseService) {}

  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<CaseCloseContent | null> {
    return this.cases.currentCloseContent(tx, request.tenantId, request.subjectId, request.id);
  }

  async apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void> {
    const content = await this.currentContent(tx, request);
    if (!content)
      throw new Error(`approval ${request.id}: the case left pending_approval between the check and the change`);
    await this.cases.applyClose(tx, {
      tenantId: request.tenantId,
      content,
      approvalRequestId: request.id,
      requestedBy: request.requestedBy,
      approvedBy: approver.userId,
    });
  }
}
