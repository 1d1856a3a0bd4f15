import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { trainGradientBoosting } from './gradient-boosting.trainer.js';
import { linearMargin, sigmoid, type LinearModel } from './linear-model.evaluator.js';
import { trainLogisticRegression } from './logistic-regression.trainer.js';
import { ModelScoreError, ModelScorer } from './model.scorer.js';
import { buildLinearModel, buildTreeEnsembleModel } from './onnx-model.builder.js';
import { inspectModel } from './onnx-model.parser.js';
import { ensembleMargin, fillExpectedValues, type TreeEnsemble } from './tree-ensemble.evaluator.js';

const { onnx } = onnxProto;
const F = MODEL_FEATURES.length;

/** A deterministic toy problem: suspicious when feature 0 and feature 3 are large. */
function toyData(n: number, seed = 1): { rows: Float32Array[]; labels: Uint8Array } {
  let s = seed;
  const random = (): number => (s = (s * 16_807) % 2_147_483_647) / 2_147_483_647;
  const rows = Array.from({ length: n }, () => Float32Array.from({ length: F }, () => random() * 10));
  const labels = Uint8Array.from(rows, (x) => (x[0] + 0.5 * x[3] + 3 * random() > 10 ? 1 : 0));
  return { rows, labels };
}

function sum(xs: { contribution: number }[]): number {
  return xs.reduce((s, c) => s + c.contribution, 0);
}

describe('tree ensemble ONNX round trip', () => {
  const { rows, labels } = toyData(1500);
  const ensemble = trainGradientBoosting(rows, labels, { trees: 25 });
  const bytes = buildTreeEnsembleModel(ensemble);
  let scorer: ModelScorer;
  beforeAll(async () => (scorer = await ModelScorer.load(bytes)));
  afterAll(async () => scorer.release());

  it('inspects clean: one float input [N, F], the feature list and kind', () => {
    expect(inspectModel(bytes)).toMatchObject({
      kind: 'tree_ensemble',
      inputs: [{ name: 'features', shape: ['N', F] }],
      outputs: [{ name: 'probability' }],
      featureNames: [...MODEL_FEATURES],
      attribution: 'saabas_cover',
      problems: [],
    });
  });

  it("onnxruntime's probability equals our own evaluation", async () => {
    const sample = rows.slice(0, 200);
    const scores = await scorer.score(sample);
    scores.forEach((s, i) =>
      expect(Math.abs(s.probability - sigmoid(ensembleMargin(ensemble, sample[i])))).toBeLessThan(1e-5),
    );
    expect(new Set(scores.map((s) => s.probability.toFixed(4))).size).toBeGreaterThan(5);
  });

  it('contributions sum to the log-odds minus the bias, cover every feature, largest first', async () => {
    const [score] = await scorer.score([rows[7]]);
    expect(score.contributions.map((c) => c.feature).sort()).toEqual([...MODEL_FEATURES].sort());
    expect(score.bias + sum(score.contributions)).toBeCloseTo(score.margin, 5);
    expect(Math.abs(score.margin - Math.log(score.probability / (1 - score.probability)))).toBeLessThan(1e-3);
    const magnitudes = score.contributions.map((c) => Math.abs(c.contribution));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    expect(score.contributions.find((c) => c.feature === MODEL_FEATURES[0])?.value).toBe(rows[7][0]);
    // The signal lives in features 0 and 3: they carry most of the attribution.
    expect([MODEL_FEATURES[0], MODEL_FEATURES[3]]).toContain(score.contributions[0].feature);
  });

  it('Saabas on one stump: the split feature gets leaf − expected value', async () => {
    const stump: TreeEnsemble = {
      baseScore: -2,
      trees: [
        {
          feature: [4, -1, -1],
          threshold: [5, 0, 0],
          left: [1, -1, -1],
          right: [2, -1, -1],
          value: [0, -1, 1],
          cover: [0, 3, 1],
        },
      ],
    };
    fillExpectedValues(stump.trees[0]);
    expect(stump.trees[0].value[0]).toBe(-0.5);
    const model = await ModelScorer.load(buildTreeEnsembleModel(stump));
    const high = new Float32Array(F).fill(0);
    high[4] = 7;
    const [score] = await model.score([high]);
    await model.release();
    expect(score.probability).toBeCloseTo(sigmoid(-1), 6);
    expect(score.bias).toBeCloseTo(-2.5, 6);
    expect(score.contributions[0]).toEqual({ feature: MODEL_FEATURES[4], value: 7, contribution: 1.5 });
    expect(score.contributions.slice(1).every((c) => c.contribution === 0)).toBe(true);
  });

  it('reads trees written with BRANCH_LT and BRANCH_GT the same way onnxruntime does', async () => {
    const decoded = onnx.ModelProto.decode(bytes);
    const node = decoded.graph!.node![0];
    const modes = node.attribute!.find((a) => a.name === 'nodes_modes')!;
    const trueIds = node.attribute!.find((a) => a.name === 'nodes_truenodeids')!;
    const falseIds = node.attribute!.find((a) => a.name === 'nodes_falsenodeids')!;
    const text = modes.strings!.map((s) => new TextDecoder().decode(s));
    // Even nodes: x < t; odd nodes: x > t with the branches swapped. Thresholds are data values, so ties matter.
    text.forEach((mode, k) => {
      if (mode === 'LEAF') return;
      if (k % 2 === 0) modes.strings![k] = new TextEncoder().encode('BRANCH_LT');
      else {
        modes.strings![k] = new TextEncoder().encode('BRANCH_GT');
        [trueIds.ints![k], falseIds.ints![k]] = [falseIds.ints![k], trueIds.ints![k]];
      }
    });
    const changed = onnx.ModelProto.encode(decoded).finish();
    expect(inspectModel(changed).problems).toEqual([]);
    const model = await ModelScorer.load(changed);
    const scores = await model.score(rows.slice(0, 300));
    await model.release();
    for (const s of scores) {
      expect(Math.abs(s.probability - sigmoid(s.margin))).toBeLessThan(1e-5);
      expect(s.bias + sum(s.contributions)).toBeCloseTo(s.margin, 5);
    }
  });

  it('without stored covers, falls back to equal leaf weights and still adds up', async () => {
    const decoded = onnx.ModelProto.decode(bytes);
    decoded.metadataProps = decoded.metadataProps.filter((p) => p.key !== 'verity.tree_covers');
    const bare = onnx.ModelProto.encode(decoded).finish();
    expect(inspectModel(bare).attribution).toBe('saabas_uniform');
    const model = await ModelScorer.load(bare);
    const [score] = await model.score([rows[3]]);
    await model.release();
    expect(score.bias + sum(score.contributions)).toBeCloseTo(score.margin, 5);
  });

  it('rejects rows of the wrong width', async () => {
    await expect(scorer.score([new Float32Array(3)])).rejects.toThrow(/3 values/);
  });
});

describe('linear ONNX round trip', () => {
  const { rows, labels } = toyData(800, 5);
  const model: LinearModel = trainLogisticRegression(rows, labels, { epochs: 150 });
  const bytes = buildLinearModel(model);

  it('inspects clean as linear with exact attribution', () => {
    expect(inspectModel(bytes)).toMatchObject({
      kind: 'linear',
      attribution: 'exact',
      problems: [],
      outputs: [{ name: 'label' }, { name: 'probabilities' }],
    });
  });

  it('probability equals σ(w·x + b) and contributions are exactly w_i × (x_i − baseline_i)', async () => {
    const scorer = await ModelScorer.load(bytes);
    const sample = rows.slice(0, 50);
    const scores = await scorer.score(sample);
    await scorer.release();
    scores.forEach((s, i) => {
      expect(Math.abs(s.probability - sigmoid(linearMargin(model, sample[i])))).toBeLessThan(1e-5);
      expect(s.bias + sum(s.contributions)).toBeCloseTo(s.margin, 6);
      for (const c of s.contributions) {
        const j = MODEL_FEATURES.indexOf(c.feature);
        expect(c.contribution).toBeCloseTo(model.weights[j] * (sample[i][j] - model.baseline[j]), 10);
      }
    });
    // The trained weights point the right way.
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[3]).toBeGreaterThan(0);
  });

  it('a row at the baseline has no contributions and scores the bias', async () => {
    const scorer = await ModelScorer.load(bytes);
    const [score] = await scorer.score([Float32Array.from(model.baseline)]);
    await scorer.release();
    expect(score.contributions.every((c) => Math.abs(c.contribution) < 1e-6)).toBe(true);
    expect(score.probability).toBeCloseTo(sigmoid(score.bias), 5);
  });
});

describe('ModelScorer.load', () => {
  it('refuses a model with problems', async () => {
    const bytes = buildTreeEnsembleModel(trainGradientBoosting(toyData(100).rows, toyData(100).labels, { trees: 2 }), {
      featureNames: ['a', 'b'],
    });
    await expect(ModelScorer.load(bytes)).rejects.toBeInstanceOf(ModelScoreError);
  });
});
