import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { preparedQuery, type Tx } from '@platform/database';
import type { FeatureWindow } from '../feature/feature.deriver.js';
import type { StoredHistoryAggregates } from './history.aggregates.js';
import { TransactionEntity, type TransactionDecision } from './transaction.entity.js';

export type NewTransaction = Omit<TransactionEntity, 'id' | 'createdAt'>;

export interface TransactionListFilter {
  readonly customerId?: string;
  readonly decision?: TransactionDecision;
  readonly from?: Date;
  readonly to?: Date;
  readonly minScore?: number;
  readonly limit: number;
  readonly cursor?: string;
}

export interface HistoryQuery {
  readonly customerId: string;
  readonly accountId: string;
  readonly bookedAt: Date;
  readonly counterpartyKey: string;
  /** Near-threshold band in base currency: low ≤ amount < high. */
  readonly nearThresholdLow: number;
  readonly nearThresholdHigh: number;
}

const WINDOW_SQL: Record<FeatureWindow, string> = {
  '1h': `interval '1 hour'`,
  '24h': `interval '24 hours'`,
  // Hours, not days: '7 days' on a timestamptz follows the session's daylight-saving changes.
  '7d': `interval '168 hours'`,
  '30d': `interval '720 hours'`,
};

/** The SQL expressions HISTORY_SQL's text is made of: parameters for one query, columns of unnest for many. */
interface HistorySqlInputs {
  readonly tenant: string;
  readonly customer: string;
  readonly account: string;
  /** A timestamptz expression. */
  readonly bookedAt: string;
  readonly counterparty: string;
  readonly low: string;
  readonly high: string;
}

const windowColumns = (prefix: string, bookedAt: string): string =>
  (Object.entries(WINDOW_SQL) as [FeatureWindow, string][])
    .map(
      ([w, interval]) =>
        `count(*) FILTER (WHERE booked_at > ${bookedAt} - ${interval}) AS "${prefix}_count_${w}", ` +
        `coalesce(sum(exact) FILTER (WHERE booked_at > ${bookedAt} - ${interval}), 0)::float8 AS "${prefix}_sum_${w}"`,
    )
    .join(', ');

const historySql = ({ tenant, customer, account, bookedAt, counterparty, low, high }: HistorySqlInputs): string => `
SELECT c.*, a.*,
  (SELECT count(*) FROM monitoring_transactions
    WHERE tenant_id = ${tenant} AND customer_id = ${customer} AND counterparty_key = ${counterparty} AND booked_at <= ${bookedAt}
  ) AS "prior_counterparty"
FROM (
  SELECT ${windowColumns('c', bookedAt)},
    coalesce(sum(exact * exact), 0)::float8 AS "c_sum_squares_30d",
    count(*) FILTER (WHERE booked_at > ${bookedAt} - ${WINDOW_SQL['7d']} AND amount >= ${low} AND amount < ${high})
      AS "near_threshold_7d",
    coalesce(sum(exact) FILTER (WHERE direction = 'in' AND booked_at > ${bookedAt} - ${WINDOW_SQL['24h']}), 0)::float8
      AS "inbound_24h",
    count(DISTINCT counterparty_key) FILTER (WHERE direction = 'in' AND booked_at > ${bookedAt} - ${WINDOW_SQL['24h']})
      AS "fan_in_24h",
    count(DISTINCT counterparty_key) FILTER (WHERE direction = 'out' AND booked_at > ${bookedAt} - ${WINDOW_SQL['24h']})
      AS "fan_out_24h",
    coalesce(bool_or(counterparty_key = ${counterparty}) FILTER (WHERE direction = 'in' AND booked_at > ${bookedAt} - ${WINDOW_SQL['24h']}), false)
      AS "fan_in_has",
    coalesce(bool_or(counterparty_key = ${counterparty}) FILTER (WHERE direction = 'out' AND booked_at > ${bookedAt} - ${WINDOW_SQL['24h']}), false)
      AS "fan_out_has"
  FROM (
    SELECT booked_at, amount_base::float8 AS amount, amount_base AS exact, direction, counterparty_key
      FROM monitoring_transactions
    WHERE tenant_id = ${tenant} AND customer_id = ${customer}
      AND booked_at > ${bookedAt} - ${WINDOW_SQL['30d']} AND booked_at <= ${bookedAt}
  ) rows
) c, (
  SELECT ${windowColumns('a', bookedAt)}
  FROM (
    SELECT booked_at, amount_base AS exact FROM monitoring_transactions
    WHERE tenant_id = ${tenant} AND account_id = ${account}
      AND booked_at > ${bookedAt} - ${WINDOW_SQL['30d']} AND booked_at <= ${bookedAt}
  ) rows
) a`;

/**
 * Everything the features need from the stored history, in one statement: the customer's 30-day rows and the
 * account's 30-day rows are each read once through their (tenant, customer|account, booked_at) index, the
 * counterparty history through (tenant, customer, counterparty_key, booked_at). Sums are exact (numeric) and rounded to float8
 * once, so they do not depend on the order the plan reads the rows in: one query and the same query among many
 * (HISTORY_MANY_SQL) answer the same bits.
 */
export const HISTORY_SQL = historySql({
  tenant: '$1',
  customer: '$2',
  account: '$3',
  bookedAt: '$4::timestamptz',
  counterparty: '$5',
  low: '$6',
  high: '$7',
});

/**
 * HISTORY_SQL for many queries in one statement (a batch's wave): the queries' columns unnested, each joined
 * LATERAL to the same aggregate query, answered in the queries' order (`ord`, from 0). The statement sees what the
 * same transaction wrote before it (the earlier waves).
 */
export const HISTORY_MANY_SQL = `
SELECT (q.ord - 1)::int AS ord, h.*
  FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::float8[], $7::float8[])
       WITH ORDINALITY AS q(customer_ref, account_ref, booked_at, counterparty_ref, low, high, ord)
  CROSS JOIN LATERAL (${historySql({
    tenant: '$1',
    customer: 'q.customer_ref',
    account: 'q.account_ref',
    bookedAt: 'q.booked_at',
    counterparty: 'q.counterparty_ref',
    low: 'q.low',
    high: 'q.high',
  })}) h
 ORDER BY q.ord`;

export const INSERT_COLUMNS = [
  'tenant_id',
  'external_id',
  'customer_id',
  'account_id',
  'customer_record_id',
  'direction',
  'channel',
  'amount_minor',
  'currency',
  'amount_base',
  'booked_at',
  'counterparty',
  'counterparty_key',
  'metadata',
  'features',
  'decision',
  'score',
  'model_score',
  'reasons',
  'fired_rules',
  'contributions',
  'rule_set_version_id',
  'rule_set_version',
  'model_version_id',
  'model_version',
  'shadow_scores',
] as const;

const INSERT_SQL = `INSERT INTO monitoring_transactions (${INSERT_COLUMNS.join(', ')}, id)
VALUES (${[...INSERT_COLUMNS, 'id'].map((_, i) => `$${i + 1}`).join(', ')})
ON CONFLICT (tenant_id, external_id) DO NOTHING
RETURNING id, created_at`;

const num = (v: unknown): number => Number(v ?? 0);

/** The parameters of HISTORY_SQL ($1 to $7). */
export function historyParams(tenantId: string, q: HistoryQuery): unknown[] {
  return [
    tenantId,
    q.customerId,
    q.accountId,
    q.bookedAt.toISOString(),
    q.counterpartyKey,
    q.nearThresholdLow,
    q.nearThresholdHigh,
  ];
}

/** The aggregates of a row HISTORY_SQL answered. */
export function historyOf(r: Record<string, unknown>): StoredHistoryAggregates {
  const windows = (prefix: string): StoredHistoryAggregates['customer'] => ({
    '1h': { count: num(r[`${prefix}_count_1h`]), sum: num(r[`${prefix}_sum_1h`]) },
    '24h': { count: num(r[`${prefix}_count_24h`]), sum: num(r[`${prefix}_sum_24h`]) },
    '7d': { count: num(r[`${prefix}_count_7d`]), sum: num(r[`${prefix}_sum_7d`]) },
    '30d': { count: num(r[`${prefix}_count_30d`]), sum: num(r[`${prefix}_sum_30d`]) },
  });
  return {
    customer: windows('c'),
    account: windows('a'),
    sumSquares30d: num(r.c_sum_squares_30d),
    priorCounterpartyCount: num(r.prior_counterparty),
    nearThresholdCount7d: num(r.near_threshold_7d),
    inboundSum24h: num(r.inbound_24h),
    fanIn24h: num(r.fan_in_24h),
    fanOut24h: num(r.fan_out_24h),
    fanInHasCounterparty: r.fan_in_has === true,
    fanOutHasCounterparty: r.fan_out_has === true,
  };
}

/** The parameters of INSERT_COLUMNS, in order. */
export function insertValues(row: NewTransaction): unknown[] {
  return [
    row.tenantId,
    row.externalId,
    row.customerId,
    row.accountId,
    row.customerRecordId,
    row.direction,
    row.channel,
    row.amountMinor,
    row.currency,
    row.amountBase,
    row.bookedAt.toISOString(),
    JSON.stringify(row.counterparty),
    row.counterpartyKey,
    JSON.stringify(row.metadata),
    JSON.stringify(row.features),
    row.decision,
    row.score,
    row.modelScore,
    JSON.stringify(row.reasons),
    JSON.stringify(row.firedRules),
    JSON.stringify(row.contributions),
    row.ruleSetVersionId,
    row.ruleSetVersion,
    row.modelVersionId,
    row.modelVersion,
    JSON.stringify(row.shadowScores),
  ];
}

/**
 * The advisory lock that serialises the decisions of one customer until the transaction ends (taken by
 * DecisionRepository.claimAndLockCustomers): the next one reads the aggregates only after this one committed (or
 * rolled back), so the n-th decision of a customer sees exactly the n − 1 before it.
 */
export const customerLockName = (tenantId: string, customerId: string): string =>
  `monitoring_customer:${tenantId}:${customerId}`;

@Injectable()
export class TransactionRepository {
  async history(tx: Tx, tenantId: string, q: HistoryQuery): Promise<StoredHistoryAggregates> {
    const rows = await preparedQuery<Record<string, unknown>>(
      tx,
      'verity_monitoring_history',
      HISTORY_SQL,
      historyParams(tenantId, q),
    );
    return historyOf(rows[0] ?? {});
  }

  /** The history aggregates of many queries (none sharing a customer or account), in one statement, in order. */
  async historyMany(tx: Tx, tenantId: string, queries: readonly HistoryQuery[]): Promise<StoredHistoryAggregates[]> {
    if (queries.length === 0) return [];
    const rows = await preparedQuery<Record<string, unknown> & { ord: number }>(
      tx,
      'verity_monitoring_history_many',
      HISTORY_MANY_SQL,
      [
        tenantId,
        queries.map((q) => q.customerId),
        queries.map((q) => q.accountId),
        queries.map((q) => q.bookedAt.toISOString()),
        queries.map((q) => q.counterpartyKey),
        queries.map((q) => q.nearThresholdLow),
        queries.map((q) => q.nearThresholdHigh),
      ],
    );
    const found: StoredHistoryAggregates[] = queries.map(() => historyOf({}));
    for (const row of rows) found[row.ord] = historyOf(row);
    return found;
  }

  /**
   * Inserts the decided transaction (under `id` when the caller chose it); null when the tenant already has a
   * transaction with this external id.
   */
  async insert(
    tx: Tx,
    row: NewTransaction,
    id: string = randomUUID(),
  ): Promise<{ id: string; createdAt: Date } | null> {
    const values = [...insertValues(row), id];
    const rows = await preparedQuery<{ id: string; created_at: Date }>(
      tx,
      'verity_monitoring_transaction_insert',
      INSERT_SQL,
      values,
    );
    const inserted = rows[0];
    return inserted ? { id: inserted.id, createdAt: inserted.created_at } : null;
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<TransactionEntity | null> {
    return tx.findOneBy(TransactionEntity, { tenantId, id });
  }

  findByExternalId(tx: Tx, tenantId: string, externalId: string): Promise<TransactionEntity | null> {
    return tx.findOneBy(TransactionEntity, { tenantId, externalId });
  }

  /** Cash transactions (channel `cash`) booked in [from, to), oldest first: what the reporting domain's CTR scan sums. */
  listCashBooked(tx: Tx, tenantId: string, from: Date, to: Date): Promise<TransactionEntity[]> {
    return tx
      .createQueryBuilder(TransactionEntity, 't')
      .where('t.tenantId = :tenantId AND t.channel = :channel', { tenantId, channel: 'cash' })
      .andWhere('t.bookedAt >= :from AND t.bookedAt < :to', { from, to })
      .orderBy('t.bookedAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  countAll(tx: Tx, tenantId: string): Promise<number> {
    return tx.countBy(TransactionEntity, { tenantId });
  }

  /** Newest first (by arrival), keyset-paged by id. */
  async list(tx: Tx, tenantId: string, filter: TransactionListFilter): Promise<TransactionEntity[]> {
    const q = tx.createQueryBuilder(TransactionEntity, 't').where('t.tenantId = :tenantId', { tenantId });
    if (filter.customerId !== undefined) q.andWhere('t.customerId = :customerId', { customerId: filter.customerId });
    if (filter.decision !== undefined) q.andWhere('t.decision = :decision', { decision: filter.decision });
    if (filter.from !== undefined) q.andWhere('t.bookedAt >= :from', { from: filter.from });
    if (filter.to !== undefined) q.andWhere('t.bookedAt < :to', { to: filter.to });
    if (filter.minScore !== undefined) q.andWhere('t.score >= :minScore', { minScore: filter.minScore });
    if (filter.cursor !== undefined) {
      q.andWhere(
        '(t.createdAt, t.id) < (SELECT c.created_at, c.id FROM monitoring_transactions c WHERE c.tenant_id = :tenantId AND c.id = :cursor)',
        { cursor: filter.cursor },
      );
    }
    return q.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC').limit(filter.limit).getMany();
  }
}
