import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { UserPrincipal } from '@domains/identity';
import { RULE_SET_PUBLISH, RuleSetService, type RuleSetPublishContent } from '@domains/monitoring';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';
import type { ApprovalHandler } from './approval.handler.js';

/** Publishing a monitoring rule-set version: checked and applied by monitoring's RuleSetService. */
@Injectable()
export class RuleSetPublishHandler implements ApprovalHandler {
  readonly kind = RULE_SET_PUBLISH;

  constructor(private readonly ruleSets: RuleSetService) {}

  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<RuleSetPublishContent | null> {
    return this.ruleSets.currentPublishContent(tx, request.tenantId, request.subjectId);
  }

  async apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void> {
    await this.ruleSets.applyPublish(
      tx,
      {
        tenantId: request.tenantId,
        ruleSetId: request.subjectId,
        approvalRequestId: request.id,
        requestedBy: request.requestedBy,
        approvedBy: approver.userId,
      },
      { type: 'user', id: approver.userId },
    );
  }
}
