import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { CustomerDirectory } from '@domains/customers';
import { NameScreener } from '@domains/screening';
import { WebhookPublisher } from '@domains/webhooks';
import { DEFAULT_FEATURE_CONFIG, deriveFeatures, isNearThreshold, modelInput } from '../feature/feature.deriver.js';
import { MonitoringError } from '../monitoring.errors.js';
import { AlertRepository } from '../alert/alert.repository.js';
import { IdempotencyKeyRepository } from '../idempotency/idempotency-key.repository.js';
import { requestHashOf } from '../idempotency/request.hasher.js';
import { AmountConverter } from '../transaction/amount.converter.js';
import { counterpartyKeyOf } from '../transaction/counterparty.key.js';
import { aggregatesIncluding, type StoredHistoryAggregates } from '../transaction/history.aggregates.js';
import type { TransactionDecisionDto, TransactionDto } from '../transaction/transaction.dto.js';
import type { TransactionCounterparty } from '../transaction/transaction.entity.js';
import {
  TransactionRepository,
  type HistoryQuery,
  type NewTransaction,
} from '../transaction/transaction.repository.js';
import { combineDecision, type ScreeningHitLine } from './decision.combiner.js';
import { DecisionConfigCache, type TenantDecisionConfig } from './decision-config.cache.js';
import { DecisionRepository, type CompletedResponse } from './decision.repository.js';

/** 1-255 printable ASCII characters (RFC 9110 token-ish; spaces allowed inside). */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;
/** The status a decision is answered with (and replayed with). */
export const DECIDED_STATUS = 201;

export type IngestionScope = 'transactions.single' | 'transactions.batch';

export interface IngestionCaller {
  readonly tenantId: string;
  readonly actor: { readonly type: 'user' | 'key'; readonly id: string };
}

export interface IngestionAnswer {
  readonly status: number;
  readonly body: unknown;
  /** True when the body is the stored answer of an earlier request with the same key. */
  readonly replayed: boolean;
}

/** A transaction checked and converted before the database transaction starts. */
interface PreparedTransaction {
  readonly index: number;
  readonly input: TransactionDto;
  readonly counterparty: TransactionCounterparty;
  readonly counterpartyKey: string;
  readonly bookedAt: Date;
  readonly amountMajor: number;
  readonly amountBase: number;
  readonly screeningHits: readonly ScreeningHitLine[];
  readonly screeningScore: number;
}

/**
 * The real-time decision: Idempotency-Key handling, the features of the transaction against its customer's and
 * account's history, the published rules, the champion (and shadow) models and counterparty screening, combined
 * into allow / review / block. Everything a decision writes — the transaction with its features and reasons, the
 * audit entry, the alert and the webhook message for review and block, and the key's stored response — commits in
 * one database transaction. Consistency model: README.md of this domain.
 */
@Injectable()
export class TransactionDecisionService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly repository: TransactionRepository,
    private readonly keys: IdempotencyKeyRepository,
    private readonly alerts: AlertRepository,
    private readonly converter: AmountConverter,
    private readonly decisionConfig: DecisionConfigCache,
    private readonly ledger: AuditLedger,
    private readonly screener: NameScreener,
    private readonly webhooks: WebhookPublisher,
    private readonly directory: CustomerDirectory,
    private readonly decisions: DecisionRepository,
  ) {}

  /** Checks the header before anything else is done (400 `monitoring/idempotency_key_missing`). */
  static checkIdempotencyKey(key: string | undefined): string {
    if (key === undefined || !IDEMPOTENCY_KEY.test(key) || key.trim().length === 0) {
      throw new MonitoringError(
        'monitoring/idempotency_key_missing',
        'invalid',
        'An Idempotency-Key header of 1 to 255 printable characters is required; reuse it only to retry the same request',
      );
    }
    return key;
  }

  /** One transaction (`scope` single) or a batch validated whole: each item's decision, in order. */
  async ingest(
    caller: IngestionCaller,
    idempotencyKey: string | undefined,
    scope: IngestionScope,
    items: readonly TransactionDto[],
    body: unknown,
  ): Promise<IngestionAnswer> {
    const key = TransactionDecisionService.checkIdempotencyKey(idempotencyKey);
    const requestHash = requestHashOf(scope, body);
    const { tenantId } = caller;
    this.assertDistinctIds(items);
    // Everything that needs no database runs before the transaction, to keep it (and the customer lock) short.
    const decisionConfig = await this.decisionConfig.forTenant(tenantId);
    const prepared = await Promise.all(items.map((item, index) => this.prepare(tenantId, item, index)));

    const ttlHours = this.config.values.MONITORING_IDEMPOTENCY_TTL_HOURS;
    const single = scope === 'transactions.single';

    return this.transactions.run(
      async (tx) => {
        // Customers in a fixed order, so that two batches naming the same customers cannot deadlock. They are locked
        // in the claim's statement (only when the key is claimed), before anything is read.
        const customers = [...new Set(items.map((i) => i.customerId))].sort();
        if (!(await this.decisions.claimAndLockCustomers(tx, tenantId, key, customers))) {
          throw new MonitoringError(
            'monitoring/idempotency_key_in_flight',
            'conflict',
            'The first request with this Idempotency-Key is still being decided; retry shortly to get its answer',
          );
        }
        // The key's stored response and the first transaction's history, in one snapshot taken after the locks.
        const { stored, history } = await this.decisions.storedResponseAndHistory(
          tx,
          tenantId,
          key,
          this.historyQuery(prepared[0]),
        );
        if (stored && stored.expiresAt > new Date()) {
          if (stored.scope !== scope || stored.requestHash !== requestHash) {
            throw new MonitoringError(
              'monitoring/idempotency_key_reused',
              'unprocessable',
              'This Idempotency-Key was used with a different request; use a new key for a new request',
            );
          }
          return { status: stored.status, body: stored.body, replayed: true };
        }
        if (stored) await this.keys.remove(tx, tenantId, key);

        const results: TransactionDecisionDto[] = [];
        for (const item of prepared) {
          results.push(
            await this.decideOne(tx, caller, item, decisionConfig, {
              history: item.index === 0 ? history : undefined,
              // A single transaction's response is stored by the statement that inserts it.
              respond: single ? { key, scope, requestHash, status: DECIDED_STATUS, ttlHours } : undefined,
            }),
          );
        }
        const answer = single ? results[0] : { results };
        if (!single) {
          await this.keys.insertCompleted(tx, tenantId, {
            key,
            scope,
            requestHash,
            status: DECIDED_STATUS,
            body: answer,
            ttlHours,
          });
        }
        return { status: DECIDED_STATUS, body: answer, replayed: false };
      },
      { tenantId },
    );
  }

  private historyQuery(item: PreparedTransaction): HistoryQuery {
    const featureConfig = DEFAULT_FEATURE_CONFIG;
    const band = featureConfig.reportingThreshold;
    return {
      customerId: item.input.customerId,
      accountId: item.input.accountId,
      bookedAt: item.bookedAt,
      counterpartyKey: item.counterpartyKey,
      nearThresholdLow: band * (1 - featureConfig.nearThresholdBand),
      nearThresholdHigh: band,
    };
  }

  private assertDistinctIds(items: readonly TransactionDto[]): void {
    const seen = new Map<string, number>();
    const errors: { field: string; message: string }[] = [];
    items.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first !== undefined) {
        errors.push({ field: `transactions.${index}.id`, message: `repeats the id of transactions.${first}` });
      } else seen.set(item.id, index);
    });
    if (errors.length > 0) {
      throw new MonitoringError('monitoring/invalid_transaction', 'invalid', 'A batch names a transaction id twice', {
        errors,
      });
    }
  }

  private async prepare(tenantId: string, input: TransactionDto, index: number): Promise<PreparedTransaction> {
    if (!this.converter.supports(input.amount.currency)) {
      throw new MonitoringError(
        'monitoring/invalid_transaction',
        'unprocessable',
        `There is no rate from ${input.amount.currency} to the base currency configured`,
        { errors: [{ field: `transactions.${index}.amount.currency`, message: 'has no configured rate' }] },
      );
    }
    const { amountMajor, amountBase } = this.converter.convert(input.amount.value, input.amount.currency);
    const c = input.counterparty;
    const counterparty: TransactionCounterparty = {
      name: c.name,
      ...(c.iban !== undefined ? { iban: c.iban.replace(/\s+/g, '').toUpperCase() } : {}),
      ...(c.account !== undefined ? { account: c.account } : {}),
      ...(c.bic !== undefined ? { bic: c.bic.toUpperCase() } : {}),
      ...(c.country !== undefined ? { country: c.country } : {}),
    };
    const minScore = this.config.values.MONITORING_SCREENING_MIN_SCORE;
    const candidates = await this.screener.check(
      tenantId,
      { name: c.name, entityType: 'unknown', ...(c.country !== undefined ? { country: c.country } : {}) },
      { limit: 3, minScore: Math.min(minScore, 0.5) },
    );
    const screeningScore = candidates.reduce((best, hit) => Math.max(best, hit.score), 0);
    const screeningHits = candidates
      .filter((hit) => hit.score >= minScore)
      .map((hit) => ({ entryName: hit.entryName, listSource: hit.listSource, score: hit.score }));
    return {
      index,
      input,
      counterparty,
      counterpartyKey: counterpartyKeyOf(counterparty),
      bookedAt: new Date(input.bookedAt),
      amountMajor,
      amountBase,
      screeningHits,
      screeningScore,
    };
  }

  private async decideOne(
    tx: Tx,
    caller: IngestionCaller,
    item: PreparedTransaction,
    decisionConfig: TenantDecisionConfig,
    options: {
      /** The history already read for this item in the current snapshot (after the customer's lock). */
      readonly history?: StoredHistoryAggregates;
      /** Store this response (with the decision as its body) in the statement that inserts the transaction. */
      readonly respond?: Omit<CompletedResponse, 'body'>;
    },
  ): Promise<TransactionDecisionDto> {
    const { tenantId } = caller;
    const input = item.input;
    const party = await this.directory.resolveForTransaction(
      tx,
      tenantId,
      {
        customerRef: input.customerId,
        accountRef: input.accountId,
        currency: input.amount.currency,
        seenAt: item.bookedAt,
      },
      this.config.values.MONITORING_UNKNOWN_PARTY_POLICY,
    );
    if (!party) {
      throw new MonitoringError(
        'monitoring/unknown_customer',
        'unprocessable',
        `Customer ${input.customerId} or account ${input.accountId} is not known, and unknown parties are rejected`,
        { errors: [{ field: `transactions.${item.index}.customerId`, message: 'is not a known customer/account' }] },
      );
    }

    const featureConfig = DEFAULT_FEATURE_CONFIG;
    const history = options.history ?? (await this.repository.history(tx, tenantId, this.historyQuery(item)));
    const aggregates = aggregatesIncluding(
      history,
      { amountBase: item.amountBase, direction: input.direction },
      featureConfig,
    );
    const features = deriveFeatures(
      {
        amountBase: item.amountBase,
        amountMajor: item.amountMajor,
        direction: input.direction,
        channel: input.channel,
        currency: input.amount.currency,
        counterpartyCountry: item.counterparty.country ?? null,
        bookedAt: item.bookedAt,
        accountOpenedAt: party.accountOpenedAt,
        kycRiskRating: party.riskRating,
        isPep: party.isPep,
        counterpartyScreeningScore: item.screeningScore,
        aggregates,
      },
      featureConfig,
    );

    const firedRules = decisionConfig.ruleSet?.compiled.evaluate(features) ?? [];
    const row = [modelInput(features)];
    const [championScore, shadowScores] = await Promise.all([
      decisionConfig.champion ? decisionConfig.champion.model.score(row) : Promise.resolve(null),
      Promise.all(
        decisionConfig.shadows.map(async (shadow) => ({
          modelVersionId: shadow.id,
          name: shadow.name,
          version: shadow.version,
          score: (await shadow.model.score(row))[0]?.probability ?? 0,
        })),
      ),
    ]);
    const champion = championScore?.[0] ?? null;
    const combined = combineDecision({
      modelScore: champion?.probability ?? 0,
      contributions: champion?.contributions ?? [],
      firedRules,
      thresholds: decisionConfig.thresholds,
      screeningHits: item.screeningHits,
    });
    const modelVersion = decisionConfig.champion
      ? `${decisionConfig.champion.name}@${decisionConfig.champion.version}`
      : null;

    const decided: NewTransaction = {
      tenantId,
      externalId: input.id,
      customerId: input.customerId,
      accountId: input.accountId,
      customerRecordId: party.customerId,
      direction: input.direction,
      channel: input.channel,
      amountMinor: String(input.amount.value),
      currency: input.amount.currency,
      amountBase: String(item.amountBase),
      bookedAt: item.bookedAt,
      counterparty: item.counterparty,
      counterpartyKey: item.counterpartyKey,
      metadata: input.metadata ?? {},
      features,
      decision: combined.decision,
      score: combined.score,
      modelScore: champion?.probability ?? 0,
      reasons: combined.reasons,
      firedRules,
      contributions: combined.contributions,
      ruleSetVersionId: decisionConfig.ruleSet?.id ?? null,
      ruleSetVersion: decisionConfig.ruleSet?.version ?? null,
      modelVersionId: decisionConfig.champion?.id ?? null,
      modelVersion,
      shadowScores,
    };
    // The id is chosen here so that the answer (stored under the key) is known before the row is written.
    const transactionId = randomUUID();
    const answer: TransactionDecisionDto = {
      transactionId,
      externalId: input.id,
      decision: combined.decision,
      score: combined.score,
      reasons: combined.reasons,
      firedRules,
      contributions: combined.contributions,
      ruleSetVersion: decisionConfig.ruleSet?.version ?? null,
      modelVersion,
    };
    // Review and block raise an alert; for a single transaction it is written by the same statement.
    const alert =
      combined.decision === 'allow'
        ? undefined
        : { decision: combined.decision, score: combined.score, reasons: combined.reasons };
    const inserted = options.respond
      ? await this.decisions.insertWithResponse(tx, transactionId, decided, { ...options.respond, body: answer }, alert)
      : await this.repository.insert(tx, decided, transactionId);
    if (!inserted) {
      throw new MonitoringError(
        'monitoring/transaction_exists',
        'conflict',
        `Transaction ${input.id} was already decided (under another Idempotency-Key); GET it instead of sending it again`,
        { errors: [{ field: `transactions.${item.index}.id`, message: 'was already decided' }] },
      );
    }

    await this.ledger.record(tx, {
      tenantId,
      actor: caller.actor,
      action: 'monitoring.transaction.decided',
      // The customer is the data subject of the entry: erasing the customer erases these payloads too.
      subject: { type: 'customer', id: party.customerId },
      payload: {
        transactionId: inserted.id,
        externalId: input.id,
        decision: combined.decision,
        score: combined.score,
        firedRules: firedRules.map((r) => r.name),
        ruleSetVersionId: decisionConfig.ruleSet?.id ?? null,
        modelVersionId: decisionConfig.champion?.id ?? null,
        nearThreshold: isNearThreshold(item.amountBase, DEFAULT_FEATURE_CONFIG),
      },
    });

    if (alert) {
      const alertId =
        ('alertId' in inserted ? inserted.alertId : null) ??
        (await this.alerts.insert(tx, { tenantId, transactionId: inserted.id, ...alert }));
      await this.webhooks.publish(tx, tenantId, {
        type: combined.decision === 'block' ? 'transaction.blocked' : 'transaction.review',
        data: {
          alertId,
          transactionId: inserted.id,
          externalId: input.id,
          customerId: input.customerId,
          accountId: input.accountId,
          decision: combined.decision,
          score: combined.score,
          reasons: combined.reasons.map((r) => r.message),
          ruleSetVersion: answer.ruleSetVersion,
          modelVersion,
        },
      });
    }
    return answer;
  }
}
