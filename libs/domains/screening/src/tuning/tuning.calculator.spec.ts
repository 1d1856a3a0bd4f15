import { describe, expect, it } from 'vitest';
import { suggestThreshold, thresholdPoints, tuningReport, type LabelledHit } from './tuning.calculator.js';

const hit = (score: number, truth: boolean, listSource = 'ofac_sdn'): LabelledHit => ({ listSource, score, truth });

describe('tuning report', () => {
  // Three true matches (0.95, 0.9, 0.72) and three false positives (0.88, 0.7, 0.6).
  const labelled = [
    hit(0.95, true),
    hit(0.9, true),
    hit(0.72, true),
    hit(0.88, false),
    hit(0.7, false),
    hit(0.6, false),
  ];

  it('counts precision and recall at each threshold over the adjudicated hits', () => {
    const points = thresholdPoints(labelled);
    expect(points.map((p) => p.threshold)).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]);
    const at = (t: number) => points.find((p) => p.threshold === t)!;
    expect(at(0.5)).toMatchObject({
      truePositives: 3,
      falsePositives: 3,
      falseNegatives: 0,
      precision: 0.5,
      recall: 1,
    });
    expect(at(0.75)).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(at(0.75).precision).toBeCloseTo(2 / 3);
    expect(at(0.75).recall).toBeCloseTo(2 / 3);
    expect(at(0.9)).toMatchObject({ truePositives: 2, falsePositives: 0, precision: 1 });
    expect(at(0.9).recall).toBeCloseTo(2 / 3);
    expect(at(1)).toMatchObject({ truePositives: 0, falsePositives: 0, precision: null, recall: 0, f1: null });
  });

  it('suggests the threshold with the best F1, the highest one on a tie', () => {
    // F1: 0.5 → 0.67, 0.65 and 0.7 → 0.75, 0.75 to 0.85 → 0.67, 0.9 → 0.8, 0.95 → 0.5.
    expect(suggestThreshold(thresholdPoints(labelled))).toBe(0.9);
    const tie = thresholdPoints([hit(0.97, true), hit(0.55, false)]);
    // Every threshold from 0.6 to 0.95 has F1 1: the highest wins.
    expect(suggestThreshold(tie)).toBe(0.95);
  });

  it('reports per list and for all lists, with no suggestion without a true match', () => {
    const report = tuningReport([...labelled, hit(0.9, false, 'pep')]);
    expect(report.map((r) => r.listSource)).toEqual(['ofac_sdn', 'pep', 'all']);
    expect(report[1]).toMatchObject({ adjudicated: 1, trueMatches: 0, falsePositives: 1, suggestedThreshold: null });
    expect(report[2]).toMatchObject({ adjudicated: 7, trueMatches: 3, falsePositives: 4 });
  });
});
