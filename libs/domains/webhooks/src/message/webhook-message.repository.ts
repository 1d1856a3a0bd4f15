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

  /** Many messages of one tenant in one multi-row INSERT. */
  async insertMany(
    tx: Tx,
    tenantId: string,
    messages: readonly Omit<WebhookMessageEntity, 'tenantId'>[],
  ): Promise<void> {
    if (messages.length === 0) return;
    await preparedQuery(
      tx,
      'verity_webhook_messages_insert_many',
      `INSERT INTO webhook_messages (id, tenant_id, type, payload, timestamp)
       SELECT m.id, $1, m.type, m.payload::jsonb, m.timestamp
         FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS m(id, type, payload, timestamp, ord)
        ORDER BY m.ord`,
      [
        tenantId,
        messages.map((m) => m.id),
        messages.map((m) => m.type),
        messages.map((m) => JSON.stringify(m.payload)),
        messages.map((m) => m.timestamp.toISOString()),
      ],
    );
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<WebhookMessageEntity | null> {
    return tx.findOneBy(WebhookMessageEntity, { tenantId, id });
  }
}
