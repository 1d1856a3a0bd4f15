/**
 * A logistic-regression model: log-odds = intercept + Σ weight_i × x_i. `baseline` is the reference point of the
 * attributions (the training means, stored in the ONNX metadata as 'verity.baseline').
 */
export interface LinearModel {
  weights: number[];
  intercept: number;
  baseline: number[];
}

export function linearMargin(model: LinearModel, row: ArrayLike<number>): number {
  let margin = model.intercept;
  for (let i = 0; i < model.weights.length; i++) margin += model.weights[i] * row[i];
  return margin;
}

/**
 * Exact additive attribution: contribution_i = w_i × (x_i − baseline_i), bias = intercept + Σ w_i × baseline_i, so
 * bias + Σ contributions = the log-odds.
 */
export function linearContributions(
  model: LinearModel,
  row: ArrayLike<number>,
): { margin: number; bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(model.weights.length);
  let bias = model.intercept;
  let margin = model.intercept;
  for (let i = 0; i < model.weights.length; i++) {
    const baseline = model.baseline[i] ?? 0;
    bias += model.weights[i] * baseline;
    contributions[i] = model.weights[i] * (row[i] - baseline);
    margin += model.weights[i] * row[i];
  }
  return { margin, bias, contributions };
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
