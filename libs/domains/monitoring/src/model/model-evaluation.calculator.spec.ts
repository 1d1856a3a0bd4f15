import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  bestF1Threshold,
  confusionAt,
  precisionRecallCurve,
  recallAtPrecision,
} from './model-evaluation.calculator.js';

describe('model evaluation', () => {
  // Ranked: 0.9 (+), 0.8 (−), 0.7 (+), 0.6 (+), 0.5 (−)
  const scores = [0.5, 0.7, 0.9, 0.6, 0.8];
  const labels = [0, 1, 1, 1, 0];

  it('average precision sums precision at each recall step', () => {
    // recall 1/3 at precision 1, 2/3 at 2/3, 3/3 at 3/4
    expect(averagePrecision(scores, labels)).toBeCloseTo((1 / 3) * (1 + 2 / 3 + 3 / 4), 12);
    expect(averagePrecision([0.9, 0.1], [1, 0])).toBe(1);
  });

  it('takes tied scores together', () => {
    expect(precisionRecallCurve([0.5, 0.5], [1, 0])).toEqual([{ threshold: 0.5, precision: 0.5, recall: 1 }]);
    expect(averagePrecision([0.5, 0.5], [1, 0])).toBe(0.5);
  });

  it('recall at a precision target, with the threshold reaching it', () => {
    expect(recallAtPrecision(scores, labels, 0.9)).toEqual({ recall: 1 / 3, threshold: 0.9 });
    expect(recallAtPrecision(scores, labels, 0.7)).toEqual({ recall: 1, threshold: 0.6 });
    expect(recallAtPrecision([0.9, 0.8], [0, 1], 0.9)).toEqual({ recall: 0, threshold: null });
  });

  it('confusion counts at a threshold (score ≥ threshold is flagged)', () => {
    expect(confusionAt(scores, labels, 0.7)).toEqual({
      threshold: 0.7,
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
      precision: 2 / 3,
      recall: 2 / 3,
    });
  });

  it('best F1 threshold', () => {
    // at 0.6: P 3/4, R 1 → F1 6/7 (the best)
    expect(bestF1Threshold(scores, labels)).toBe(0.6);
  });
});
