import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { WebhookMessageEntity } from './webhook-message.entity.js';

@Injectable()
export class WebhookMessageRepository {
  async insert(tx: Tx, message: WebhookMessageEntity): Promise<void> {
    await tx.save(tx.create(WebhookMessageEntity, message));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<WebhookMessageEntity | null> {
    return tx.findOneBy(WebhookMessageEntity, { tenantId, id });
  }
}
