import { combineDecision } from '../decision/decision.combiner.js';
import type { FiredRule, RuleSetThresholds } from '../rules/rule-set.document.js';
import type { Decision } from './backtest.result.js';

export { DEFAULT_THRESHOLDS } from '../decision/decision.combiner.js';

export interface ReplayedDecision {
  readonly decision: Decision;
  readonly score: number;
}

/**
 * The decision exactly as the real-time path makes it (decision.combiner.ts), from stored inputs: the stored model
 * score, the rules the replayed rule set fires, and whether the stored decision had a screening hit.
 */
export function decideReplay(
  modelScore: number,
  fired: readonly FiredRule[],
  thresholds: RuleSetThresholds,
  screeningHit = false,
): ReplayedDecision {
  const combined = combineDecision({
    modelScore,
    contributions: [],
    firedRules: fired,
    thresholds,
    screeningHits: screeningHit ? [{ entryName: 'stored screening hit', listSource: 'replay', score: 1 }] : [],
  });
  return { decision: combined.decision, score: combined.score };
}
