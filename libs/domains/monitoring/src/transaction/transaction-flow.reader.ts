import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { TransactionDetailDto } from './transaction.dto.js';
import { TransactionEntity } from './transaction.entity.js';
import { transactionDetailOf } from './transaction-query.service.js';

/** Which stored transactions a flow query covers: any of the owners or counterparties, booked in [from, to). */
export interface TransactionFlowFilter {
  /** Customers domain ids (`customer_record_id`). */
  readonly customerRecordIds?: readonly string[];
  /** The provider's account references. */
  readonly accountIds?: readonly string[];
  /** Counterparty keys (`iban:…`, `account:<bic>:<number>`, `name:…`). */
  readonly counterpartyKeys?: readonly string[];
  readonly from: Date;
  readonly to: Date;
  /** At most this many aggregated rows, largest amounts first. */
  readonly limit: number;
}

/** The transactions of one owner (customer and account) with one counterparty, in one direction and currency. */
export interface TransactionFlowRow {
  readonly customerRecordId: string;
  /** The provider's customer reference. */
  readonly customerRef: string;
  readonly accountId: string;
  readonly direction: 'in' | 'out';
  readonly counterpartyKey: string;
  /** The counterparty's name as last sent. */
  readonly counterpartyName: string;
  readonly currency: string;
  readonly count: number;
  /** Sum of minor units (a decimal string: bigint sums do not fit a number). */
  readonly totalMinor: string;
  readonly firstAt: Date;
  readonly lastAt: Date;
}

/** A stored transaction as the customer-at-a-glance view lists it. */
export interface TransactionGlanceRow {
  readonly transactionId: string;
  readonly externalId: string;
  readonly accountId: string;
  readonly direction: 'in' | 'out';
  readonly amountMinor: string;
  readonly currency: string;
  readonly amountBase: number;
  readonly bookedAt: Date;
  readonly counterpartyName: string;
  readonly counterpartyKey: string;
  readonly decision: 'allow' | 'review' | 'block';
  readonly score: number;
}

const flowSql = (where: string): string => `
SELECT customer_record_id, min(customer_id) AS customer_ref, account_id, direction, counterparty_key, currency,
  count(*)::int AS count, sum(amount_minor)::text AS total_minor, min(booked_at) AS first_at,
  max(booked_at) AS last_at, (array_agg(counterparty->>'name' ORDER BY booked_at DESC))[1] AS counterparty_name
FROM monitoring_transactions
WHERE tenant_id = $1 AND booked_at >= $2 AND booked_at < $3 AND (${where})
GROUP BY customer_record_id, account_id, direction, counterparty_key, currency
ORDER BY sum(amount_base) DESC, customer_record_id, account_id, counterparty_key, direction, currency
LIMIT $4`;

const FLOW_SQL = flowSql(
  'customer_record_id = ANY($5::text[]) OR account_id = ANY($6::text[]) OR counterparty_key = ANY($7::text[])',
);
// The IBAN form goes through the (tenant, counterparty_key) index; an account number sent with a BIC is matched on
// the stored counterparty itself.
const FLOW_TO_ACCOUNTS_SQL = flowSql(
  `counterparty_key = ANY(SELECT 'iban:' || ref FROM unnest($5::text[]) AS ref) OR counterparty->>'account' = ANY($5::text[])`,
);

function flowRowOf(r: Record<string, unknown>): TransactionFlowRow {
  return {
    customerRecordId: String(r.customer_record_id),
    customerRef: String(r.customer_ref),
    accountId: String(r.account_id),
    direction: r.direction as 'in' | 'out',
    counterpartyKey: String(r.counterparty_key),
    counterpartyName: typeof r.counterparty_name === 'string' ? r.counterparty_name : '',
    currency: String(r.currency),
    count: Number(r.count),
    totalMinor: String(r.total_minor),
    firstAt: new Date(r.first_at as string | Date),
    lastAt: new Date(r.last_at as string | Date),
  };
}

/**
 * Read-only views of stored transactions for investigations (the cases domain): money flows between owners and
 * counterparties, a customer's recent transactions, and full details of a set of transactions. Each method runs in
 * the caller's transaction (the tenant's row-level security applies).
 */
@Injectable()
export class TransactionFlowReader {
  async flows(tx: Tx, tenantId: string, filter: TransactionFlowFilter): Promise<TransactionFlowRow[]> {
    const rows = await tx.query<Record<string, unknown>[]>(FLOW_SQL, [
      tenantId,
      filter.from.toISOString(),
      filter.to.toISOString(),
      filter.limit,
      [...(filter.customerRecordIds ?? [])],
      [...(filter.accountIds ?? [])],
      [...(filter.counterpartyKeys ?? [])],
    ]);
    return rows.map(flowRowOf);
  }

  /**
   * Flows whose counterparty is one of these provider account references (its IBAN, or its account number): money
   * other customers of the tenant sent to, or received from, those accounts.
   */
  async flowsToAccounts(
    tx: Tx,
    tenantId: string,
    filter: { readonly accountRefs: readonly string[]; readonly from: Date; readonly to: Date; readonly limit: number },
  ): Promise<TransactionFlowRow[]> {
    if (filter.accountRefs.length === 0) return [];
    const rows = await tx.query<Record<string, unknown>[]>(FLOW_TO_ACCOUNTS_SQL, [
      tenantId,
      filter.from.toISOString(),
      filter.to.toISOString(),
      filter.limit,
      [...filter.accountRefs],
    ]);
    return rows.map(flowRowOf);
  }

  /** The customer (customers domain id) that uses each of these provider account references, where known. */
  async accountOwners(tx: Tx, tenantId: string, accountIds: readonly string[]): Promise<Map<string, string>> {
    if (accountIds.length === 0) return new Map();
    const rows = await tx.query<{ account_id: string; customer_record_id: string }[]>(
      `SELECT DISTINCT ON (account_id) account_id, customer_record_id FROM monitoring_transactions
       WHERE tenant_id = $1 AND account_id = ANY($2::text[]) ORDER BY account_id, booked_at DESC`,
      [tenantId, [...accountIds]],
    );
    return new Map(rows.map((r) => [r.account_id, r.customer_record_id]));
  }

  /** The customer's most recently booked transactions. */
  async recentOfCustomer(
    tx: Tx,
    tenantId: string,
    customerRecordId: string,
    limit: number,
  ): Promise<{ items: TransactionGlanceRow[]; total: number }> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT id, external_id, account_id, direction, amount_minor::text AS amount_minor, currency,
         amount_base::float8 AS amount_base, booked_at, counterparty->>'name' AS counterparty_name, counterparty_key,
         decision, score, count(*) OVER ()::int AS total
       FROM monitoring_transactions WHERE tenant_id = $1 AND customer_record_id = $2
       ORDER BY booked_at DESC, id DESC LIMIT $3`,
      [tenantId, customerRecordId, limit],
    );
    return {
      total: rows.length > 0 ? Number(rows[0]?.total) : 0,
      items: rows.map((r) => ({
        transactionId: String(r.id),
        externalId: String(r.external_id),
        accountId: String(r.account_id),
        direction: r.direction as 'in' | 'out',
        amountMinor: String(r.amount_minor),
        currency: String(r.currency),
        amountBase: Number(r.amount_base),
        bookedAt: new Date(r.booked_at as string | Date),
        counterpartyName: typeof r.counterparty_name === 'string' ? r.counterparty_name : '',
        counterpartyKey: String(r.counterparty_key),
        decision: r.decision as 'allow' | 'review' | 'block',
        score: Number(r.score),
      })),
    };
  }

  /** Full details (decision, reasons, contributions, versions) of the tenant's transactions among `ids`, newest first. */
  async details(tx: Tx, tenantId: string, ids: readonly string[]): Promise<TransactionDetailDto[]> {
    if (ids.length === 0) return [];
    const rows = await tx
      .createQueryBuilder(TransactionEntity, 't')
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere('t.id IN (:...ids)', { ids: [...ids] })
      .orderBy('t.bookedAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .getMany();
    return rows.map(transactionDetailOf);
  }
}
