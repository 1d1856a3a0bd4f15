import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { readDefaultModel } from '../model/default-model.reader.js';
import { trainGradientBoosting } from '../model/gradient-boosting.trainer.js';
import { trainLogisticRegression } from '../model/logistic-regression.trainer.js';
import { buildLinearModel, buildTreeEnsembleModel } from '../model/onnx-model.builder.js';
import type { LoadedModel } from './decision-model.loader.js';
import { OnnxModelLoader } from './onnx-model.loader.js';

const F = MODEL_FEATURES.length;

function toyRows(n: number, seed: number): { rows: Float32Array[]; labels: Uint8Array } {
  let s = seed;
  const random = (): number => (s = (s * 16_807) % 2_147_483_647) / 2_147_483_647;
  const rows = Array.from({ length: n }, () => Float32Array.from({ length: F }, () => random() * 10));
  const labels = Uint8Array.from(rows, (x) => (x[0] + 0.5 * x[3] + 3 * random() > 10 ? 1 : 0));
  return { rows, labels };
}

/**
 * The batch decision scores a wave's rows with one call per model when the model says each row's score is then exactly
 * what scoring the row alone gives (the single-transaction path); the loader must say so only when it is true.
 */
describe('OnnxModelLoader: which models score many rows in one call exactly as one row at a time', () => {
  const { rows, labels } = toyRows(600, 7);
  const loader = new OnnxModelLoader();
  const models: [string, LoadedModel][] = [];

  beforeAll(async () => {
    models.push(['default model', await loader.load((await readDefaultModel()).bytes)]);
    models.push([
      'tree ensemble',
      await loader.load(buildTreeEnsembleModel(trainGradientBoosting(rows, labels, { trees: 20 }))),
    ]);
    models.push(['linear', await loader.load(buildLinearModel(trainLogisticRegression(rows, labels)))]);
  });

  afterAll(async () => {
    for (const [, model] of models) await model.release();
  });

  it('marks tree ensembles (the default model too) as independent, linear models not', () => {
    expect(models.map(([kind, m]) => [kind, m.scoresRowsIndependently])).toEqual([
      ['default model', true],
      ['tree ensemble', true],
      ['linear', false],
    ]);
  });

  it('gives the same bits for 257 rows in one call as one at a time, for the models marked independent', async () => {
    const wave = rows.slice(0, 257);
    for (const [kind, model] of models.filter(([, m]) => m.scoresRowsIndependently)) {
      const batched = await model.score(wave);
      const alone = [];
      for (const row of wave) alone.push((await model.score([row]))[0]);
      expect(batched, kind).toEqual(alone);
      expect(await model.score(wave.slice(0, 7)), kind).toEqual(alone.slice(0, 7));
    }
  });
});
