/** One adjudicated hit: its list, score, and whether an analyst confirmed it. */
export interface LabelledHit {
  readonly listSource: string;
  readonly score: number;
  readonly truth: boolean;
}

export interface ThresholdPoint {
  readonly threshold: number;
  /** Adjudicated hits at or above the threshold that were true matches. */
  readonly truePositives: number;
  /** ... that were false positives. */
  readonly falsePositives: number;
  /** True matches below the threshold (they would have been missed). */
  readonly falseNegatives: number;
  /** Null when nothing scores at or above the threshold. */
  readonly precision: number | null;
  /** Null when there is no true match at all. */
  readonly recall: number | null;
  readonly f1: number | null;
}

export interface ListTuning {
  readonly listSource: string;
  readonly adjudicated: number;
  readonly trueMatches: number;
  readonly falsePositives: number;
  readonly points: ThresholdPoint[];
  /** The threshold with the best F1 (the highest such threshold on a tie); null without any true match. */
  readonly suggestedThreshold: number | null;
}

/** The thresholds reported: 0.50, 0.55, … 1.00. */
export const TUNING_THRESHOLDS: readonly number[] = Array.from(
  { length: 11 },
  (_, i) => Math.round((0.5 + i * 0.05) * 100) / 100,
);

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Precision, recall and F1 per threshold for one set of labelled hits. */
export function thresholdPoints(hits: readonly LabelledHit[]): ThresholdPoint[] {
  return TUNING_THRESHOLDS.map((threshold) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const hit of hits) {
      // A small epsilon: 0.85 stored as 0.8499999 must count at the 0.85 threshold.
      const flagged = hit.score + 1e-9 >= threshold;
      if (flagged && hit.truth) tp += 1;
      else if (flagged) fp += 1;
      else if (hit.truth) fn += 1;
    }
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 =
      precision !== null && recall !== null && precision + recall > 0
        ? (2 * precision * recall) / (precision + recall)
        : null;
    return { threshold, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
  });
}

/** The suggested threshold: best F1, and the highest threshold among equals (fewer hits for the same quality). */
export function suggestThreshold(points: readonly ThresholdPoint[]): number | null {
  let best: { threshold: number; f1: number } | null = null;
  // Points are in ascending threshold order, so ">=" lets a later (higher) threshold win a tie.
  for (const point of points) {
    if (point.f1 !== null && (best === null || point.f1 >= best.f1 - 1e-12))
      best = { threshold: point.threshold, f1: point.f1 };
  }
  return best?.threshold ?? null;
}

/** The tuning report per list (and `all` lists together), from adjudicated hits only. */
export function tuningReport(hits: readonly LabelledHit[]): ListTuning[] {
  const sources = [...new Set(hits.map((h) => h.listSource))].sort();
  const groups: [string, LabelledHit[]][] = [
    ...sources.map((s): [string, LabelledHit[]] => [s, hits.filter((h) => h.listSource === s)]),
    ['all', [...hits]],
  ];
  return groups.map(([listSource, group]) => {
    const points = thresholdPoints(group);
    return {
      listSource,
      adjudicated: group.length,
      trueMatches: group.filter((h) => h.truth).length,
      falsePositives: group.filter((h) => !h.truth).length,
      points,
      suggestedThreshold: suggestThreshold(points),
    };
  });
}
