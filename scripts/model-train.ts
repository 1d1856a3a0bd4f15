import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MODEL_EVALUATION_FILE,
  DEFAULT_MODEL_FILE,
  DEFAULT_MODEL_REPORT_FILE,
  DEFAULT_TRAINING,
  ModelScorer,
  inspectModel,
  monitoringModelsDir,
  renderEvaluationMarkdown,
  trainMonitoringModel,
} from '@domains/monitoring';

/**
 * `npm run model:train`: trains the default monitoring model on the synthetic generator's history and writes
 * libs/domains/monitoring/models/default-model.onnx with default-model.evaluation.json and .md beside it (commit
 * them). Options: --seed, --customers, --days, --typology-rate, --trees, --kind tree_ensemble|linear, --out <dir>.
 * Before writing, the model is checked: inspectModel reports no problem, and onnxruntime's probabilities equal our
 * own evaluation on the whole test split.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    customers: { type: 'string' },
    days: { type: 'string' },
    'typology-rate': { type: 'string' },
    trees: { type: 'string' },
    kind: { type: 'string' },
    out: { type: 'string' },
  },
});
const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));
const kind = (values.kind ?? DEFAULT_TRAINING.kind) as 'tree_ensemble' | 'linear';
if (kind !== 'tree_ensemble' && kind !== 'linear') throw new Error('--kind must be tree_ensemble or linear');
const options = {
  ...DEFAULT_TRAINING,
  kind,
  seed: num(values.seed, DEFAULT_TRAINING.seed),
  customers: num(values.customers, DEFAULT_TRAINING.customers),
  days: num(values.days, DEFAULT_TRAINING.days),
  typologyRate: num(values['typology-rate'], DEFAULT_TRAINING.typologyRate),
  boosting: values.trees ? { trees: num(values.trees, 80) } : undefined,
};

const started = Date.now();
console.log(`training ${kind} on ${options.customers} customers × ${options.days} days (seed ${options.seed})…`);
const result = trainMonitoringModel(options);
const problems = inspectModel(result.bytes).problems;
if (problems.length > 0) throw new Error(`the trained model has problems: ${problems.join('; ')}`);

const scorer = await ModelScorer.load(result.bytes);
let maxDiff = 0;
const batch = 1000;
for (let i = 0; i < result.test.rows.length; i += batch) {
  const scores = await scorer.score(result.test.rows.slice(i, i + batch));
  scores.forEach((s, k) => (maxDiff = Math.max(maxDiff, Math.abs(s.probability - result.test.probabilities[i + k]))));
}
await scorer.release();
if (maxDiff > 1e-5) throw new Error(`onnxruntime disagrees with our evaluation by ${maxDiff}`);

const dir = values.out ? resolve(values.out) : monitoringModelsDir();
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, DEFAULT_MODEL_FILE), result.bytes);
writeFileSync(
  join(dir, DEFAULT_MODEL_EVALUATION_FILE),
  `${JSON.stringify({ ...result.evaluation, onnxruntimeMaxAbsDiff: maxDiff }, null, 2)}\n`,
);
writeFileSync(
  join(dir, DEFAULT_MODEL_REPORT_FILE),
  renderEvaluationMarkdown(result.evaluation, { onnxruntimeMaxAbsDiff: maxDiff }),
);
const m = result.evaluation.metrics;
console.log(
  `PR-AUC ${m.prAuc}, recall@P0.9 ${m.recallAtPrecision['0.9'].recall}, recall@P0.95 ${m.recallAtPrecision['0.95'].recall}; ` +
    `onnxruntime max |Δp| ${maxDiff.toExponential(2)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`wrote ${join(dir, DEFAULT_MODEL_FILE)} (${result.bytes.length} bytes) and its evaluation`);
