import { Injectable, Logger, Optional } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { DecisionModelLoader, type LoadedModel } from '../decision/decision-model.loader.js';
import { modelInput } from '../feature/feature.deriver.js';
import type { FeatureVector } from '../feature/feature.schema.js';
import { ModelVersionRepository } from '../model-registry/model-version.repository.js';
import { compileRuleSet } from '../rules/rule-set.compiler.js';
import { RuleSetVersionRepository } from '../rule-set/rule-set-version.repository.js';
import { BacktestAccumulator, type BacktestArm } from './backtest.accumulator.js';
import { BacktestRepository } from './backtest.repository.js';
import { ReplayTransactionRepository, type ReplayTransaction } from './replay-transaction.repository.js';
import { DEFAULT_THRESHOLDS } from './replay.decider.js';

const PAGE = 500;

export type BacktestJobOutcome = 'completed' | 'failed' | 'skipped';

/**
 * Runs one backtest (the worker's job, or directly): pages through the period's stored transactions in booking order,
 * replays each through the published and the draft rule set, and stores progress after each page and the result at
 * the end. Idempotent: a finished backtest is left alone; an interrupted one starts over.
 */
@Injectable()
export class BacktestJobService {
  private readonly logger = new Logger(BacktestJobService.name);

  constructor(
    private readonly backtests: BacktestRepository,
    private readonly ruleSets: RuleSetVersionRepository,
    private readonly models: ModelVersionRepository,
    private readonly replays: ReplayTransactionRepository,
    private readonly transactions: TransactionRunner,
    @Optional() private readonly loader?: DecisionModelLoader,
  ) {}

  async run(tenantId: string, backtestId: string): Promise<BacktestJobOutcome> {
    const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => this.transactions.run(work, { tenantId });
    const row = await run((tx) => this.backtests.findById(tx, tenantId, backtestId));
    if (!row || row.status === 'completed' || row.status === 'failed') return 'skipped';
    let model: LoadedModel | null = null;
    try {
      // One query at a time: a transaction's connection runs its statements in sequence.
      const { draft, published, total } = await run(async (tx) => ({
        draft: await this.ruleSets.findById(tx, tenantId, row.ruleSetId),
        published: await this.ruleSets.findPublished(tx, tenantId),
        total: await this.replays.countBetween(tx, tenantId, row.from, row.to),
      }));
      if (!draft) throw new Error('the rule set of the backtest is gone');
      await run((tx) => this.backtests.start(tx, tenantId, backtestId, total));
      const draftArm: BacktestArm = {
        ruleSetId: draft.id,
        version: draft.version,
        compiled: compileRuleSet(draft.document),
        thresholds: draft.document.thresholds,
      };
      const publishedArm: BacktestArm = published
        ? {
            ruleSetId: published.id,
            version: published.version,
            compiled: compileRuleSet(published.document),
            thresholds: published.document.thresholds,
          }
        : { ruleSetId: null, version: null, compiled: null, thresholds: DEFAULT_THRESHOLDS };
      const accumulator = new BacktestAccumulator(publishedArm, draftArm, row.shadowModelId);
      if (row.shadowModelId && this.loader) {
        const shadow = await run((tx) => this.models.findWithBytes(tx, tenantId, row.shadowModelId as string));
        if (shadow) model = await this.loader.load(new Uint8Array(shadow.bytes));
      }
      let after: { bookedAt: Date; id: string } | null = null;
      let processed = 0;
      for (;;) {
        const cursor: { bookedAt: Date; id: string } | null = after;
        const page: ReplayTransaction[] = await run((tx) =>
          this.replays.pageBetween(tx, tenantId, { from: row.from, to: row.to }, cursor, PAGE),
        );
        if (page.length === 0) break;
        const shadowScores = row.shadowModelId ? await this.shadowScores(page, row.shadowModelId, model) : undefined;
        accumulator.add(page, shadowScores);
        processed += page.length;
        const last: ReplayTransaction = page[page.length - 1];
        after = { bookedAt: last.bookedAt, id: last.id };
        await run((tx) => this.backtests.progress(tx, tenantId, backtestId, processed));
        if (page.length < PAGE) break;
      }
      const result = accumulator.result();
      await run((tx) => this.backtests.complete(tx, tenantId, backtestId, result));
      return 'completed';
    } catch (error) {
      this.logger.warn({ err: error, tenantId, backtestId }, 'backtest failed');
      await run((tx) => this.backtests.fail(tx, tenantId, backtestId, (error as Error).message));
      return 'failed';
    } finally {
      await model?.release();
    }
  }

  /** The shadow model's scores: stored beside the decision when it ran in shadow then, otherwise re-scored now. */
  private async shadowScores(
    page: readonly ReplayTransaction[],
    modelId: string,
    model: LoadedModel | null,
  ): Promise<Map<string, number>> {
    const scores = new Map<string, number>();
    const missing: ReplayTransaction[] = [];
    for (const t of page) {
      const stored = t.shadowScores.find((s) => s.modelVersionId === modelId);
      if (stored) scores.set(t.id, stored.score);
      else missing.push(t);
    }
    if (model && missing.length > 0) {
      const rescored = await model.score(missing.map((t) => modelInput(t.features as FeatureVector)));
      missing.forEach((t, i) => scores.set(t.id, rescored[i]?.probability ?? t.modelScore));
    }
    return scores;
  }
}
