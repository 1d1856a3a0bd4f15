import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { buildLinearModel, buildTreeEnsembleModel } from './onnx-model.builder.js';
import { inspectModel } from './onnx-model.parser.js';
import type { TreeEnsemble } from './tree-ensemble.evaluator.js';

const { onnx } = onnxProto;
const F = MODEL_FEATURES.length;
const stump = (feature = 0): TreeEnsemble => ({
  baseScore: 0,
  trees: [
    {
      feature: [feature, -1, -1],
      threshold: [1, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, -1, 1],
      cover: [2, 1, 1],
    },
  ],
});
const linear = { weights: new Array<number>(F).fill(0.1), intercept: -1, baseline: new Array<number>(F).fill(0) };

function edit(
  bytes: Uint8Array,
  change: (m: onnxProto.onnx.ModelProto, g: onnxProto.onnx.GraphProto) => void,
): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  change(model, model.graph as onnxProto.onnx.GraphProto);
  return onnx.ModelProto.encode(model).finish();
}

describe('inspectModel', () => {
  it('accepts the models we build', () => {
    expect(inspectModel(buildTreeEnsembleModel(stump())).problems).toEqual([]);
    expect(inspectModel(buildLinearModel(linear)).problems).toEqual([]);
  });

  it('flags a model built for 3 inputs', () => {
    const result = inspectModel(buildTreeEnsembleModel(stump(), { featureNames: ['amount', 'logAmount', 'foo'] }));
    expect(result.inputs).toEqual([{ name: 'features', shape: ['N', 3] }]);
    expect(result.featureNames).toEqual(['amount', 'logAmount', 'foo']);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        `input features must have shape [N, ${F}], found [N, 3]`,
        expect.stringMatching(/^features missing from the model: customerCount1h, /),
        'unknown features in the model: foo',
      ]),
    );
  });

  it('flags features in another order, and a missing or malformed feature list', () => {
    const reversed = inspectModel(buildLinearModel(linear, { featureNames: [...MODEL_FEATURES].reverse() }));
    expect(reversed.problems).toEqual(['features are not in the order of the feature schema']);
    const missing = edit(buildLinearModel(linear), (m) => {
      m.metadataProps = m.metadataProps.filter((p) => p.key !== 'verity.features');
    });
    expect(inspectModel(missing).problems).toEqual(['metadata verity.features is missing']);
    expect(inspectModel(buildLinearModel(linear, { metadata: { 'verity.features': '{"a":1}' } })).problems).toEqual([
      expect.stringMatching(/^metadata verity.features must be a JSON list of feature names/),
    ]);
  });

  it('flags two inputs and a non-float input', () => {
    const two = edit(buildLinearModel(linear), (_m, g) => {
      g.input.push(onnx.ValueInfoProto.create({ name: 'extra', type: g.input[0].type }));
    });
    expect(inspectModel(two).problems).toContain('expected exactly one input, found 2');
    const ints = edit(buildLinearModel(linear), (_m, g) => {
      g.input[0].type!.tensorType!.elemType = onnx.TensorProto.DataType.INT64;
    });
    expect(inspectModel(ints).problems).toContain('input features must be a float tensor');
  });

  it('flags unsupported operators and graphs that are not an ai.onnx.ml classifier', () => {
    const withAdd = edit(buildLinearModel(linear), (_m, g) => {
      g.node.push(
        onnx.NodeProto.create({ opType: 'Add', input: ['probabilities', 'probabilities'], output: ['twice'] }),
      );
    });
    expect(inspectModel(withAdd).problems).toEqual(['unsupported operator ai.onnx:Add']);
    const onlyAdd = edit(buildLinearModel(linear), (_m, g) => {
      g.node = [onnx.NodeProto.create({ opType: 'Add', input: ['features', 'features'], output: ['probabilities'] })];
    });
    const result = inspectModel(onlyAdd);
    expect(result.kind).toBe('unknown');
    expect(result.problems).toEqual([
      'unsupported operator ai.onnx:Add',
      'not an ai.onnx.ml classifier: no TreeEnsembleRegressor or LinearClassifier',
    ]);
    const classifier = edit(buildTreeEnsembleModel(stump()), (_m, g) => {
      g.node[0].opType = 'TreeEnsembleClassifier';
    });
    expect(inspectModel(classifier).problems[0]).toMatch(/unsupported operator ai.onnx.ml:TreeEnsembleClassifier/);
  });

  it('flags a tree ensemble without a probability output and a mismatched kind', () => {
    const noSigmoid = edit(buildTreeEnsembleModel(stump()), (_m, g) => {
      g.node = [g.node[0]];
    });
    expect(inspectModel(noSigmoid).problems).toEqual([
      'no probability output: the tree ensemble log-odds must go through a Sigmoid to a graph output',
    ]);
    expect(inspectModel(buildTreeEnsembleModel(stump(), { metadata: { 'verity.kind': 'linear' } })).problems).toEqual([
      'metadata verity.kind says linear but the graph is tree_ensemble',
    ]);
  });

  it('flags a multi-class linear classifier', () => {
    const multi = edit(buildLinearModel(linear), (_m, g) => {
      const labels = (g.node[0] as onnxProto.onnx.NodeProto).attribute.find((a) => a.name === 'classlabels_ints')!;
      labels.ints = [0, 1, 2];
    });
    expect(inspectModel(multi).problems).toContain('LinearClassifier must be binary (two class labels)');
  });

  it('flags a tree whose nodes do not form a tree', () => {
    const broken = edit(buildTreeEnsembleModel(stump()), (_m, g) => {
      const node = g.node[0] as onnxProto.onnx.NodeProto;
      node.attribute.find((a) => a.name === 'nodes_falsenodeids')!.ints = [1, 0, 0];
    });
    expect(inspectModel(broken).problems).toEqual(['tree 0 has no single root']);
  });

  it('answers garbage with a problem instead of throwing', () => {
    expect(inspectModel(new TextEncoder().encode('definitely not a protobuf'))).toMatchObject({
      kind: 'unknown',
      problems: [expect.stringMatching(/^not an ONNX model/)],
    });
    expect(inspectModel(new Uint8Array()).problems).toEqual(['not an ONNX model: no graph']);
  });
});
