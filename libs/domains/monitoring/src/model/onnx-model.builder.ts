import onnxProto from 'onnx-proto';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import type { LinearModel } from './linear-model.evaluator.js';
import type { TreeEnsemble } from './tree-ensemble.evaluator.js';

const { onnx } = onnxProto;

/**
 * Writes models as ONNX (ai.onnx.ml) with one float input 'features' [N, F] (F = MODEL_FEATURES.length) and a
 * float output 'probability' (tree ensembles, [N, 1]) or 'probabilities' (linear, [N, 2], column 1 = suspicious).
 * Metadata: 'verity.features' (JSON MODEL_FEATURES), 'verity.kind' ('tree_ensemble' | 'linear'), and for the
 * attributions 'verity.tree_covers' (training rows per node, per tree) or 'verity.baseline' (training means).
 */
export const MODEL_INPUT_NAME = 'features';
export const META_FEATURES = 'verity.features';
export const META_KIND = 'verity.kind';
export const META_TREE_COVERS = 'verity.tree_covers';
export const META_BASELINE = 'verity.baseline';

export interface ModelBuildOptions {
  /** Graph name and doc string (e.g. the training run). */
  name?: string;
  description?: string;
  /** Input width; defaults to MODEL_FEATURES.length (tests override it to build wrong models). */
  featureNames?: readonly string[];
  /** Extra metadata_props. */
  metadata?: Record<string, string>;
}

type Attr = onnxProto.onnx.IAttributeProto;
const { AttributeType } = onnx.AttributeProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const attr = {
  int: (name: string, i: number): Attr => ({ name, type: AttributeType.INT, i }),
  ints: (name: string, ints: number[]): Attr => ({ name, type: AttributeType.INTS, ints }),
  floats: (name: string, floats: number[]): Attr => ({ name, type: AttributeType.FLOATS, floats }),
  string: (name: string, s: string): Attr => ({ name, type: AttributeType.STRING, s: utf8(s) }),
  strings: (name: string, strings: string[]): Attr => ({
    name,
    type: AttributeType.STRINGS,
    strings: strings.map(utf8),
  }),
};

function tensorInfo(name: string, elemType: number, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function encodeModel(
  kind: 'tree_ensemble' | 'linear',
  nodes: onnxProto.onnx.INodeProto[],
  outputs: onnxProto.onnx.IValueInfoProto[],
  extraMetadata: Record<string, string>,
  options: ModelBuildOptions,
): Uint8Array {
  const featureNames = options.featureNames ?? MODEL_FEATURES;
  const metadata: Record<string, string> = {
    [META_FEATURES]: JSON.stringify(featureNames),
    [META_KIND]: kind,
    ...extraMetadata,
    ...options.metadata,
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'verity',
    producerVersion: '1',
    modelVersion: 1,
    docString: options.description ?? '',
    opsetImport: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: {
      name: options.name ?? `verity_${kind}`,
      node: nodes,
      input: [tensorInfo(MODEL_INPUT_NAME, FLOAT, ['N', featureNames.length])],
      output: outputs,
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

/** TreeEnsembleRegressor (the log-odds) followed by Sigmoid: output 'probability' [N, 1]. */
export function buildTreeEnsembleModel(model: TreeEnsemble, options: ModelBuildOptions = {}): Uint8Array {
  const n = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
  };
  const t = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  model.trees.forEach((tree, treeId) => {
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.feature[i] < 0;
      n.treeIds.push(treeId);
      n.nodeIds.push(i);
      n.featureIds.push(leaf ? 0 : tree.feature[i]);
      n.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      n.values.push(leaf ? 0 : tree.threshold[i]);
      n.trueIds.push(leaf ? 0 : tree.left[i]);
      n.falseIds.push(leaf ? 0 : tree.right[i]);
      n.missingTrue.push(leaf ? 0 : 1);
      if (leaf) {
        t.treeIds.push(treeId);
        t.nodeIds.push(i);
        t.ids.push(0);
        t.weights.push(tree.value[i]);
      }
    }
  });
  const regressor: onnxProto.onnx.INodeProto = {
    name: 'trees',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: [MODEL_INPUT_NAME],
    output: ['margin'],
    attribute: [
      attr.string('aggregate_function', 'SUM'),
      attr.floats('base_values', [model.baseScore]),
      attr.int('n_targets', 1),
      attr.ints('nodes_falsenodeids', n.falseIds),
      attr.ints('nodes_featureids', n.featureIds),
      attr.ints('nodes_missing_value_tracks_true', n.missingTrue),
      attr.strings('nodes_modes', n.modes),
      attr.ints('nodes_nodeids', n.nodeIds),
      attr.ints('nodes_treeids', n.treeIds),
      attr.ints('nodes_truenodeids', n.trueIds),
      attr.floats('nodes_values', n.values),
      attr.string('post_transform', 'NONE'),
      attr.ints('target_ids', t.ids),
      attr.ints('target_nodeids', t.nodeIds),
      attr.ints('target_treeids', t.treeIds),
      attr.floats('target_weights', t.weights),
    ],
  };
  const sigmoidNode: onnxProto.onnx.INodeProto = {
    name: 'to_probability',
    opType: 'Sigmoid',
    domain: '',
    input: ['margin'],
    output: ['probability'],
  };
  return encodeModel(
    'tree_ensemble',
    [regressor, sigmoidNode],
    [tensorInfo('probability', FLOAT, ['N', 1])],
    { [META_TREE_COVERS]: JSON.stringify(model.trees.map((tree) => tree.cover)) },
    options,
  );
}

/**
 * LinearClassifier with two classes (scores −z and z, logistic post-transform, so column 1 = σ(z) and
 * column 0 = 1 − σ(z)): outputs 'label' int64 [N] and 'probabilities' float [N, 2].
 */
export function buildLinearModel(model: LinearModel, options: ModelBuildOptions = {}): Uint8Array {
  const classifier: onnxProto.onnx.INodeProto = {
    name: 'linear',
    opType: 'LinearClassifier',
    domain: 'ai.onnx.ml',
    input: [MODEL_INPUT_NAME],
    output: ['label', 'probabilities'],
    attribute: [
      attr.ints('classlabels_ints', [0, 1]),
      attr.floats('coefficients', [...model.weights.map((w) => -w), ...model.weights]),
      attr.floats('intercepts', [-model.intercept, model.intercept]),
      attr.int('multi_class', 0),
      attr.string('post_transform', 'LOGISTIC'),
    ],
  };
  return encodeModel(
    'linear',
    [classifier],
    [tensorInfo('label', INT64, ['N']), tensorInfo('probabilities', FLOAT, ['N', 2])],
    { [META_BASELINE]: JSON.stringify(model.baseline) },
    options,
  );
}
