import { describe, expect, it } from 'vitest';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { TYPOLOGIES } from '../synthetic/synthetic-transaction.generator.js';
import { ModelScorer } from './model.scorer.js';
import { renderEvaluationMarkdown, trainMonitoringModel } from './monitoring-model.trainer.js';
import { inspectModel } from './onnx-model.parser.js';

const small = { seed: 11, customers: 150, days: 30, typologyRate: 0.3, testFraction: 0.3 };

describe('trainMonitoringModel (small run)', () => {
  const result = trainMonitoringModel({ ...small, kind: 'tree_ensemble', boosting: { trees: 25 } });

  it('ranks the planted typologies far above chance on held-out customers', () => {
    const { metrics, data } = result.evaluation;
    expect(data.test.positives).toBeGreaterThan(20);
    expect(data.train.customers + data.test.customers).toBeGreaterThanOrEqual(150);
    expect(metrics.prAucBaseline).toBeLessThan(0.1);
    expect(metrics.prAuc).toBeGreaterThan(0.6);
    expect(metrics.recallAtPrecision['0.9'].recall).toBeGreaterThan(0.4);
    const c = metrics.confusion;
    expect(c.truePositives + c.falseNegatives).toBe(data.test.positives);
    expect(c.truePositives + c.falsePositives + c.trueNegatives + c.falseNegatives).toBe(data.test.transactions);
    for (const t of TYPOLOGIES) expect(result.evaluation.typologies[t]).toBeDefined();
  });

  it('writes a clean ONNX model that onnxruntime scores like our evaluation', async () => {
    expect(inspectModel(result.bytes).problems).toEqual([]);
    const scorer = await ModelScorer.load(result.bytes);
    const scores = await scorer.score(result.test.rows.slice(0, 500));
    await scorer.release();
    scores.forEach((s, i) => expect(Math.abs(s.probability - result.test.probabilities[i])).toBeLessThan(1e-5));
  });

  it('is deterministic: the same options give the same bytes', () => {
    const again = trainMonitoringModel({ ...small, kind: 'tree_ensemble', boosting: { trees: 25 } });
    expect(Buffer.from(again.bytes).equals(Buffer.from(result.bytes))).toBe(true);
    expect(again.evaluation).toEqual(result.evaluation);
  });

  it('renders the report', () => {
    const md = renderEvaluationMarkdown(result.evaluation, { onnxruntimeMaxAbsDiff: 1e-7 });
    expect(md).toContain(`PR-AUC (average precision): **${result.evaluation.metrics.prAuc.toFixed(4)}**`);
    expect(md).toContain(`| mule | ${result.evaluation.typologies.mule.transactions} |`);
    expect(md).toContain(`${MODEL_FEATURES.length} features`);
  });

  it('also trains a linear model', () => {
    const linear = trainMonitoringModel({ ...small, kind: 'linear' });
    expect(inspectModel(linear.bytes)).toMatchObject({ kind: 'linear', problems: [] });
    expect(linear.evaluation.metrics.prAuc).toBeGreaterThan(linear.evaluation.metrics.prAucBaseline * 3);
  });
});
