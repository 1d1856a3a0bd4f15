import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { Iso20022MessageEntity } from '../message/iso20022-message.entity.js';
import { Iso20022MessageTransactionEntity } from '../message/iso20022-message-transaction.entity.js';
import type { Iso20022TransactionStatus } from '../message/iso20022-message-transaction.entity.js';

export interface InboundPayment {
  readonly transaction: Iso20022MessageTransactionEntity;
  readonly message: Iso20022MessageEntity;
}

/** The inbound message transactions that returns and later status reports act on (locked while they change). */
@Injectable()
export class PaymentReturnRepository {
  /**
   * The latest inbound message transaction decided as monitoring transaction `transactionId`, locked until the
   * caller's transaction ends (two concurrent returns of one payment: the second waits, then sees `returned`).
   */
  async findInboundForUpdate(tx: Tx, tenantId: string, transactionId: string): Promise<InboundPayment | null> {
    const row = await tx
      .createQueryBuilder(Iso20022MessageTransactionEntity, 't')
      .innerJoin(Iso20022MessageEntity, 'm', 'm.id = t.messageId AND m.tenantId = t.tenantId')
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere('t.transactionId = :transactionId', { transactionId })
      .andWhere(`m.direction = 'in'`)
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .setLock('pessimistic_write', undefined, ['t'])
      .getOne();
    if (!row) return null;
    const message = await tx.findOneBy(Iso20022MessageEntity, { tenantId, id: row.messageId });
    return message ? { transaction: row, message } : null;
  }

  async setStatus(
    tx: Tx,
    tenantId: string,
    id: string,
    status: Iso20022TransactionStatus,
    reasonCode: string | null,
  ): Promise<void> {
    await tx.update(Iso20022MessageTransactionEntity, { tenantId, id }, { status, reasonCode });
  }
}
