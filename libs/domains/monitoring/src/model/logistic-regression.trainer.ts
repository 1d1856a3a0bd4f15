import type { LinearModel } from './linear-model.evaluator.js';

/**
 * Logistic regression by full-batch gradient descent (Adam) on standardised features with an L2 penalty; the
 * result is mapped back to raw features (w_raw = w / σ, b_raw = b − Σ w μ / σ), with the training means as the
 * attribution baseline. Deterministic. Meant for small models and for tests of exact contributions.
 */
export interface LogisticRegressionOptions {
  epochs: number;
  learningRate: number;
  l2: number;
}

export function trainLogisticRegression(
  rows: readonly Float32Array[],
  labels: ArrayLike<number>,
  options: Partial<LogisticRegressionOptions> = {},
): LinearModel {
  const { epochs = 300, learningRate = 0.05, l2 = 1e-3 } = options;
  const n = rows.length;
  if (n === 0) throw new RangeError('no training rows');
  const f = rows[0].length;
  const mean = new Float64Array(f);
  const std = new Float64Array(f);
  for (const row of rows) for (let j = 0; j < f; j++) mean[j] += row[j] / n;
  for (const row of rows) for (let j = 0; j < f; j++) std[j] += (row[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < f; j++) std[j] = Math.sqrt(std[j]) || 1;

  const w = new Float64Array(f + 1); // last: intercept
  const m = new Float64Array(f + 1);
  const v = new Float64Array(f + 1);
  const g = new Float64Array(f + 1);
  const z = new Float64Array(f);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let s = w[f];
      for (let j = 0; j < f; j++) {
        z[j] = (rows[i][j] - mean[j]) / std[j];
        s += w[j] * z[j];
      }
      const err = 1 / (1 + Math.exp(-s)) - (labels[i] ? 1 : 0);
      for (let j = 0; j < f; j++) g[j] += (err * z[j]) / n;
      g[f] += err / n;
    }
    for (let j = 0; j < f; j++) g[j] += l2 * w[j];
    for (let j = 0; j <= f; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      const mh = m[j] / (1 - 0.9 ** epoch);
      const vh = v[j] / (1 - 0.999 ** epoch);
      w[j] -= (learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const weights = Array.from({ length: f }, (_, j) => Math.fround(w[j] / std[j]));
  let intercept = w[f];
  for (let j = 0; j < f; j++) intercept -= (w[j] * mean[j]) / std[j];
  return { weights, intercept: Math.fround(intercept), baseline: Array.from(mean, (x) => Math.fround(x)) };
}
