import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { Iso20022MessageTransactionEntity } from '../message/iso20022-message-transaction.entity.js';

@Injectable()
export class MessageLogRepository {
  /** How many transactions each of the messages has (messages without any are absent). */
  async transactionCounts(tx: Tx, tenantId: string, messageIds: readonly string[]): Promise<Map<string, number>> {
    if (messageIds.length === 0) return new Map();
    const rows = await tx
      .createQueryBuilder(Iso20022MessageTransactionEntity, 't')
      .select('t.messageId', 'message_id')
      .addSelect('count(*)::int', 'count')
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere('t.messageId IN (:...ids)', { ids: [...messageIds] })
      .groupBy('t.messageId')
      .getRawMany<{ message_id: string; count: number }>();
    return new Map(rows.map((r) => [r.message_id, Number(r.count)]));
  }
}
