import { describe, expect, it } from 'vitest';
import { trainGradientBoosting } from './gradient-boosting.trainer.js';
import { sigmoid } from './linear-model.evaluator.js';
import { ensembleContributions, ensembleMargin } from './tree-ensemble.evaluator.js';

describe('trainGradientBoosting', () => {
  // Label: x0 > 5 xor x1 > 5 (needs depth ≥ 2); feature 2 is noise.
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 20; j++) {
      rows.push(Float32Array.of(i / 2, j / 2, (i * 7 + j * 3) % 10));
      labels.push(i / 2 > 5 !== j / 2 > 5 ? 1 : 0);
    }
  }
  const model = trainGradientBoosting(rows, labels, { trees: 30, depth: 2, learningRate: 0.3, minSamplesLeaf: 5 });

  it('fits an interaction the trees can express', () => {
    const errors = rows.filter((r, i) => (sigmoid(ensembleMargin(model, r)) >= 0.5 ? 1 : 0) !== labels[i]).length;
    expect(errors).toBe(0);
    expect(model.trees).toHaveLength(30);
    expect(model.trees.every((t) => t.feature.filter((f) => f >= 0).length <= 3)).toBe(true);
  });

  it('starts from the log-odds of the prior and uses data values (float32) as thresholds', () => {
    const prior = labels.filter(Boolean).length / labels.length;
    expect(model.baseScore).toBeCloseTo(Math.log(prior / (1 - prior)), 6);
    const values = new Set(rows.flatMap((r) => Array.from(r)));
    for (const t of model.trees) t.feature.forEach((f, k) => f >= 0 && expect(values.has(t.threshold[k])).toBe(true));
  });

  it('credits the informative features, never the noise, and the credits add up', () => {
    const { margin, bias, contributions } = ensembleContributions(model, rows[250], 3);
    expect(bias + contributions[0] + contributions[1] + contributions[2]).toBeCloseTo(margin, 9);
    expect(margin).toBeCloseTo(ensembleMargin(model, rows[250]), 9);
    expect(model.trees.every((t) => !t.feature.includes(2))).toBe(true);
    expect(contributions[2]).toBe(0);
  });

  it('is deterministic', () => {
    expect(trainGradientBoosting(rows, labels, { trees: 5 })).toEqual(
      trainGradientBoosting(rows, labels, { trees: 5 }),
    );
  });
});
