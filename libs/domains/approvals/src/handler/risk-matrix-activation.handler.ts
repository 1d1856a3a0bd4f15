import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { UserPrincipal } from '@domains/identity';
import { RISK_MATRIX_ACTIVATION, RiskMatrixService, type RiskMatrixActivationContent } from '@domains/customers';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';
import type { ApprovalHandler } from './approval.handler.js';

/** Activating a drafted risk matrix: checked and applied by customers' RiskMatrixService. */
@Injectable()
export class RiskMatrixActivationHandler implements ApprovalHandler {
  readonly kind = RISK_MATRIX_ACTIVATION;

  constructor(private readonly matrices: RiskMatrixService) {}

  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<RiskMatrixActivationContent | null> {
    return this.matrices.currentActivation(tx, request.tenantId, request.subjectId);
  }

  async apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void> {
    const content = await this.currentContent(tx, request);
    if (!content) throw new Error(`approval ${request.id}: the draft matrix vanished between the check and the change`);
    await this.matrices.applyActivation(tx, {
      tenantId: request.tenantId,
      content,
      approvalRequestId: request.id,
      requestedBy: request.requestedBy,
      approvedBy: approver.userId,
    });
  }
}
