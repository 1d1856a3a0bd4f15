import type { FiredRule, RuleSetThresholds } from '../rules/rule-set.document.js';
import type { DecisionReason, FeatureContribution, TransactionDecision } from '../transaction/transaction.entity.js';

/** Thresholds when the tenant has no published rule set. */
export const DEFAULT_THRESHOLDS: RuleSetThresholds = Object.freeze({ review: 0.5, block: 0.9 });
/** With a screening hit, a transaction is blocked from this combined score (otherwise it goes to review). */
export const SCREENING_BLOCK_SCORE = 0.95;
/** How many feature contributions the response and the reasons carry. */
export const TOP_CONTRIBUTIONS = 5;

export interface ScreeningHitLine {
  readonly entryName: string;
  readonly listSource: string;
  readonly score: number;
}

export interface DecisionInput {
  /** The champion's probability (0 without a champion). */
  readonly modelScore: number;
  readonly contributions: readonly FeatureContribution[];
  readonly firedRules: readonly FiredRule[];
  readonly thresholds: RuleSetThresholds;
  /** Counterparty screening hits at or above the screening threshold, best first. */
  readonly screeningHits: readonly ScreeningHitLine[];
}

export interface CombinedDecision {
  readonly decision: TransactionDecision;
  readonly score: number;
  readonly reasons: DecisionReason[];
  readonly contributions: FeatureContribution[];
}

const severity: Record<TransactionDecision, number> = { allow: 0, review: 1, block: 2 };
const atLeast = (a: TransactionDecision, b: TransactionDecision): TransactionDecision =>
  severity[a] >= severity[b] ? a : b;

/**
 * The decision rule (contract between rules, model and decision):
 * score = 1 − (1 − modelScore) × Π(1 − weight of each fired rule);
 * block if a fired rule says block or score ≥ block threshold; review if a fired rule says review or
 * score ≥ review threshold; a counterparty screening hit forces at least review (block from score 0.95).
 */
export function combineDecision(input: DecisionInput): CombinedDecision {
  const clamp = (x: number): number => Math.min(Math.max(Number.isFinite(x) ? x : 0, 0), 1);
  let keep = 1 - clamp(input.modelScore);
  for (const rule of input.firedRules) keep *= 1 - clamp(rule.weight);
  const score = 1 - keep;

  let decision: TransactionDecision = 'allow';
  if (score >= input.thresholds.review) decision = 'review';
  if (score >= input.thresholds.block) decision = 'block';
  for (const rule of input.firedRules) {
    if (rule.action) decision = atLeast(decision, rule.action);
  }
  if (input.screeningHits.length > 0) {
    decision = atLeast(decision, score >= SCREENING_BLOCK_SCORE ? 'block' : 'review');
  }

  const contributions = [...input.contributions]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, TOP_CONTRIBUTIONS);
  const reasons: DecisionReason[] = [
    ...input.firedRules.map((rule): DecisionReason => ({ kind: 'rule', message: rule.message, ref: rule.name })),
    ...input.screeningHits.map((hit): DecisionReason => ({
      kind: 'screening',
      message: `Counterparty name matches ${hit.entryName} on ${hit.listSource} (score ${hit.score.toFixed(2)})`,
      ref: hit.entryName,
    })),
    ...contributions.map((c): DecisionReason => ({
      kind: 'feature',
      message: `${c.feature} = ${formatNumber(c.value)} ${c.contribution >= 0 ? 'raised' : 'lowered'} the model score (${c.contribution >= 0 ? '+' : ''}${formatNumber(c.contribution)})`,
      ref: c.feature,
    })),
  ];
  return { decision, score, reasons, contributions };
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}
