import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { GroupCommit, TransactionRunner, type GroupOutcome, type Tx } from '@platform/database';
import { AuditLedger, type AuditEvent } from '@domains/audit';
import { CustomerDirectory, type TransactionParty } from '@domains/customers';
import { NameScreener, type ScreeningHitSummary } from '@domains/screening';
import { WebhookPublisher, type WebhookEvent } from '@domains/webhooks';
import { DEFAULT_FEATURE_CONFIG, deriveFeatures, isNearThreshold, modelInput } from '../feature/feature.deriver.js';
import type { FeatureVector } from '../feature/feature.schema.js';
import { MonitoringError } from '../monitoring.errors.js';
import { AlertRepository } from '../alert/alert.repository.js';
import { IdempotencyKeyRepository, type StoredResponse } from '../idempotency/idempotency-key.repository.js';
import { requestHashOf } from '../idempotency/request.hasher.js';
import { AmountConverter } from '../transaction/amount.converter.js';
import { counterpartyKeyOf } from '../transaction/counterparty.key.js';
import { aggregatesIncluding, type StoredHistoryAggregates } from '../transaction/history.aggregates.js';
import type { TransactionDecisionDto, TransactionDto } from '../transaction/transaction.dto.js';
import type { FiredRuleRecord, ShadowScore, TransactionCounterparty } from '../transaction/transaction.entity.js';
import {
  TransactionRepository,
  type HistoryQuery,
  type NewTransaction,
} from '../transaction/transaction.repository.js';
import { combineDecision, type ScreeningHitLine } from './decision.combiner.js';
import { DecisionConfigCache, type TenantDecisionConfig } from './decision-config.cache.js';
import { DecisionRepository, type CompletedResponse, type NewDecisionAlert } from './decision.repository.js';
import type { LoadedModel, ModelScore } from './decision-model.loader.js';
import { decisionWavesOf } from './decision.waves.js';

/** 1-255 printable ASCII characters (RFC 9110 token-ish; spaces allowed inside). */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;
/** The status a decision is answered with (and replayed with). */
export const DECIDED_STATUS = 201;

export type IngestionScope = 'transactions.single' | 'transactions.batch';

export interface IngestionCaller {
  readonly tenantId: string;
  readonly actor: { readonly type: 'user' | 'key' | 'system'; readonly id: string };
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

/** A single request waiting to be decided with the others of its tenant that arrive meanwhile (group commit). */
interface PendingSingle {
  readonly caller: IngestionCaller;
  readonly key: string;
  readonly requestHash: string;
  readonly item: PreparedTransaction;
  readonly decisionConfig: TenantDecisionConfig;
}

/** Most single requests one group commit decides, and how many of a tenant's groups are decided at once. */
const SINGLES_MAX_BATCH = 100;
const SINGLES_MAX_IN_FLIGHT = 2;

const keyInFlight = (): MonitoringError =>
  new MonitoringError(
    'monitoring/idempotency_key_in_flight',
    'conflict',
    'The first request with this Idempotency-Key is still being decided; retry shortly to get its answer',
  );

/** The stored answer of an earlier request with the key, or 422 when that request was another one. */
function replayOf(stored: StoredResponse, scope: IngestionScope, requestHash: string): IngestionAnswer {
  if (stored.scope !== scope || stored.requestHash !== requestHash) {
    throw new MonitoringError(
      'monitoring/idempotency_key_reused',
      'unprocessable',
      'This Idempotency-Key was used with a different request; use a new key for a new request',
    );
  }
  return { status: stored.status, body: stored.body, replayed: true };
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

  /**
   * Group commit of single requests: a request that finds its tenant's flush slots free is decided at once on its own
   * (decideInTransaction, the fewest statements); those arriving while the tenant's decisions are committing are then
   * decided together (decideTogether), one transaction and one durable commit for all of them.
   */
  private readonly singles = new GroupCommit<PendingSingle, IngestionAnswer>({
    maxBatch: SINGLES_MAX_BATCH,
    maxInFlight: SINGLES_MAX_IN_FLIGHT,
    // Two requests with the same key are never decided together: the second must see the first one's stored answer.
    conflictKey: (request) => request.key,
    flush: async (tenantId, requests) => {
      if (requests.length > 1) return this.decideTogether(tenantId, requests);
      const [r] = requests;
      const value = await this.decideInTransaction(
        r.caller,
        r.key,
        'transactions.single',
        r.requestHash,
        [r.item],
        r.decisionConfig,
      );
      return [{ ok: true, value }];
    },
  });

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

  /**
   * One transaction (`scope` single) or a batch validated whole: each item's decision, in order. `alongside`, when
   * given, runs in the decisions' database transaction once the answer is known (fresh or replayed), so that what the
   * caller stores with the answer (the ISO 20022 message and its status report) commits with the decisions or not at
   * all.
   */
  async ingest(
    caller: IngestionCaller,
    idempotencyKey: string | undefined,
    scope: IngestionScope,
    items: readonly TransactionDto[],
    body: unknown,
    alongside?: (tx: Tx, answer: IngestionAnswer) => Promise<void>,
  ): Promise<IngestionAnswer> {
    const key = TransactionDecisionService.checkIdempotencyKey(idempotencyKey);
    const requestHash = requestHashOf(scope, body);
    const { tenantId } = caller;
    this.assertDistinctIds(items);
    // Everything that needs no database runs before the transaction, to keep it (and the customer lock) short.
    const decisionConfig = await this.decisionConfig.forTenant(tenantId);
    // A counterparty named several times in a batch is screened once (the in-memory check is the costly part here).
    const screened = new Map<string, Promise<readonly ScreeningHitSummary[]>>();
    const prepared = await Promise.all(items.map((item, index) => this.prepare(tenantId, item, index, screened)));

    if (scope === 'transactions.single' && !alongside) {
      // Concurrent single requests of the tenant are committed together (decideTogether); a lone one on its own.
      return this.singles.submit(tenantId, { caller, key, requestHash, item: prepared[0], decisionConfig });
    }
    return this.decideInTransaction(caller, key, scope, requestHash, prepared, decisionConfig, alongside);
  }

  /**
   * The request decided in a database transaction of its own: the key claimed and the customers locked in one
   * statement, the stored response (a replay, a 422 for another body) or the decisions and the response stored.
   */
  private decideInTransaction(
    caller: IngestionCaller,
    key: string,
    scope: IngestionScope,
    requestHash: string,
    prepared: readonly PreparedTransaction[],
    decisionConfig: TenantDecisionConfig,
    alongside?: (tx: Tx, answer: IngestionAnswer) => Promise<void>,
  ): Promise<IngestionAnswer> {
    const { tenantId } = caller;
    const items = prepared.map((p) => p.input);
    const ttlHours = this.config.values.MONITORING_IDEMPOTENCY_TTL_HOURS;
    const single = scope === 'transactions.single';

    return this.transactions.run(
      async (tx) => {
        // Customers in a fixed order, so that two batches naming the same customers cannot deadlock. They are locked
        // in the claim's statement (only when the key is claimed), before anything is read.
        const customers = [...new Set(items.map((i) => i.customerId))].sort();
        if (!(await this.decisions.claimAndLockCustomers(tx, tenantId, key, customers))) {
          throw keyInFlight();
        }
        // The key's stored response and the first transaction's history, in one snapshot taken after the locks.
        const { stored, history } = await this.decisions.storedResponseAndHistory(
          tx,
          tenantId,
          key,
          this.historyQuery(prepared[0]),
        );
        if (stored && stored.expiresAt > new Date()) {
          const replay = replayOf(stored, scope, requestHash);
          await alongside?.(tx, replay);
          return replay;
        }
        if (stored) await this.keys.remove(tx, tenantId, key);

        if (single) {
          const answer = await this.decideOne(tx, caller, prepared[0], decisionConfig, {
            history,
            // A single transaction's response is stored by the statement that inserts it.
            respond: { key, scope, requestHash, status: DECIDED_STATUS, ttlHours },
          });
          const decided = { status: DECIDED_STATUS, body: answer, replayed: false };
          await alongside?.(tx, decided);
          return decided;
        }
        const answer = { results: await this.decideBatch(tx, () => caller, prepared, decisionConfig) };
        await this.keys.insertCompleted(tx, tenantId, {
          key,
          scope,
          requestHash,
          status: DECIDED_STATUS,
          body: answer,
          ttlHours,
        });
        const decided = { status: DECIDED_STATUS, body: answer, replayed: false };
        await alongside?.(tx, decided);
        return decided;
      },
      { tenantId },
    );
  }

  /**
   * Single requests that arrived together (group commit, see `singles`) decided in one database transaction: their
   * keys claimed at once (a key another transaction holds answers its request 409), their customers locked in order,
   * their stored responses read (replays and 422s answered from them), the rest decided set-based as one batch
   * (decideBatch) and their responses stored, in one statement each. A failure of any request's decision (an unknown
   * party, an external id decided before, two requests naming the same transaction) rolls the group back; GroupCommit
   * then decides each request on its own, so that each gets exactly the answer it would have got alone.
   */
  private async decideTogether(
    tenantId: string,
    requests: readonly PendingSingle[],
  ): Promise<GroupOutcome<IngestionAnswer>[]> {
    const scope: IngestionScope = 'transactions.single';
    const ttlHours = this.config.values.MONITORING_IDEMPOTENCY_TTL_HOURS;
    return this.transactions.run(
      async (tx) => {
        const outcomes: (GroupOutcome<IngestionAnswer> | undefined)[] = requests.map(() => undefined);
        const claimed = await this.keys.tryClaimMany(
          tx,
          tenantId,
          requests.map((r) => r.key),
        );
        const live = requests.flatMap((r, i) => {
          if (claimed[i]) return [i];
          outcomes[i] = { ok: false, error: keyInFlight() };
          return [];
        });
        await this.decisions.lockCustomers(
          tx,
          tenantId,
          [...new Set(live.map((i) => requests[i].item.input.customerId))].sort(),
        );
        // Read after the locks (a new snapshot), as the single path reads its stored response.
        const stored = await this.keys.findMany(
          tx,
          tenantId,
          live.map((i) => requests[i].key),
        );
        const fresh: number[] = [];
        const expired: string[] = [];
        for (const i of live) {
          const r = requests[i];
          const s = stored.get(r.key);
          if (s && s.expiresAt > new Date()) {
            try {
              outcomes[i] = { ok: true, value: replayOf(s, scope, r.requestHash) };
            } catch (error) {
              outcomes[i] = { ok: false, error };
            }
            continue;
          }
          if (s) expired.push(r.key);
          fresh.push(i);
        }
        await this.keys.removeMany(tx, tenantId, expired);
        if (fresh.length > 0) {
          const answers = await this.decideBatch(
            tx,
            (j) => requests[fresh[j]].caller,
            fresh.map((i, j) => ({ ...requests[i].item, index: j })),
            requests[fresh[0]].decisionConfig,
          );
          await this.keys.insertCompletedMany(
            tx,
            tenantId,
            fresh.map((i, j) => ({
              key: requests[i].key,
              scope,
              requestHash: requests[i].requestHash,
              status: DECIDED_STATUS,
              body: answers[j],
              ttlHours,
            })),
          );
          fresh.forEach((i, j) => {
            outcomes[i] = { ok: true, value: { status: DECIDED_STATUS, body: answers[j], replayed: false } };
          });
        }
        return outcomes as GroupOutcome<IngestionAnswer>[];
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

  private async prepare(
    tenantId: string,
    input: TransactionDto,
    index: number,
    screened: Map<string, Promise<readonly ScreeningHitSummary[]>>,
  ): Promise<PreparedTransaction> {
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
    const screeningKey = `${c.name}\u0000${c.country ?? ''}`;
    let screening = screened.get(screeningKey);
    if (!screening) {
      screening = this.screener.check(
        tenantId,
        { name: c.name, entityType: 'unknown', ...(c.country !== undefined ? { country: c.country } : {}) },
        { limit: 3, minScore: Math.min(minScore, 0.5) },
      );
      screened.set(screeningKey, screening);
    }
    const candidates = await screening;
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

  /**
   * A batch decided set-based, in waves: wave k holds the k-th item of each group of items linked by a customer or an
   * account (decision.waves.ts), so no two items of a wave read each other's history, and every item reads the
   * history its earlier items wrote (the earlier waves' inserts, in this transaction) exactly as deciding the items
   * one after another would. The parties of the whole batch are resolved first; per wave, one statement reads every
   * item's history, the features, rules and models run in memory (one model call per model for the wave's rows), and
   * one statement inserts the wave's transactions and alerts. The audit entries and webhook messages of the whole
   * batch follow in request order, each in a few statements.
   */
  private async decideBatch(
    tx: Tx,
    callerOf: (index: number) => IngestionCaller,
    items: readonly PreparedTransaction[],
    decisionConfig: TenantDecisionConfig,
  ): Promise<TransactionDecisionDto[]> {
    const { tenantId } = callerOf(0);
    const parties = await this.directory.resolveManyForTransaction(
      tx,
      tenantId,
      items.map((item) => this.partyRef(item)),
      this.config.values.MONITORING_UNKNOWN_PARTY_POLICY,
    );
    const unknown = parties.findIndex((party) => party === null);
    if (unknown >= 0) throw this.unknownParty(items[unknown]);

    const decided: (DecidedTransaction | undefined)[] = items.map(() => undefined);
    const inserted = new Set<string>();
    for (const wave of decisionWavesOf(items.map((item) => item.input))) {
      const waveItems = wave.map((i) => items[i]);
      const histories = await this.repository.historyMany(
        tx,
        tenantId,
        waveItems.map((item) => this.historyQuery(item)),
      );
      const evaluated = waveItems.map((item, j) =>
        this.evaluate(item, parties[item.index] as TransactionParty, histories[j], decisionConfig),
      );
      const scores = await this.scoreRows(
        decisionConfig,
        evaluated.map((e) => e.row),
      );
      const waveDecided = waveItems.map((item, j) =>
        this.assemble(
          tenantId,
          item,
          parties[item.index] as TransactionParty,
          evaluated[j],
          scores.champion[j],
          scores.shadows[j],
          decisionConfig,
        ),
      );
      const alertIds = await this.decisions.insertWave(
        tx,
        tenantId,
        waveDecided.map((d) => ({ id: d.answer.transactionId, row: d.row, ...(d.alert ? { alert: d.alert } : {}) })),
      );
      for (const d of waveDecided) if (alertIds.has(d.answer.transactionId)) inserted.add(d.row.externalId);
      if (alertIds.size < waveDecided.length) {
        const existing = await this.decisions.existingExternalIds(
          tx,
          tenantId,
          items.map((item) => item.input.id),
        );
        const first = items.find((item) => existing.has(item.input.id) && !inserted.has(item.input.id)) ?? waveItems[0];
        throw this.alreadyDecided(first);
      }
      waveDecided.forEach((d, j) => {
        decided[waveItems[j].index] = { ...d, alertId: alertIds.get(d.answer.transactionId) ?? null };
      });
    }

    const all = decided as DecidedTransaction[];
    await this.ledger.recordMany(
      tx,
      all.map((d, i) => this.decidedEvent(callerOf(i), items[i], parties[i] as TransactionParty, d)),
    );
    const webhooks = all.flatMap((d) => (d.alert ? [this.webhookEvent(d, d.alertId)] : []));
    if (webhooks.length > 0) await this.webhooks.publishMany(tx, tenantId, webhooks);
    return all.map((d) => d.answer);
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
    const party = await this.directory.resolveForTransaction(
      tx,
      tenantId,
      this.partyRef(item),
      this.config.values.MONITORING_UNKNOWN_PARTY_POLICY,
    );
    if (!party) throw this.unknownParty(item);

    const history = options.history ?? (await this.repository.history(tx, tenantId, this.historyQuery(item)));
    const evaluated = this.evaluate(item, party, history, decisionConfig);
    const scores = await this.scoreRows(decisionConfig, [evaluated.row]);
    const d = this.assemble(tenantId, item, party, evaluated, scores.champion[0], scores.shadows[0], decisionConfig);
    const transactionId = d.answer.transactionId;
    // Review and block raise an alert; for a single transaction it is written by the same statement.
    const inserted = options.respond
      ? await this.decisions.insertWithResponse(
          tx,
          transactionId,
          d.row,
          { ...options.respond, body: d.answer },
          d.alert,
        )
      : await this.repository.insert(tx, d.row, transactionId);
    if (!inserted) throw this.alreadyDecided(item);

    await this.ledger.record(tx, this.decidedEvent(caller, item, party, d));
    if (d.alert) {
      const alertId =
        ('alertId' in inserted && typeof inserted.alertId === 'string' ? inserted.alertId : null) ??
        (await this.alerts.insert(tx, { tenantId, transactionId: inserted.id, ...d.alert }));
      await this.webhooks.publish(tx, tenantId, this.webhookEvent(d, alertId));
    }
    return d.answer;
  }

  private partyRef(item: PreparedTransaction) {
    return {
      customerRef: item.input.customerId,
      accountRef: item.input.accountId,
      currency: item.input.amount.currency,
      seenAt: item.bookedAt,
    };
  }

  private unknownParty(item: PreparedTransaction): MonitoringError {
    const input = item.input;
    return new MonitoringError(
      'monitoring/unknown_customer',
      'unprocessable',
      `Customer ${input.customerId} or account ${input.accountId} is not known, and unknown parties are rejected`,
      { errors: [{ field: `transactions.${item.index}.customerId`, message: 'is not a known customer/account' }] },
    );
  }

  private alreadyDecided(item: PreparedTransaction): MonitoringError {
    return new MonitoringError(
      'monitoring/transaction_exists',
      'conflict',
      `Transaction ${item.input.id} was already decided (under another Idempotency-Key); GET it instead of sending it again`,
      { errors: [{ field: `transactions.${item.index}.id`, message: 'was already decided' }] },
    );
  }

  /** The features of the item against its stored history, the fired rules and the model's input row. */
  private evaluate(
    item: PreparedTransaction,
    party: TransactionParty,
    history: StoredHistoryAggregates,
    decisionConfig: TenantDecisionConfig,
  ): Evaluated {
    const featureConfig = DEFAULT_FEATURE_CONFIG;
    const input = item.input;
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
    return { features, firedRules, row: modelInput(features) };
  }

  /**
   * The champion's and every shadow's scores of the rows: one model call per model, or one per row for a model whose
   * rows' scores depend on being scored together (LoadedModel.scoresRowsIndependently).
   */
  private async scoreRows(
    decisionConfig: TenantDecisionConfig,
    rows: readonly Float32Array[],
  ): Promise<{ champion: (ModelScore | null)[]; shadows: ShadowScore[][] }> {
    const scoreAll = async (model: LoadedModel): Promise<ModelScore[]> => {
      if (model.scoresRowsIndependently || rows.length === 1) return model.score([...rows]);
      const scores: ModelScore[] = [];
      for (const row of rows) scores.push(...(await model.score([row])));
      return scores;
    };
    const [championScores, shadowScores] = await Promise.all([
      decisionConfig.champion ? scoreAll(decisionConfig.champion.model) : Promise.resolve(null),
      Promise.all(decisionConfig.shadows.map(async (shadow) => ({ shadow, scores: await scoreAll(shadow.model) }))),
    ]);
    return {
      champion: rows.map((_, i) => championScores?.[i] ?? null),
      shadows: rows.map((_, i) =>
        shadowScores.map(({ shadow, scores }) => ({
          modelVersionId: shadow.id,
          name: shadow.name,
          version: shadow.version,
          score: scores[i]?.probability ?? 0,
        })),
      ),
    };
  }

  /** The decision of an evaluated item: its row to store, its answer (under a new id) and its alert, if any. */
  private assemble(
    tenantId: string,
    item: PreparedTransaction,
    party: TransactionParty,
    evaluated: Evaluated,
    champion: ModelScore | null,
    shadowScores: ShadowScore[],
    decisionConfig: TenantDecisionConfig,
  ): Omit<DecidedTransaction, 'alertId'> {
    const input = item.input;
    const { features, firedRules } = evaluated;
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

    const row: NewTransaction = {
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
    const answer: TransactionDecisionDto = {
      transactionId: randomUUID(),
      externalId: input.id,
      decision: combined.decision,
      score: combined.score,
      reasons: combined.reasons,
      firedRules,
      contributions: combined.contributions,
      ruleSetVersion: decisionConfig.ruleSet?.version ?? null,
      modelVersion,
    };
    const alert =
      combined.decision === 'allow'
        ? undefined
        : { decision: combined.decision, score: combined.score, reasons: combined.reasons };
    return { row, answer, ...(alert ? { alert } : {}) };
  }

  private decidedEvent(
    caller: IngestionCaller,
    item: PreparedTransaction,
    party: TransactionParty,
    d: Omit<DecidedTransaction, 'alertId'>,
  ): AuditEvent {
    return {
      tenantId: caller.tenantId,
      actor: caller.actor,
      action: 'monitoring.transaction.decided',
      // The customer is the data subject of the entry: erasing the customer erases these payloads too.
      subject: { type: 'customer', id: party.customerId },
      payload: {
        transactionId: d.answer.transactionId,
        externalId: item.input.id,
        decision: d.row.decision,
        score: d.row.score,
        firedRules: d.row.firedRules.map((r) => r.name),
        ruleSetVersionId: d.row.ruleSetVersionId,
        modelVersionId: d.row.modelVersionId,
        nearThreshold: isNearThreshold(item.amountBase, DEFAULT_FEATURE_CONFIG),
      },
    };
  }

  private webhookEvent(d: Omit<DecidedTransaction, 'alertId'>, alertId: string | null): WebhookEvent {
    const row = d.row;
    return {
      type: row.decision === 'block' ? 'transaction.blocked' : 'transaction.review',
      data: {
        alertId,
        transactionId: d.answer.transactionId,
        externalId: row.externalId,
        customerId: row.customerId,
        accountId: row.accountId,
        decision: row.decision,
        score: row.score,
        reasons: row.reasons.map((r) => r.message),
        ruleSetVersion: d.answer.ruleSetVersion,
        modelVersion: row.modelVersion,
      },
    };
  }
}

/** An item's features, fired rules and model input row. */
interface Evaluated {
  readonly features: FeatureVector;
  readonly firedRules: FiredRuleRecord[];
  readonly row: Float32Array;
}

/** An item's decision, as stored and answered. */
interface DecidedTransaction {
  readonly row: NewTransaction;
  readonly answer: TransactionDecisionDto;
  readonly alert?: NewDecisionAlert;
  readonly alertId: string | null;
}
