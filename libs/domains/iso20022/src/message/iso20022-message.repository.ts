import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { Iso20022Direction, Iso20022MessageStatus } from './iso20022-message.entity.js';
import { Iso20022MessageEntity } from './iso20022-message.entity.js';
import { Iso20022MessageTransactionEntity } from './iso20022-message-transaction.entity.js';

export type NewIso20022Message = Omit<Iso20022MessageEntity, 'id' | 'createdAt'>;
/** `position` defaults to the row's index in the list given to `insertTransactions`. */
export type NewIso20022MessageTransaction = Omit<
  Iso20022MessageTransactionEntity,
  'id' | 'createdAt' | 'messageId' | 'tenantId' | 'position'
> & { readonly position?: number };

export interface Iso20022MessageFilters {
  readonly direction?: Iso20022Direction;
  readonly messageType?: string;
  readonly status?: Iso20022MessageStatus;
  readonly msgId?: string;
  readonly relatedMessageId?: string;
  /**
   * Only messages after this one in the log's order (created_at, id descending): the id of the previous page's last
   * message. Keyed in the database, so messages created in the same instant (a message and its answer) are not lost
   * between pages.
   */
  readonly before?: string;
  /** 1…500, default 50. */
  readonly limit?: number;
}

/**
 * A message's transactions in one statement whatever their number: the rows travel as one JSON array parameter (a
 * row-per-parameter insert of 1,000 rows cost more in the query builder than in PostgreSQL).
 */
const INSERT_TRANSACTIONS_SQL = `
INSERT INTO iso20022_message_transactions (message_id, tenant_id, position, transaction_id, end_to_end_id, instr_id,
  uetr, tx_id, amount_minor, currency, status, reason_code)
SELECT $1, $2, r.position, r.transaction_id, r.end_to_end_id, r.instr_id, r.uetr, r.tx_id, r.amount_minor, r.currency,
       r.status, r.reason_code
  FROM json_to_recordset($3::json) AS r(position integer, transaction_id uuid, end_to_end_id text, instr_id text,
       uetr text, tx_id text, amount_minor bigint, currency text, status text, reason_code text)`;

/** Every method takes the transaction and the tenant. */
@Injectable()
export class Iso20022MessageRepository {
  async insert(tx: Tx, message: NewIso20022Message): Promise<Iso20022MessageEntity> {
    return tx.save(tx.create(Iso20022MessageEntity, message));
  }

  async insertTransactions(
    tx: Tx,
    tenantId: string,
    messageId: string,
    rows: readonly NewIso20022MessageTransaction[],
  ): Promise<void> {
    const records = rows.map((row, i) => ({
      position: row.position ?? i,
      transaction_id: row.transactionId,
      end_to_end_id: row.endToEndId,
      instr_id: row.instrId,
      uetr: row.uetr,
      tx_id: row.txId,
      amount_minor: row.amountMinor,
      currency: row.currency,
      status: row.status,
      reason_code: row.reasonCode,
    }));
    await tx.query(INSERT_TRANSACTIONS_SQL, [messageId, tenantId, JSON.stringify(records)]);
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<Iso20022MessageEntity | null> {
    return tx.findOneBy(Iso20022MessageEntity, { tenantId, id });
  }

  /** Whether the message exists (without reading its XML). */
  exists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    return tx.existsBy(Iso20022MessageEntity, { tenantId, id });
  }

  /** Newest first, without the XML (the list is a log; `findById` gives the body). */
  list(tx: Tx, tenantId: string, filters: Iso20022MessageFilters): Promise<Iso20022MessageEntity[]> {
    const query = tx
      .createQueryBuilder(Iso20022MessageEntity, 'm')
      .select([
        'm.id',
        'm.tenantId',
        'm.direction',
        'm.messageType',
        'm.msgId',
        'm.businessMessageId',
        'm.status',
        'm.reason',
        'm.sha256',
        'm.sizeBytes',
        'm.summary',
        'm.relatedMessageId',
        'm.createdAt',
      ])
      .where('m.tenantId = :tenantId', { tenantId });
    if (filters.direction) query.andWhere('m.direction = :direction', { direction: filters.direction });
    if (filters.messageType) query.andWhere('m.messageType = :messageType', { messageType: filters.messageType });
    if (filters.status) query.andWhere('m.status = :status', { status: filters.status });
    if (filters.msgId) query.andWhere('m.msgId = :msgId', { msgId: filters.msgId });
    if (filters.relatedMessageId) {
      query.andWhere('m.relatedMessageId = :related', { related: filters.relatedMessageId });
    }
    if (filters.before) {
      query.andWhere(
        '(m.createdAt, m.id) < (SELECT c.created_at, c.id FROM iso20022_messages c WHERE c.tenant_id = :tenantId AND c.id = :before)',
        { before: filters.before },
      );
    }
    return query
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(filters.limit ?? 50)
      .getMany();
  }

  count(tx: Tx, tenantId: string, filters: Pick<Iso20022MessageFilters, 'direction' | 'status'> = {}): Promise<number> {
    return tx.countBy(Iso20022MessageEntity, { tenantId, ...filters });
  }

  transactionsOf(tx: Tx, tenantId: string, messageId: string): Promise<Iso20022MessageTransactionEntity[]> {
    return tx.find(Iso20022MessageTransactionEntity, {
      where: { tenantId, messageId },
      order: { position: 'ASC', id: 'ASC' },
    });
  }
}
