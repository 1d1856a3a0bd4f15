import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import type { DecisionReason, FeatureContribution, FiredRuleRecord } from '../transaction/transaction.entity.js';
import type { AlertDisposition, AlertStatus } from './alert.entity.js';

/** A monitoring alert with what an analyst needs from its transaction (the cases domain's intake reads these). */
export interface MonitoringAlertFeedItem {
  readonly alertId: string;
  readonly status: AlertStatus;
  readonly disposition: AlertDisposition | null;
  readonly decision: 'review' | 'block';
  readonly score: number;
  readonly reasons: DecisionReason[];
  readonly createdAt: Date;
  readonly transactionId: string;
  readonly externalId: string;
  /** The provider's customer id, as sent with the transaction. */
  readonly customerId: string;
  /** The customers domain's id of the customer record the provider's reference resolved to. */
  readonly customerRecordId: string;
  readonly accountId: string;
  readonly direction: 'in' | 'out';
  readonly amountMinor: string;
  readonly currency: string;
  readonly bookedAt: Date;
  readonly counterparty: { name: string; iban?: string; account?: string; bic?: string; country?: string };
  readonly firedRules: FiredRuleRecord[];
  readonly contributions: FeatureContribution[];
}

/** A monitoring alert that was closed, with when (the cases domain's intake closes its queue alert after it). */
export interface DecidedSourceItem<D> {
  readonly id: string;
  readonly decidedAt: Date;
  readonly decision: D;
}

export interface TransactionAlertDisposition {
  readonly transactionId: string;
  readonly alertStatus: AlertStatus;
  readonly disposition: AlertDisposition | null;
  readonly disposedAt: Date | null;
}

interface FeedRow {
  alert_id: string;
  status: AlertStatus;
  disposition: AlertDisposition | null;
  decision: 'review' | 'block';
  score: number;
  reasons: DecisionReason[];
  created_at: Date;
  transaction_id: string;
  external_id: string;
  customer_id: string;
  customer_record_id: string;
  account_id: string;
  direction: 'in' | 'out';
  amount_minor: string;
  currency: string;
  booked_at: Date;
  counterparty: MonitoringAlertFeedItem['counterparty'];
  fired_rules: FiredRuleRecord[];
  contributions: FeatureContribution[];
}

/** Below every generated id: `since` without an `afterId` starts at the first row of its instant. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const FEED_SELECT = `SELECT a.id AS alert_id, a.status, a.disposition, a.decision, a.score, a.reasons, a.created_at,
       t.id AS transaction_id, t.external_id, t.customer_id, t.customer_record_id, t.account_id, t.direction,
       t.amount_minor, t.currency, t.booked_at, t.counterparty, t.fired_rules, t.contributions
  FROM monitoring_alerts a JOIN monitoring_transactions t ON t.tenant_id = a.tenant_id AND t.id = a.transaction_id`;

function toItem(r: FeedRow): MonitoringAlertFeedItem {
  return {
    alertId: r.alert_id,
    status: r.status,
    disposition: r.disposition,
    decision: r.decision,
    score: r.score,
    reasons: r.reasons,
    createdAt: r.created_at,
    transactionId: r.transaction_id,
    externalId: r.external_id,
    customerId: r.customer_id,
    customerRecordId: r.customer_record_id,
    accountId: r.account_id,
    direction: r.direction,
    amountMinor: r.amount_minor,
    currency: r.currency,
    bookedAt: r.booked_at,
    counterparty: r.counterparty,
    firedRules: r.fired_rules,
    contributions: r.contributions,
  };
}

/**
 * The monitoring alerts as a source for the analysts' queues, and where their dispositions come back: backtests read
 * `monitoring_alerts.disposition` as the label, and the ISO 20022 domain asks for the dispositions of pending payments.
 */
@Injectable()
export class MonitoringAlertFeed {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Alerts created at or after `since` (with their transactions), in (created_at to the millisecond, id) order; with
   * `afterId`, those at exactly `since` come only after that id, so a reader pages on with the last item's
   * (createdAt, alertId) even through many rows of one instant.
   */
  async since(
    tx: Tx,
    tenantId: string,
    since: Date,
    limit: number,
    afterId: string = NIL_UUID,
  ): Promise<MonitoringAlertFeedItem[]> {
    const rows: FeedRow[] = await tx.query(
      `${FEED_SELECT} WHERE a.tenant_id = $1 AND a.created_at >= $2
          AND (date_trunc('milliseconds', a.created_at), a.id) > ($2, $4::uuid)
        ORDER BY date_trunc('milliseconds', a.created_at), a.id LIMIT $3`,
      [tenantId, since, limit, afterId],
    );
    return rows.map(toItem);
  }

  /**
   * Alerts closed at or after `since`, in (disposed_at to the millisecond, id) order, paged like `since` with the last
   * item's (decidedAt, id): intake closes the queue alerts of sources decided elsewhere from this.
   */
  async disposedSince(
    tx: Tx,
    tenantId: string,
    since: Date,
    limit: number,
    afterId: string = NIL_UUID,
  ): Promise<DecidedSourceItem<AlertDisposition | null>[]> {
    const rows: { id: string; disposed_at: Date; disposition: AlertDisposition | null }[] = await tx.query(
      `SELECT id, disposed_at, disposition FROM monitoring_alerts
        WHERE tenant_id = $1 AND disposed_at >= $2 AND status = 'closed'
          AND (date_trunc('milliseconds', disposed_at), id) > ($2, $4::uuid)
        ORDER BY date_trunc('milliseconds', disposed_at), id LIMIT $3`,
      [tenantId, since, limit, afterId],
    );
    return rows.map((r) => ({ id: r.id, decidedAt: r.disposed_at, decision: r.disposition }));
  }

  /** Closes the alert with the analyst's disposition, in the caller's transaction. Answers whether it was open. */
  async recordDisposition(tx: Tx, tenantId: string, alertId: string, disposition: AlertDisposition): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE monitoring_alerts SET status = 'closed', disposition = $3, disposed_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'open'`,
      [tenantId, alertId, disposition],
    );
    return affected === 1;
  }

  /**
   * The alert state of each given transaction that has one. `disposedAt` is when the disposition was recorded (null
   * while the alert is open).
   */
  dispositionsOfTransactions(
    tenantId: string,
    transactionIds: readonly string[],
  ): Promise<TransactionAlertDisposition[]> {
    if (transactionIds.length === 0) return Promise.resolve([]);
    return this.transactions.run(
      async (tx) => {
        const rows: {
          transaction_id: string;
          status: AlertStatus;
          disposition: AlertDisposition | null;
          disposed_at: Date | null;
        }[] = await tx.query(
          `SELECT a.transaction_id, a.status, a.disposition, a.disposed_at
           FROM monitoring_alerts a WHERE a.tenant_id = $1 AND a.transaction_id = ANY($2::uuid[])`,
          [tenantId, transactionIds],
        );
        return rows.map((r) => ({
          transactionId: r.transaction_id,
          alertStatus: r.status,
          disposition: r.disposition,
          disposedAt: r.disposed_at,
        }));
      },
      { tenantId },
    );
  }
}
