import type { CompiledRuleSet } from '../rules/rule-set.compiler.js';
import type { RuleSetThresholds } from '../rules/rule-set.document.js';
import type { ReplayTransaction } from './replay-transaction.repository.js';
import { decideReplay } from './replay.decider.js';
import type {
  BacktestArmSummary,
  BacktestChange,
  BacktestResult,
  Decision,
  ThresholdSuggestion,
} from './backtest.result.js';

/** One side of the comparison: a rule set (null = no rules) with its thresholds. */
export interface BacktestArm {
  readonly ruleSetId: string | null;
  readonly version: number | null;
  readonly compiled: CompiledRuleSet | null;
  readonly thresholds: RuleSetThresholds;
}

const MAX_CHANGES = 500;

interface Counts {
  alerts: number;
  reviews: number;
  blocks: number;
  tp: number;
  fp: number;
  fn: number;
}

const emptyCounts = (): Counts => ({ alerts: 0, reviews: 0, blocks: 0, tp: 0, fp: 0, fn: 0 });

function count(counts: Counts, decision: Decision, label: boolean | null): void {
  const alert = decision !== 'allow';
  if (alert) counts.alerts += 1;
  if (decision === 'review') counts.reviews += 1;
  if (decision === 'block') counts.blocks += 1;
  if (label === null) return;
  if (alert && label) counts.tp += 1;
  if (alert && !label) counts.fp += 1;
  if (!alert && label) counts.fn += 1;
}

function summary(arm: BacktestArm, counts: Counts, labelled: number): BacktestArmSummary {
  return {
    ruleSetId: arm.ruleSetId,
    version: arm.version,
    alerts: counts.alerts,
    reviews: counts.reviews,
    blocks: counts.blocks,
    precision: labelled > 0 && counts.tp + counts.fp > 0 ? counts.tp / (counts.tp + counts.fp) : null,
    recall: labelled > 0 && counts.tp + counts.fn > 0 ? counts.tp / (counts.tp + counts.fn) : null,
  };
}

/**
 * Replays transactions one page at a time through the published and the draft rule set (with the stored champion
 * score, and optionally a shadow model's score for the draft), and sums up what each would have raised.
 */
export class BacktestAccumulator {
  private transactions = 0;
  private labelled = 0;
  private readonly published = emptyCounts();
  private readonly draft = emptyCounts();
  private readonly shadow = emptyCounts();
  private changedCount = 0;
  private readonly changes: BacktestChange[] = [];
  private readonly histogram = new Array<number>(10).fill(0);
  /** Per transaction: the draft's score, whether a rule forces an alert regardless of the score, and the label. */
  private readonly points: { score: number; forced: boolean; label: boolean | null }[] = [];

  constructor(
    private readonly publishedArm: BacktestArm,
    private readonly draftArm: BacktestArm,
    private readonly shadowModelId: string | null,
  ) {}

  /** `shadowScores` holds the shadow model's score per transaction id, when a shadow model is compared. */
  add(page: readonly ReplayTransaction[], shadowScores?: ReadonlyMap<string, number>): void {
    for (const t of page) {
      this.transactions += 1;
      const label = t.disposition === null ? null : t.disposition === 'true_positive';
      if (label !== null) this.labelled += 1;
      const before = this.decide(this.publishedArm, t, t.modelScore);
      const after = this.decide(this.draftArm, t, t.modelScore);
      count(this.published, before.decision, label);
      count(this.draft, after.decision, label);
      this.histogram[Math.min(9, Math.floor(after.score * 10))] += 1;
      this.points.push({ score: after.score, forced: after.forced, label });
      if (before.decision !== after.decision) {
        this.changedCount += 1;
        if (this.changes.length < MAX_CHANGES) {
          this.changes.push({
            transactionId: t.id,
            externalId: t.externalId,
            bookedAt: t.bookedAt.toISOString(),
            published: before.decision,
            draft: after.decision,
            publishedScore: before.score,
            draftScore: after.score,
          });
        }
      }
      if (this.shadowModelId !== null) {
        const score = shadowScores?.get(t.id) ?? t.modelScore;
        count(this.shadow, this.decide(this.draftArm, t, score).decision, label);
      }
    }
  }

  result(): BacktestResult {
    return {
      transactions: this.transactions,
      labelled: this.labelled,
      published: summary(this.publishedArm, this.published, this.labelled),
      draft: summary(this.draftArm, this.draft, this.labelled),
      draftWithShadow:
        this.shadowModelId === null
          ? null
          : { ...summary(this.draftArm, this.shadow, this.labelled), modelId: this.shadowModelId },
      changedCount: this.changedCount,
      changes: this.changes,
      scoreHistogram: this.histogram,
      suggestions: this.suggestions(),
    };
  }

  private decide(
    arm: BacktestArm,
    t: ReplayTransaction,
    modelScore: number,
  ): { decision: Decision; score: number; forced: boolean } {
    const fired = arm.compiled ? arm.compiled.evaluate(t.features) : [];
    const decided = decideReplay(modelScore, fired, arm.thresholds, t.screeningHit);
    return { ...decided, forced: t.screeningHit || fired.some((r) => r.action !== undefined) };
  }

  /**
   * Review thresholds worth trying: the one maximising F1 against the dispositions (when there are labels), and
   * the lowest that keeps the draft's alert volume at or below the published one's.
   */
  private suggestions(): ThresholdSuggestion[] {
    const suggestions: ThresholdSuggestion[] = [];
    const candidates = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
    const alertsAt = (threshold: number): number => this.points.filter((p) => p.forced || p.score >= threshold).length;
    const labelledPoints = this.points.filter((p) => p.label !== null);
    const positives = labelledPoints.filter((p) => p.label).length;
    if (labelledPoints.length > 0 && positives > 0) {
      let best: { threshold: number; f1: number } | null = null;
      for (const threshold of candidates) {
        let tp = 0;
        let fp = 0;
        for (const p of labelledPoints) {
          if (p.forced || p.score >= threshold) {
            if (p.label) tp += 1;
            else fp += 1;
          }
        }
        const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
        const recall = tp / positives;
        const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
        if (!best || f1 > best.f1) best = { threshold, f1 };
      }
      if (best) {
        suggestions.push({
          review: best.threshold,
          reason: 'max_f1',
          alerts: alertsAt(best.threshold),
          f1: Math.round(best.f1 * 1000) / 1000,
        });
      }
    }
    const budget = this.published.alerts;
    const volume = candidates.find((threshold) => alertsAt(threshold) <= budget);
    if (volume !== undefined) {
      suggestions.push({ review: volume, reason: 'alert_volume', alerts: alertsAt(volume), f1: null });
    }
    return suggestions;
  }
}
