import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { AccountTransactionRepository, type AccountPeriodQuery } from './account-transaction.repository.js';
import type { TransactionCounterparty } from './transaction.entity.js';

/** A booked transaction of an account as statements need it: the flow, not the decision. */
export interface AccountTransaction {
  readonly transactionId: string;
  readonly externalId: string;
  readonly customerId: string;
  readonly accountId: string;
  readonly direction: 'in' | 'out';
  /** Minor units of `currency`, as an integer string (exact). */
  readonly amountMinor: string;
  readonly currency: string;
  readonly bookedAt: Date;
  readonly counterparty: TransactionCounterparty;
  readonly metadata: Record<string, unknown>;
}

/** Public read of an account's booked flows in a period (other domains use it; tenant-scoped like every read). */
@Injectable()
export class AccountTransactionReader {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: AccountTransactionRepository,
  ) {}

  async inPeriod(tenantId: string, query: AccountPeriodQuery): Promise<AccountTransaction[]> {
    const rows = await this.transactions.run((tx) => this.repository.inPeriod(tx, tenantId, query), { tenantId });
    return rows.map((t) => ({
      transactionId: t.id,
      externalId: t.externalId,
      customerId: t.customerId,
      accountId: t.accountId,
      direction: t.direction,
      amountMinor: t.amountMinor,
      currency: t.currency,
      bookedAt: t.bookedAt,
      counterparty: t.counterparty,
      metadata: t.metadata,
    }));
  }
}
