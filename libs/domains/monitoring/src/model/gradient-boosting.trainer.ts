import { fillExpectedValues, type RegressionTree, type TreeEnsemble } from './tree-ensemble.evaluator.js';

/**
 * Gradient-boosted regression trees for binary classification with the logistic loss (Newton steps, as in
 * XGBoost/LightGBM): each tree fits the gradient g = p − y and hessian h = p(1 − p) of the current log-odds, splits
 * maximise G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), leaves output −η·G/(H+λ). Split candidates are histogram bins:
 * up to `bins` − 1 cut points per feature taken from the data's own (float32) values at quantiles, so a threshold
 * compares exactly the same way in training, in our evaluator and in onnxruntime. Deterministic: no sampling.
 */
export interface GradientBoostingOptions {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty λ on leaf values. */
  lambda: number;
  minSamplesLeaf: number;
  /** Minimum hessian sum per child. */
  minChildWeight: number;
  bins: number;
}

export const DEFAULT_GRADIENT_BOOSTING: GradientBoostingOptions = {
  trees: 80,
  depth: 3,
  learningRate: 0.2,
  lambda: 1,
  minSamplesLeaf: 10,
  minChildWeight: 1e-3,
  bins: 64,
};

/** Sorted cut points of one feature: bin(x) = first k with x ≤ cuts[k], or cuts.length. */
function cutPoints(values: Float32Array, bins: number): number[] {
  const sorted = Float32Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= 1) return [];
  if (distinct.length <= bins) return distinct.slice(0, -1);
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bins)];
    // The largest value is never a cut (nothing would go right).
    if (v < distinct[distinct.length - 1] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  return cuts;
}

function binOf(cuts: number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function trainGradientBoosting(
  rows: readonly Float32Array[],
  labels: ArrayLike<number>,
  options: Partial<GradientBoostingOptions> = {},
): TreeEnsemble {
  const opt = { ...DEFAULT_GRADIENT_BOOSTING, ...options };
  const n = rows.length;
  if (n === 0) throw new RangeError('no training rows');
  const featureCount = rows[0].length;

  // Column-major binned copy of the data.
  const cuts: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let f = 0; f < featureCount; f++) {
    const column = new Float32Array(n);
    for (let i = 0; i < n; i++) column[i] = rows[i][f];
    const c = cutPoints(column, Math.min(opt.bins, 256));
    cuts.push(c);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = binOf(c, column[i]);
    binned.push(b);
  }

  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ? 1 : 0;
  const prior = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  const baseScore = Math.fround(Math.log(prior / (1 - prior)));
  const margin = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: RegressionTree[] = [];

  for (let t = 0; t < opt.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]));
      grad[i] = p - (labels[i] ? 1 : 0);
      hess[i] = Math.max(p * (1 - p), 1e-12);
    }
    const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    growNode(tree, all, 0);
    fillExpectedValues(tree);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (tree.feature[node] >= 0) {
        node = rows[i][tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      }
      margin[i] += tree.value[node];
    }
  }
  return { baseScore, trees };

  function newNode(tree: RegressionTree): number {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.cover.push(0);
    return tree.feature.length - 1;
  }

  function growNode(tree: RegressionTree, samples: Uint32Array, depth: number): number {
    const node = newNode(tree);
    let G = 0;
    let H = 0;
    for (const i of samples) {
      G += grad[i];
      H += hess[i];
    }
    tree.cover[node] = samples.length;
    tree.value[node] = Math.fround((-opt.learningRate * G) / (H + opt.lambda));
    if (depth >= opt.depth || samples.length < 2 * opt.minSamplesLeaf) return node;

    const parentScore = (G * G) / (H + opt.lambda);
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = -1;
    const histG = new Float64Array(257);
    const histH = new Float64Array(257);
    const histN = new Uint32Array(257);
    for (let f = 0; f < featureCount; f++) {
      const c = cuts[f];
      if (c.length === 0) continue;
      histG.fill(0, 0, c.length + 1);
      histH.fill(0, 0, c.length + 1);
      histN.fill(0, 0, c.length + 1);
      const b = binned[f];
      for (const i of samples) {
        histG[b[i]] += grad[i];
        histH[b[i]] += hess[i];
        histN[b[i]]++;
      }
      let gl = 0;
      let hl = 0;
      let nl = 0;
      for (let k = 0; k < c.length; k++) {
        gl += histG[k];
        hl += histH[k];
        nl += histN[k];
        const nr = samples.length - nl;
        if (nl < opt.minSamplesLeaf) continue;
        if (nr < opt.minSamplesLeaf) break;
        const hr = H - hl;
        if (hl < opt.minChildWeight || hr < opt.minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + opt.lambda) + (gr * gr) / (hr + opt.lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = k;
        }
      }
    }
    if (bestFeature < 0) return node;

    const b = binned[bestFeature];
    let leftCount = 0;
    for (const i of samples) if (b[i] <= bestBin) leftCount++;
    const leftSamples = new Uint32Array(leftCount);
    const rightSamples = new Uint32Array(samples.length - leftCount);
    let li = 0;
    let ri = 0;
    for (const i of samples) {
      if (b[i] <= bestBin) leftSamples[li++] = i;
      else rightSamples[ri++] = i;
    }
    tree.feature[node] = bestFeature;
    tree.threshold[node] = cuts[bestFeature][bestBin];
    tree.left[node] = growNode(tree, leftSamples, depth + 1);
    tree.right[node] = growNode(tree, rightSamples, depth + 1);
    return node;
  }
}
