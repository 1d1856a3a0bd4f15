import { describe, expect, it } from 'vitest';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { readDefaultModel } from './default-model.reader.js';
import { ModelScorer } from './model.scorer.js';
import { inspectModel } from './onnx-model.parser.js';

describe('the shipped default model', () => {
  it('is found, fits the feature schema, scores, and carries its evaluation', async () => {
    const model = await readDefaultModel();
    expect(model.path).toMatch(/libs\/domains\/monitoring\/models\/default-model\.onnx$/);
    expect(inspectModel(model.bytes)).toMatchObject({
      kind: 'tree_ensemble',
      problems: [],
      featureNames: [...MODEL_FEATURES],
    });
    expect(model.evaluation.metrics.prAuc).toBeGreaterThan(0.8);
    expect(model.evaluation.model.features).toEqual([...MODEL_FEATURES]);
    const scorer = await ModelScorer.load(model.bytes);
    const [quiet] = await scorer.score([new Float32Array(MODEL_FEATURES.length)]);
    await scorer.release();
    expect(quiet.probability).toBeGreaterThanOrEqual(0);
    expect(quiet.probability).toBeLessThan(0.5);
  });
});
