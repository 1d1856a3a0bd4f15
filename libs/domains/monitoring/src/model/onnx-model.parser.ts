import onnxProto from 'onnx-proto';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import type { LinearModel } from './linear-model.evaluator.js';
import { META_BASELINE, META_FEATURES, META_KIND, META_TREE_COVERS } from './onnx-model.builder.js';
import { fillExpectedValues, type RegressionTree, type TreeEnsemble } from './tree-ensemble.evaluator.js';

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type AttributeProto = onnxProto.onnx.IAttributeProto;

/**
 * Reads an ONNX model the way the scorer needs it and lists what keeps it from being one: the supported shapes are
 * - tree_ensemble: ai.onnx.ml TreeEnsembleRegressor (one target, SUM, modes BRANCH_LEQ/LT/GTE/GT) on the input,
 *   followed by a Sigmoid (or with post_transform LOGISTIC) giving the probability;
 * - linear: ai.onnx.ml LinearClassifier (binary, post_transform LOGISTIC) on the input; probability = column 1.
 * The single input must be float [N, F] with F = MODEL_FEATURES.length, and metadata 'verity.features' must list
 * MODEL_FEATURES in order. The parsed structure gives the scorer its own evaluation for the contributions.
 */
export type ModelKind = 'tree_ensemble' | 'linear';

export interface ModelInspection {
  /** 'unknown' only when the model has problems. */
  kind: ModelKind | 'unknown';
  inputs: { name: string; shape: (number | string)[] }[];
  outputs: { name: string }[];
  featureNames: string[] | null;
  /** Operators as `domain:opType` (the default domain as 'ai.onnx'). */
  operators: string[];
  /** How contributions are computed: 'exact' (linear), 'saabas_cover' or 'saabas_uniform' (trees), or null. */
  attribution: 'exact' | 'saabas_cover' | 'saabas_uniform' | null;
  /** Empty when the model fits MODEL_FEATURES and can be scored. */
  problems: string[];
}

export interface ProbabilityOutput {
  name: string;
  /** Column of the suspicious class in a [N, width] output. */
  column: number;
  width: number;
}

export type ParsedScoring =
  | { kind: 'tree_ensemble'; ensemble: TreeEnsemble; probability: ProbabilityOutput }
  | { kind: 'linear'; model: LinearModel; probability: ProbabilityOutput };

export interface ParsedModel {
  inspection: ModelInspection;
  /** Present when there are no problems. */
  scoring: ParsedScoring | null;
  inputName: string | null;
}

const ML = 'ai.onnx.ml';
const decoder = new TextDecoder();
/** int64 fields decode as numbers or as Long objects (typed loosely by onnx-proto). */
function toNumber(v: unknown): number {
  if (v == null) return 0;
  if (typeof v === 'number') return v;
  return (v as { toNumber(): number }).toNumber();
}

function attribute(node: NodeProto, name: string): AttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}
const attrString = (node: NodeProto, name: string, fallback: string): string => {
  const a = attribute(node, name);
  return a?.s && a.s.length > 0 ? decoder.decode(a.s) : fallback;
};
const attrInt = (node: NodeProto, name: string, fallback: number): number => {
  const a = attribute(node, name);
  return a && a.i != null ? toNumber(a.i as unknown) : fallback;
};
const attrInts = (node: NodeProto, name: string): number[] =>
  ((attribute(node, name)?.ints ?? []) as unknown[]).map(toNumber);
const attrFloats = (node: NodeProto, name: string): number[] => attribute(node, name)?.floats ?? [];
const attrStrings = (node: NodeProto, name: string): string[] =>
  (attribute(node, name)?.strings ?? []).map((s) => decoder.decode(s));

/** The largest float32 below x: for float32 inputs, `v < x` is `v ≤ previousFloat32(x)`. */
function previousFloat32(x: number): number {
  const f = Math.fround(x);
  if (f === 0) return -1.401298464324817e-45;
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, f);
  const bits = view.getUint32(0);
  view.setUint32(0, f > 0 ? bits - 1 : bits + 1);
  return view.getFloat32(0);
}

function parseTrees(
  node: NodeProto,
  metadata: Map<string, string>,
  problems: string[],
): { ensemble: TreeEnsemble; covered: boolean } | null {
  if (attrInt(node, 'n_targets', 1) !== 1) problems.push('TreeEnsembleRegressor must have n_targets = 1');
  if (attrString(node, 'aggregate_function', 'SUM') !== 'SUM')
    problems.push('TreeEnsembleRegressor must aggregate by SUM');
  if (attribute(node, 'nodes_values_as_tensor') || attribute(node, 'target_weights_as_tensor')) {
    problems.push('TreeEnsembleRegressor with *_as_tensor attributes is not supported');
  }
  const treeIds = attrInts(node, 'nodes_treeids');
  const nodeIds = attrInts(node, 'nodes_nodeids');
  const featureIds = attrInts(node, 'nodes_featureids');
  const modes = attrStrings(node, 'nodes_modes');
  const values = attrFloats(node, 'nodes_values');
  const trueIds = attrInts(node, 'nodes_truenodeids');
  const falseIds = attrInts(node, 'nodes_falsenodeids');
  const hitRates = attrFloats(node, 'nodes_hitrates');
  const count = treeIds.length;
  if ([nodeIds, featureIds, modes, values, trueIds, falseIds].some((a) => a.length !== count) || count === 0) {
    problems.push('TreeEnsembleRegressor node attributes are missing or of different lengths');
    return null;
  }
  const targetTrees = attrInts(node, 'target_treeids');
  const targetNodes = attrInts(node, 'target_nodeids');
  const targetIds = attrInts(node, 'target_ids');
  const targetWeights = attrFloats(node, 'target_weights');

  let covers: number[][] | null = null;
  const coverText = metadata.get(META_TREE_COVERS);
  if (coverText) {
    try {
      const parsed: unknown = JSON.parse(coverText);
      if (Array.isArray(parsed) && parsed.every((t) => Array.isArray(t) && t.every((c) => typeof c === 'number'))) {
        covers = parsed;
      }
    } catch {
      covers = null;
    }
  }

  // Group nodes per tree; remap each tree so that its root (the node nobody points to) is index 0.
  const byTree = new Map<number, number[]>();
  for (let k = 0; k < count; k++) byTree.set(treeIds[k], [...(byTree.get(treeIds[k]) ?? []), k]);
  const leafWeight = new Map<string, number>();
  for (let k = 0; k < targetTrees.length; k++) {
    if (targetIds[k] !== 0) continue;
    const key = `${targetTrees[k]}:${targetNodes[k]}`;
    leafWeight.set(key, (leafWeight.get(key) ?? 0) + (targetWeights[k] ?? 0));
  }
  // Saabas needs each leaf's training cover: our own metadata, else ONNX nodes_hitrates, else every leaf weighs 1.
  let covered = true;
  const trees: RegressionTree[] = [];
  for (const [treeId, entries] of [...byTree.entries()].sort((a, b) => a[0] - b[0])) {
    const byNodeId = new Map(entries.map((k) => [nodeIds[k], k]));
    const children = new Set<number>();
    for (const k of entries) {
      if (modes[k] !== 'LEAF') {
        children.add(trueIds[k]);
        children.add(falseIds[k]);
      }
    }
    const roots = entries.filter((k) => !children.has(nodeIds[k]));
    if (roots.length !== 1) {
      problems.push(`tree ${treeId} has no single root`);
      return null;
    }
    const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
    const treeCovers = covers?.[treeId];
    const seen = new Set<number>();
    const visit = (k: number): number => {
      if (seen.has(k)) throw new Error(`tree ${treeId} is not a tree (node ${nodeIds[k]} is reached twice)`);
      seen.add(k);
      const index = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      tree.cover.push(0);
      const mode = modes[k];
      if (mode === 'LEAF') {
        const cover = treeCovers?.[nodeIds[k]] ?? hitRates[k];
        if (cover === undefined || !(cover > 0)) covered = false;
        tree.cover[index] = cover !== undefined && cover > 0 ? cover : 1;
        tree.value[index] = leafWeight.get(`${treeId}:${nodeIds[k]}`) ?? 0;
        return index;
      }
      const t = byNodeId.get(trueIds[k]);
      const f = byNodeId.get(falseIds[k]);
      if (t === undefined || f === undefined)
        throw new Error(`tree ${treeId} node ${nodeIds[k]} points to a missing node`);
      const feature = featureIds[k];
      if (feature < 0 || feature >= MODEL_FEATURES.length)
        throw new Error(`tree ${treeId} uses feature index ${feature}`);
      // Everything becomes "x ≤ threshold → left".
      let threshold: number;
      let [leftK, rightK] = [t, f];
      switch (mode) {
        case 'BRANCH_LEQ':
          threshold = Math.fround(values[k]);
          break;
        case 'BRANCH_LT':
          threshold = previousFloat32(values[k]);
          break;
        case 'BRANCH_GT':
          threshold = Math.fround(values[k]);
          [leftK, rightK] = [f, t];
          break;
        case 'BRANCH_GTE':
          threshold = previousFloat32(values[k]);
          [leftK, rightK] = [f, t];
          break;
        default:
          throw new Error(`node mode ${mode} is not supported`);
      }
      tree.feature[index] = feature;
      tree.threshold[index] = threshold;
      tree.left[index] = visit(leftK);
      tree.right[index] = visit(rightK);
      return index;
    };
    try {
      visit(roots[0]);
    } catch (error) {
      problems.push((error as Error).message);
      return null;
    }
    fillExpectedValues(tree);
    trees.push(tree);
  }
  const base = attrFloats(node, 'base_values');
  return { ensemble: { baseScore: base[0] ?? 0, trees }, covered };
}

function parseLinear(node: NodeProto, metadata: Map<string, string>, problems: string[]): LinearModel | null {
  const F = MODEL_FEATURES.length;
  const coefficients = attrFloats(node, 'coefficients');
  const intercepts = attrFloats(node, 'intercepts');
  const labels = attrInts(node, 'classlabels_ints').length || attrStrings(node, 'classlabels_strings').length;
  if (labels !== 2) problems.push('LinearClassifier must be binary (two class labels)');
  if (attrString(node, 'post_transform', 'NONE') !== 'LOGISTIC')
    problems.push('LinearClassifier must use post_transform LOGISTIC');
  if (coefficients.length !== 2 * F || intercepts.length !== 2) {
    problems.push(`LinearClassifier needs 2 × ${F} coefficients and 2 intercepts (one row per class)`);
    return null;
  }
  let baseline: number[] = new Array<number>(F).fill(0);
  const text = metadata.get(META_BASELINE);
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.length === F && parsed.every((v) => typeof v === 'number')) baseline = parsed;
      else problems.push(`metadata ${META_BASELINE} must be ${F} numbers`);
    } catch {
      problems.push(`metadata ${META_BASELINE} is not JSON`);
    }
  }
  return { weights: coefficients.slice(F), intercept: intercepts[1], baseline };
}

function shapeOf(info: onnxProto.onnx.IValueInfoProto): { elemType: number | null; shape: (number | string)[] | null } {
  const tensor = info.type?.tensorType;
  if (!tensor) return { elemType: null, shape: null };
  const dims = tensor.shape?.dim ?? null;
  return {
    elemType: tensor.elemType ?? null,
    shape: dims
      ? dims.map((d) => (d.dimParam ? d.dimParam : d.dimValue != null ? toNumber(d.dimValue as unknown) : '?'))
      : null,
  };
}

export function parseOnnxModel(bytes: Uint8Array): ParsedModel {
  const problems: string[] = [];
  const empty = (problem: string): ParsedModel => ({
    inspection: {
      kind: 'unknown',
      inputs: [],
      outputs: [],
      featureNames: null,
      operators: [],
      attribution: null,
      problems: [problem],
    },
    scoring: null,
    inputName: null,
  });
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return empty(`not an ONNX model: ${(error as Error).message}`);
  }
  const graph = model.graph;
  const nodes = graph?.node ?? [];
  if (!graph || nodes.length === 0) return empty('not an ONNX model: no graph');

  const metadata = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name));
  const inspection: ModelInspection = {
    kind: 'unknown',
    inputs: inputs.map((i) => ({ name: i.name ?? '', shape: shapeOf(i).shape ?? [] })),
    outputs: (graph.output ?? []).map((o) => ({ name: o.name ?? '' })),
    featureNames: null,
    operators: [...new Set(nodes.map((n) => `${n.domain || 'ai.onnx'}:${n.opType}`))],
    attribution: null,
    problems,
  };

  // Input: one float [N, F].
  const F = MODEL_FEATURES.length;
  let inputName: string | null = null;
  if (inputs.length !== 1) problems.push(`expected exactly one input, found ${inputs.length}`);
  else {
    inputName = inputs[0].name ?? '';
    const { elemType, shape } = shapeOf(inputs[0]);
    if (elemType !== onnx.TensorProto.DataType.FLOAT) problems.push(`input ${inputName} must be a float tensor`);
    if (!shape || shape.length !== 2 || shape[1] !== F) {
      problems.push(`input ${inputName} must have shape [N, ${F}], found [${(shape ?? []).join(', ')}]`);
    }
  }

  // Feature list.
  const featureText = metadata.get(META_FEATURES);
  if (featureText === undefined) problems.push(`metadata ${META_FEATURES} is missing`);
  else {
    try {
      const parsed: unknown = JSON.parse(featureText);
      if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string')) throw new Error('not a list of names');
      inspection.featureNames = parsed;
      const names = parsed;
      const missing = MODEL_FEATURES.filter((n) => !names.includes(n));
      const unknown = names.filter((n) => !MODEL_FEATURES.includes(n));
      if (missing.length > 0) problems.push(`features missing from the model: ${missing.join(', ')}`);
      if (unknown.length > 0) problems.push(`unknown features in the model: ${unknown.join(', ')}`);
      if (missing.length === 0 && unknown.length === 0 && names.some((n, i) => n !== MODEL_FEATURES[i])) {
        problems.push('features are not in the order of the feature schema');
      }
    } catch (error) {
      problems.push(`metadata ${META_FEATURES} must be a JSON list of feature names (${(error as Error).message})`);
    }
  }

  // Operators: one scoring node on the input, optionally a Sigmoid after a tree ensemble.
  const supported = new Set([`${ML}:TreeEnsembleRegressor`, `${ML}:LinearClassifier`, 'ai.onnx:Sigmoid']);
  for (const op of inspection.operators) {
    if (!supported.has(op)) {
      problems.push(
        op.endsWith(':TreeEnsembleClassifier')
          ? 'unsupported operator ai.onnx.ml:TreeEnsembleClassifier (export the log-odds with TreeEnsembleRegressor + Sigmoid)'
          : `unsupported operator ${op}`,
      );
    }
  }
  const scorers = nodes.filter(
    (n) => n.domain === ML && (n.opType === 'TreeEnsembleRegressor' || n.opType === 'LinearClassifier'),
  );
  if (scorers.length !== 1) {
    problems.push(
      scorers.length === 0
        ? 'not an ai.onnx.ml classifier: no TreeEnsembleRegressor or LinearClassifier'
        : 'more than one scoring operator',
    );
    return { inspection, scoring: null, inputName };
  }
  const scorer = scorers[0];
  if ((scorer.input ?? [])[0] !== inputName) problems.push(`${scorer.opType} must read the model input directly`);
  const outputNames = new Set(inspection.outputs.map((o) => o.name));
  const declaredKind = metadata.get(META_KIND);

  let scoring: ParsedScoring | null = null;
  if (scorer.opType === 'TreeEnsembleRegressor') {
    inspection.kind = 'tree_ensemble';
    const margin = scorer.output?.[0] ?? '';
    let probabilityName: string | null = null;
    if (attrString(scorer, 'post_transform', 'NONE') === 'LOGISTIC') probabilityName = margin;
    else if (attrString(scorer, 'post_transform', 'NONE') === 'NONE') {
      const sig = nodes.find((n) => n.opType === 'Sigmoid' && (n.input ?? [])[0] === margin);
      probabilityName = sig?.output?.[0] ?? null;
    } else problems.push('TreeEnsembleRegressor post_transform must be NONE (with a Sigmoid) or LOGISTIC');
    if (!probabilityName || !outputNames.has(probabilityName)) {
      problems.push('no probability output: the tree ensemble log-odds must go through a Sigmoid to a graph output');
    }
    const parsed = parseTrees(scorer, metadata, problems);
    if (parsed && probabilityName) {
      inspection.attribution = parsed.covered ? 'saabas_cover' : 'saabas_uniform';
      scoring = {
        kind: 'tree_ensemble',
        ensemble: parsed.ensemble,
        probability: { name: probabilityName, column: 0, width: 1 },
      };
    }
  } else {
    inspection.kind = 'linear';
    const probabilityName = scorer.output?.[1];
    if (!probabilityName || !outputNames.has(probabilityName))
      problems.push('no probability output: LinearClassifier scores must be a graph output');
    const parsed = parseLinear(scorer, metadata, problems);
    if (parsed && probabilityName) {
      inspection.attribution = 'exact';
      scoring = { kind: 'linear', model: parsed, probability: { name: probabilityName, column: 1, width: 2 } };
    }
  }
  if (declaredKind !== undefined && declaredKind !== inspection.kind) {
    problems.push(`metadata ${META_KIND} says ${declaredKind} but the graph is ${inspection.kind}`);
  }
  return { inspection, scoring: problems.length > 0 ? null : scoring, inputName };
}

/** What H7 shows and checks on upload: inputs, outputs, kind, features and the problems (empty = acceptable). */
export function inspectModel(bytes: Uint8Array): ModelInspection {
  return parseOnnxModel(bytes).inspection;
}
