import { Injectable } from '@nestjs/common';
import { preparedQuery, type Tx } from '@platform/database';
import {
  idempotencyLockName,
  type CompletedKey,
  storedResponseOf,
  type StoredResponse,
  type StoredResponseRow,
} from '../idempotency/idempotency-key.repository.js';
import type { StoredHistoryAggregates } from '../transaction/history.aggregates.js';
import type { DecisionReason, TransactionDecision } from '../transaction/transaction.entity.js';
import {
  HISTORY_SQL,
  INSERT_COLUMNS,
  customerLockName,
  historyOf,
  historyParams,
  insertValues,
  type HistoryQuery,
  type NewTransaction,
} from '../transaction/transaction.repository.js';

/** The alert a review or block decision raises (AlertRepository.insert's row, minus what the transaction gives). */
export interface NewDecisionAlert {
  readonly decision: Exclude<TransactionDecision, 'allow'>;
  readonly score: number;
  readonly reasons: readonly DecisionReason[];
}

/** The response stored under an Idempotency-Key with the transaction that produced it. */
export type CompletedResponse = CompletedKey;

/**
 * Claims the key without waiting and, only when claimed, takes the customers' locks in the order given (callers sort
 * them, so two batches naming the same customers cannot deadlock). The try-lock and the waiting locks are one
 * statement: the row reads that depend on them (the stored response, the history) come in the next statement, whose
 * snapshot is taken after both are held.
 */
/** Takes the advisory locks named by the text array `param`, waiting, one after the other in the array's order. */
const lockInOrder = (param: string): string => `SELECT count(*) FROM (
      SELECT pg_advisory_xact_lock(hashtextextended(u.name, 0))
        FROM unnest(${param}::text[]) WITH ORDINALITY AS u(name, n) ORDER BY u.n
    ) locks`;

const CLAIM_AND_LOCK_SQL = `
SELECT c.claimed,
  CASE WHEN c.claimed THEN (
    ${lockInOrder('$2')}
  ) END AS locked
FROM (SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS claimed OFFSET 0) c`;

/** HISTORY_SQL ($1 to $7) with the key's stored response ($8), expired or not, beside it. */
const STORED_AND_HISTORY_SQL = `
SELECT h.*, s.scope AS stored_scope, s.request_hash AS stored_request_hash,
  s.response_status AS stored_response_status, s.response_body AS stored_response_body,
  s.expires_at AS stored_expires_at
FROM (${HISTORY_SQL}) h
LEFT JOIN (
  SELECT scope, request_hash, response_status, response_body, expires_at FROM monitoring_idempotency_keys
   WHERE tenant_id = $1 AND key = $8
) s ON true`;

const KEY_PARAM = INSERT_COLUMNS.length + 2;
const ALERT_PARAM = KEY_PARAM + 6;
/**
 * The decided transaction, the key's stored response and, for review and block, the transaction's alert, in one
 * statement. The response and the alert are written only when the transaction row was inserted (not on an external id
 * that already exists, which the caller turns into a 409 and a rollback).
 */
const insertWithResponseSql = (withAlert: boolean): string => `
WITH t AS (
  INSERT INTO monitoring_transactions (id, ${INSERT_COLUMNS.join(', ')})
  VALUES (${['$1', ...INSERT_COLUMNS.map((_, i) => `$${i + 2}`)].join(', ')})
  ON CONFLICT (tenant_id, external_id) DO NOTHING
  RETURNING id, created_at
), k AS (
  INSERT INTO monitoring_idempotency_keys
    (tenant_id, key, scope, request_hash, state, response_status, response_body, expires_at)
  SELECT $2, $${KEY_PARAM}, $${KEY_PARAM + 1}, $${KEY_PARAM + 2}, 'completed', $${KEY_PARAM + 3}, $${KEY_PARAM + 4},
         now() + make_interval(hours => $${KEY_PARAM + 5})
    FROM t
  RETURNING 1
)${
  withAlert
    ? `, a AS (
  INSERT INTO monitoring_alerts (tenant_id, transaction_id, decision, score, reasons)
  SELECT $2, t.id, $${ALERT_PARAM}, $${ALERT_PARAM + 1}, $${ALERT_PARAM + 2} FROM t
  RETURNING id
)
SELECT t.id, t.created_at, (SELECT a.id FROM a) AS alert_id FROM t`
    : `
SELECT t.id, t.created_at, NULL AS alert_id FROM t`
}`;
const INSERT_WITH_RESPONSE_SQL = insertWithResponseSql(false);
const INSERT_WITH_RESPONSE_AND_ALERT_SQL = insertWithResponseSql(true);

/** A decided transaction of a batch's wave under the id chosen for it, with its alert for review and block. */
export interface WaveTransaction {
  readonly id: string;
  readonly row: NewTransaction;
  readonly alert?: NewDecisionAlert;
}

/**
 * A wave's transactions in one multi-row insert (the rows as a JSON array of monitoring_transactions records, one
 * prepared text whatever their number) and, for those inserted, their alerts, in one statement. A transaction whose
 * external id the tenant already has is not inserted (ON CONFLICT DO NOTHING, as for one), nor is its alert.
 */
const INSERT_WAVE_SQL = `
WITH t AS (
  INSERT INTO monitoring_transactions (id, ${INSERT_COLUMNS.join(', ')})
  SELECT id, ${INSERT_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::monitoring_transactions, $1::json)
  ON CONFLICT (tenant_id, external_id) DO NOTHING
  RETURNING id
), a AS (
  INSERT INTO monitoring_alerts (tenant_id, transaction_id, decision, score, reasons)
  SELECT $2, t.id, x.decision, x.score, x.reasons
    FROM t JOIN json_to_recordset($3::json) AS x(transaction_id uuid, decision text, score float8, reasons jsonb)
      ON x.transaction_id = t.id
  RETURNING id, transaction_id
)
SELECT t.id, a.id AS alert_id FROM t LEFT JOIN a ON a.transaction_id = t.id`;

/** A NewTransaction as a monitoring_transactions record (column names; jsonb columns as JSON, not as text). */
function transactionRecord(id: string, row: NewTransaction): Record<string, unknown> {
  return {
    id,
    tenant_id: row.tenantId,
    external_id: row.externalId,
    customer_id: row.customerId,
    account_id: row.accountId,
    customer_record_id: row.customerRecordId,
    direction: row.direction,
    channel: row.channel,
    amount_minor: row.amountMinor,
    currency: row.currency,
    amount_base: row.amountBase,
    booked_at: row.bookedAt.toISOString(),
    counterparty: row.counterparty,
    counterparty_key: row.counterpartyKey,
    metadata: row.metadata,
    features: row.features,
    decision: row.decision,
    score: row.score,
    model_score: row.modelScore,
    reasons: row.reasons,
    fired_rules: row.firedRules,
    contributions: row.contributions,
    rule_set_version_id: row.ruleSetVersionId,
    rule_set_version: row.ruleSetVersion,
    model_version_id: row.modelVersionId,
    model_version: row.modelVersion,
    shadow_scores: row.shadowScores,
  } satisfies Record<(typeof INSERT_COLUMNS)[number] | 'id', unknown>;
}

/**
 * The real-time decision's combined statements: each saves round trips on the hot path by putting together what
 * the separate repositories (IdempotencyKeyRepository, TransactionRepository) otherwise ask one by one, with the same
 * locks, snapshots and rows.
 */
@Injectable()
export class DecisionRepository {
  /** False when another transaction holds the key (its request is in flight); then no customer lock was taken. */
  async claimAndLockCustomers(
    tx: Tx,
    tenantId: string,
    key: string,
    sortedCustomerIds: readonly string[],
  ): Promise<boolean> {
    const rows = await preparedQuery<{ claimed: boolean }>(tx, 'verity_decision_claim', CLAIM_AND_LOCK_SQL, [
      idempotencyLockName(tenantId, key),
      sortedCustomerIds.map((id) => customerLockName(tenantId, id)),
    ]);
    return rows[0]?.claimed === true;
  }

  /**
   * Takes the customers' locks, waiting, in the order given (callers sort them, as for claimAndLockCustomers): for a
   * group of single requests whose keys were claimed first.
   */
  async lockCustomers(tx: Tx, tenantId: string, sortedCustomerIds: readonly string[]): Promise<void> {
    if (sortedCustomerIds.length === 0) return;
    await preparedQuery(tx, 'verity_decision_lock_customers', lockInOrder('$1'), [
      sortedCustomerIds.map((id) => customerLockName(tenantId, id)),
    ]);
  }

  /** The key's stored response (expired or not) and the history aggregates of `q`, read in one snapshot. */
  async storedResponseAndHistory(
    tx: Tx,
    tenantId: string,
    key: string,
    q: HistoryQuery,
  ): Promise<{ stored: StoredResponse | null; history: StoredHistoryAggregates }> {
    const rows = await preparedQuery<Record<string, unknown>>(tx, 'verity_decision_history', STORED_AND_HISTORY_SQL, [
      ...historyParams(tenantId, q),
      key,
    ]);
    const r = rows[0] ?? {};
    const stored =
      r.stored_scope === null || r.stored_scope === undefined
        ? null
        : storedResponseOf({
            scope: r.stored_scope as string,
            request_hash: r.stored_request_hash as string,
            response_status: r.stored_response_status as number | null,
            response_body: r.stored_response_body,
            expires_at: r.stored_expires_at as Date,
          } satisfies StoredResponseRow);
    return { stored, history: historyOf(r) };
  }

  /**
   * Inserts the decided transaction under the id the caller chose, stores the key's response with it and, when
   * `alert` is given, raises the transaction's alert; null (and nothing written) when the tenant already has a
   * transaction with this external id.
   */
  async insertWithResponse(
    tx: Tx,
    id: string,
    row: NewTransaction,
    response: CompletedResponse,
    alert?: NewDecisionAlert,
  ): Promise<{ id: string; createdAt: Date; alertId: string | null } | null> {
    const rows = await preparedQuery<{ id: string; created_at: Date; alert_id: string | null }>(
      tx,
      alert ? 'verity_decision_insert_alert' : 'verity_decision_insert',
      alert ? INSERT_WITH_RESPONSE_AND_ALERT_SQL : INSERT_WITH_RESPONSE_SQL,
      [
        id,
        ...insertValues(row),
        response.key,
        response.scope,
        response.requestHash,
        response.status,
        JSON.stringify(response.body),
        response.ttlHours,
        ...(alert ? [alert.decision, alert.score, JSON.stringify(alert.reasons)] : []),
      ],
    );
    const inserted = rows[0];
    return inserted ? { id: inserted.id, createdAt: inserted.created_at, alertId: inserted.alert_id } : null;
  }

  /**
   * Inserts a wave of a batch (transactions under their chosen ids, and the alerts of review and block) in one
   * statement. Answers the inserted transactions' alert ids by transaction id (null: no alert); a transaction missing
   * from the answer was not inserted because the tenant already has its external id.
   */
  async insertWave(tx: Tx, tenantId: string, wave: readonly WaveTransaction[]): Promise<Map<string, string | null>> {
    if (wave.length === 0) return new Map();
    const rows = await preparedQuery<{ id: string; alert_id: string | null }>(
      tx,
      'verity_decision_insert_wave',
      INSERT_WAVE_SQL,
      [
        JSON.stringify(wave.map((t) => transactionRecord(t.id, t.row))),
        tenantId,
        JSON.stringify(
          wave.flatMap((t) =>
            t.alert
              ? [{ transaction_id: t.id, decision: t.alert.decision, score: t.alert.score, reasons: t.alert.reasons }]
              : [],
          ),
        ),
      ],
    );
    return new Map(rows.map((r) => [r.id, r.alert_id]));
  }

  /** The external ids among `externalIds` that the tenant's transactions have (committed, or written by this tx). */
  async existingExternalIds(tx: Tx, tenantId: string, externalIds: readonly string[]): Promise<Set<string>> {
    const rows: { external_id: string }[] = await tx.query(
      `SELECT external_id FROM monitoring_transactions WHERE tenant_id = $1 AND external_id = ANY($2::text[])`,
      [tenantId, externalIds],
    );
    return new Set(rows.map((r) => r.external_id));
  }
}
