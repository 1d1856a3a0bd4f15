import { Injectable } from '@nestjs/common';
import { preparedQuery, type Tx } from '@platform/database';
import { WebhookMessageEntity } from './webhook-message.entity.js';

@Injectable()
export class WebhookMessageRepository {
  /** One INSERT (save() would first SELECT the id to choose between insert and update; ids are always new). */
  async insert(tx: Tx, message: WebhookMessageEntity): Promise<void> {
    await preparedQuery(
      tx,
      'verity_webhook_message_insert',
      `INSERT INTO webhook_messages (id, tenant_id, type, payload, timestamp) VALUES ($1, $2, $3, $4, $5)`,
      [message.id, message.tenantId, message.type, JSON.stringify(message.payload), message.timestamp],
    );
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<WebhookMessageEntity | null> {
    return tx.findOneBy(WebhookMessageEntity, { tenantId, id });
  }
}
