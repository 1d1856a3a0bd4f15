/**
 * Ranking metrics of a binary classifier on a labelled sample. A transaction is flagged when score ≥ threshold.
 * PR-AUC is the average precision: Σ over distinct thresholds (recall_k − recall_{k−1}) × precision_k, with tied
 * scores taken together (as scikit-learn's average_precision_score).
 */
export interface Confusion {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface PrecisionRecallPoint {
  threshold: number;
  precision: number;
  recall: number;
}

/** One point per distinct score, from the highest threshold down. */
export function precisionRecallCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): PrecisionRecallPoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
  const points: PrecisionRecallPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]]) tp++;
    else fp++;
    const last = k === order.length - 1 || scores[order[k + 1]] !== scores[order[k]];
    if (last)
      points.push({
        threshold: scores[order[k]],
        precision: tp / (tp + fp),
        recall: positives > 0 ? tp / positives : 0,
      });
  }
  return points;
}

export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let previousRecall = 0;
  let ap = 0;
  for (const p of precisionRecallCurve(scores, labels)) {
    ap += (p.recall - previousRecall) * p.precision;
    previousRecall = p.recall;
  }
  return ap;
}

/** The highest recall reachable with precision ≥ target, and the lowest threshold that reaches it (null: none). */
export function recallAtPrecision(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  target: number,
): { recall: number; threshold: number | null } {
  let best: { recall: number; threshold: number | null } = { recall: 0, threshold: null };
  for (const p of precisionRecallCurve(scores, labels)) {
    if (p.precision >= target && p.recall > best.recall) best = { recall: p.recall, threshold: p.threshold };
  }
  return best;
}

export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i] >= threshold;
    if (labels[i]) {
      if (flagged) tp++;
      else fn++;
    } else if (flagged) fp++;
    else tn++;
  }
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
  };
}

/** The threshold with the best F1 (ties: the higher threshold). */
export function bestF1Threshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let best = { f1: -1, threshold: 0.5 };
  for (const p of precisionRecallCurve(scores, labels)) {
    const f1 = p.precision + p.recall > 0 ? (2 * p.precision * p.recall) / (p.precision + p.recall) : 0;
    if (f1 > best.f1) best = { f1, threshold: p.threshold };
  }
  return best.threshold;
}
