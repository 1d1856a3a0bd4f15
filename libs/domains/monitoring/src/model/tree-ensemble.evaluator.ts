/**
 * A binary-classification tree ensemble in log-odds space (what the trainer fits, what the ONNX builder writes and
 * what the ONNX parser reads back) and its own evaluation: the margin, and Saabas path attributions.
 *
 * Node i of a tree: leaf when feature[i] < 0 (value[i] is its output); otherwise x[feature] ≤ threshold goes to
 * left[i] (ONNX "true" branch, BRANCH_LEQ), else right[i]. Thresholds and leaf values are float32-representable,
 * rows are Float32Array, so comparisons agree exactly with onnxruntime.
 */
export interface RegressionTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Leaves: the output. Internal nodes: the cover-weighted mean of the leaves below (the node's expected output). */
  value: number[];
  /** Training rows that reached each node (or 1 per leaf when unknown, i.e. an equal-weight expectation). */
  cover: number[];
}

export interface TreeEnsemble {
  /** Added to the sum of the trees (log-odds of the training prior). */
  baseScore: number;
  trees: RegressionTree[];
}

export function treeLeaf(tree: RegressionTree, row: ArrayLike<number>): number {
  let i = 0;
  while (tree.feature[i] >= 0) i = row[tree.feature[i]] <= tree.threshold[i] ? tree.left[i] : tree.right[i];
  return i;
}

/** Log-odds: base score plus every tree's leaf value. */
export function ensembleMargin(model: TreeEnsemble, row: ArrayLike<number>): number {
  let margin = model.baseScore;
  for (const tree of model.trees) margin += tree.value[treeLeaf(tree, row)];
  return margin;
}

/** Recomputes internal node values as the cover-weighted mean of their children (post-order from the leaves). */
export function fillExpectedValues(tree: RegressionTree): void {
  const visit = (i: number): void => {
    if (tree.feature[i] < 0) return;
    visit(tree.left[i]);
    visit(tree.right[i]);
    const l = tree.left[i];
    const r = tree.right[i];
    const cover = tree.cover[l] + tree.cover[r];
    tree.cover[i] = cover;
    tree.value[i] = cover > 0 ? (tree.value[l] * tree.cover[l] + tree.value[r] * tree.cover[r]) / cover : 0;
  };
  visit(0);
}

/**
 * Saabas attribution: walking each tree from the root to x's leaf, the change of the node's expected value at each
 * split is credited to the split's feature. Per tree the credits add up to leaf − root value, so over the ensemble
 * `bias + Σ contributions = margin` with `bias = baseScore + Σ root values`.
 */
export function ensembleContributions(
  model: TreeEnsemble,
  row: ArrayLike<number>,
  featureCount: number,
): { margin: number; bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(featureCount);
  let bias = model.baseScore;
  let margin = model.baseScore;
  for (const tree of model.trees) {
    bias += tree.value[0];
    let i = 0;
    while (tree.feature[i] >= 0) {
      const next = row[tree.feature[i]] <= tree.threshold[i] ? tree.left[i] : tree.right[i];
      contributions[tree.feature[i]] += tree.value[next] - tree.value[i];
      i = next;
    }
    margin += tree.value[i];
  }
  return { margin, bias, contributions };
}
