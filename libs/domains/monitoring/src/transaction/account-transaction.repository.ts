import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { TransactionEntity } from './transaction.entity.js';

export interface AccountPeriodQuery {
  readonly accountId: string;
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly currency?: string;
  /** At most this many rows (the caller asks for one more than it accepts to detect overflow). */
  readonly limit: number;
}

/** The booked flows of one account, for statements (the iso20022 domain's camt.053/054). */
@Injectable()
export class AccountTransactionRepository {
  /** Oldest booking first, through the (tenant, account, booked_at) index. */
  inPeriod(tx: Tx, tenantId: string, q: AccountPeriodQuery): Promise<TransactionEntity[]> {
    const query = tx
      .createQueryBuilder(TransactionEntity, 't')
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere('t.accountId = :accountId', { accountId: q.accountId })
      .andWhere('t.bookedAt >= :from', { from: q.from })
      .andWhere('t.bookedAt < :to', { to: q.to });
    if (q.currency !== undefined) query.andWhere('t.currency = :currency', { currency: q.currency });
    return query.orderBy('t.bookedAt', 'ASC').addOrderBy('t.id', 'ASC').limit(q.limit).getMany();
  }
}
