import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { Iso20022MessageEntity } from '../message/iso20022-message.entity.js';
import { Iso20022MessageTransactionEntity } from '../message/iso20022-message-transaction.entity.js';

/** A payment answered PDNG that still waits for the analyst. */
export interface PendingPayment {
  readonly id: string;
  readonly messageId: string;
  readonly transactionId: string;
}

@Injectable()
export class StatusFollowupRepository {
  /**
   * Inbound message transactions still `pending` that monitoring decided (oldest first); after the row `afterId` when
   * given (the last of the previous page; compared in the database, whose timestamps are finer than a Date's).
   */
  async pending(tx: Tx, tenantId: string, limit: number, afterId?: string): Promise<PendingPayment[]> {
    const query = tx
      .createQueryBuilder(Iso20022MessageTransactionEntity, 't')
      .innerJoin(Iso20022MessageEntity, 'm', 'm.id = t.messageId AND m.tenantId = t.tenantId')
      .select(['t.id', 't.messageId', 't.transactionId'])
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere(`t.status = 'pending'`)
      .andWhere('t.transactionId IS NOT NULL')
      .andWhere(`m.direction = 'in'`);
    if (afterId !== undefined) {
      query.andWhere(
        '(t.createdAt, t.id) > (SELECT c.created_at, c.id FROM iso20022_message_transactions c WHERE c.tenant_id = :tenantId AND c.id = :afterId)',
        { afterId },
      );
    }
    const rows = await query.orderBy('t.createdAt', 'ASC').addOrderBy('t.id', 'ASC').limit(limit).getMany();
    return rows.map((r) => ({ id: r.id, messageId: r.messageId, transactionId: r.transactionId as string }));
  }

  /**
   * The given message transactions that are still `pending`, locked until the transaction ends: a concurrent run
   * skips them (SKIP LOCKED), and once this one commits they are no longer pending — one later report per decision.
   */
  lockPending(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Iso20022MessageTransactionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx
      .createQueryBuilder(Iso20022MessageTransactionEntity, 't')
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere('t.id IN (:...ids)', { ids: [...ids] })
      .andWhere(`t.status = 'pending'`)
      .orderBy('t.createdAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  findMessage(tx: Tx, tenantId: string, id: string): Promise<Iso20022MessageEntity | null> {
    return tx.findOneBy(Iso20022MessageEntity, { tenantId, id });
  }

  async setStatus(
    tx: Tx,
    tenantId: string,
    id: string,
    status: 'accepted' | 'rejected',
    reasonCode: string | null,
  ): Promise<void> {
    await tx.update(Iso20022MessageTransactionEntity, { tenantId, id }, { status, reasonCode });
  }
}
