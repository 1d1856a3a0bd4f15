import type { AlertPriority } from '../alert/alert.types.js';

/**
 * Priority of a transaction alert (monitoring decision):
 * - critical: the decision is `block`, or any fired rule has action `block`, or the score is ≥ 0.9;
 * - high: score ≥ 0.7, or a fired rule with action `review` weighing ≥ 0.5;
 * - medium: score ≥ 0.4;
 * - low: anything else (a `review` decided on a low score by a light rule).
 */
export function transactionAlertPriority(input: {
  decision: 'review' | 'block';
  score: number;
  firedRules: readonly { action?: 'review' | 'block'; weight: number }[];
}): AlertPriority {
  if (input.decision === 'block' || input.score >= 0.9 || input.firedRules.some((r) => r.action === 'block')) {
    return 'critical';
  }
  if (input.score >= 0.7 || input.firedRules.some((r) => r.action === 'review' && r.weight >= 0.5)) return 'high';
  if (input.score >= 0.4) return 'medium';
  return 'low';
}

/**
 * Priority of a screening hit, by list kind and match score (sanctions above PEP above internal watchlists):
 * - sanctions (OFAC SDN, UN consolidated): critical at score ≥ 0.95, else high;
 * - PEP: high at score ≥ 0.95, else medium;
 * - internal watchlist and others: medium at score ≥ 0.95, else low.
 */
export function screeningHitPriority(input: { listSource: string; score: number }): AlertPriority {
  const strong = input.score >= 0.95;
  if (input.listSource === 'ofac_sdn' || input.listSource === 'un_consolidated') return strong ? 'critical' : 'high';
  if (input.listSource === 'pep') return strong ? 'high' : 'medium';
  return strong ? 'medium' : 'low';
}

/**
 * Priority of a KYC review, by the customer's risk rating, one step more urgent when the review is already overdue:
 * high risk → high (critical when overdue); medium → medium (high); low/unrated → low (medium).
 */
export function kycReviewPriority(input: { riskRating: string; dueAt: Date; now: Date }): AlertPriority {
  const overdue = input.dueAt.getTime() < input.now.getTime();
  switch (input.riskRating) {
    case 'high':
      return overdue ? 'critical' : 'high';
    case 'medium':
      return overdue ? 'high' : 'medium';
    default:
      return overdue ? 'medium' : 'low';
  }
}
