import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { ApprovalContent, UserPrincipal } from '@domains/identity';
import { MODEL_PROMOTE, ModelRegistryService, type ModelPromotionContent } from '@domains/monitoring';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';
import type { ApprovalHandler } from './approval.handler.js';

function previousChampionTo(content: ApprovalContent): 'shadow' | 'retired' {
  return content.previousChampionTo === 'shadow' ? 'shadow' : 'retired';
}

/** Making a monitoring model the champion: checked and applied by monitoring's ModelRegistryService. */
@Injectable()
export class ModelPromotionHandler implements ApprovalHandler {
  readonly kind = MODEL_PROMOTE;

  constructor(private readonly models: ModelRegistryService) {}

  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<ModelPromotionContent | null> {
    return this.models.currentPromotionContent(
      tx,
      request.tenantId,
      request.subjectId,
      previousChampionTo(request.content),
    );
  }

  async apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void> {
    const content = await this.currentContent(tx, request);
    if (!content) throw new Error(`approval ${request.id}: the model changed between the check and the promotion`);
    await this.models.applyPromotion(
      tx,
      request.tenantId,
      content,
      { type: 'user', id: approver.userId },
      {
        approvalRequestId: request.id,
        requestedBy: request.requestedBy,
      },
    );
  }
}
