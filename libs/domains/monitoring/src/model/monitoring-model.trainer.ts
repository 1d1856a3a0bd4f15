import { DEFAULT_FEATURE_CONFIG, modelInput, type FeatureConfig } from '../feature/feature.deriver.js';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { computeFeatureVectors } from '../synthetic/feature-aggregates.calculator.js';
import { SeededRandom } from '../synthetic/seeded.random.js';
import {
  TYPOLOGIES,
  generateSyntheticDataset,
  type SyntheticOptions,
  type Typology,
} from '../synthetic/synthetic-transaction.generator.js';
import {
  DEFAULT_GRADIENT_BOOSTING,
  trainGradientBoosting,
  type GradientBoostingOptions,
} from './gradient-boosting.trainer.js';
import { linearMargin, sigmoid, type LinearModel } from './linear-model.evaluator.js';
import { trainLogisticRegression } from './logistic-regression.trainer.js';
import {
  averagePrecision,
  bestF1Threshold,
  confusionAt,
  recallAtPrecision,
  type Confusion,
} from './model-evaluation.calculator.js';
import { buildLinearModel, buildTreeEnsembleModel } from './onnx-model.builder.js';
import { ensembleMargin, type TreeEnsemble } from './tree-ensemble.evaluator.js';

/**
 * The whole training run behind `npm run model:train`: generate a synthetic history, derive the production
 * features for every transaction (in time order, as the pipeline would), split by customer into train and test,
 * fit the model on train, evaluate on test, and write it as ONNX. Deterministic for given options.
 */
export interface MonitoringModelTrainingOptions extends SyntheticOptions {
  kind: 'tree_ensemble' | 'linear';
  /** Share of customers held out for evaluation. */
  testFraction: number;
  boosting?: Partial<GradientBoostingOptions>;
  featureConfig?: FeatureConfig;
}

export const DEFAULT_TRAINING: MonitoringModelTrainingOptions = {
  kind: 'tree_ensemble',
  seed: 20_261_121,
  customers: 600,
  days: 75,
  typologyRate: 0.25,
  testFraction: 0.3,
};

export interface SplitSummary {
  customers: number;
  transactions: number;
  positives: number;
}

export interface TypologyResult {
  transactions: number;
  flagged: number;
  recall: number;
  meanScore: number;
}

export interface ModelEvaluationReport {
  model: {
    kind: 'tree_ensemble' | 'linear';
    features: string[];
    boosting: GradientBoostingOptions | null;
    trees: number | null;
  };
  data: {
    generator: { seed: number; customers: number; days: number; typologyRate: number };
    transactions: number;
    train: SplitSummary;
    test: SplitSummary;
  };
  metrics: {
    prAuc: number;
    /** Positive share of the test split: the PR-AUC of a random ranking. */
    prAucBaseline: number;
    recallAtPrecision: Record<'0.9' | '0.95', { recall: number; threshold: number | null }>;
    /** How the threshold below was chosen. */
    thresholdRule: string;
    confusion: Confusion;
  };
  /** Test-split transactions per typology: how many the model flags at the chosen threshold. */
  typologies: Record<Typology, TypologyResult>;
  /** Set by the training script: the largest |onnxruntime − own| probability over the test split. */
  onnxruntimeMaxAbsDiff?: number;
}

export interface MonitoringModelTrainingResult {
  bytes: Uint8Array;
  evaluation: ModelEvaluationReport;
  /** The fitted model (for tests and diagnostics). */
  fitted: { kind: 'tree_ensemble'; ensemble: TreeEnsemble } | { kind: 'linear'; model: LinearModel };
  /** Test rows and their own-evaluation probabilities (to compare with onnxruntime). */
  test: { rows: Float32Array[]; labels: Uint8Array; probabilities: Float64Array; typologies: Typology[] };
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function trainMonitoringModel(options: MonitoringModelTrainingOptions): MonitoringModelTrainingResult {
  const cfg = options.featureConfig ?? DEFAULT_FEATURE_CONFIG;
  const dataset = generateSyntheticDataset(options);
  const vectors = computeFeatureVectors(dataset.transactions, cfg);
  const rows = vectors.map(modelInput);

  const ids = dataset.customers.map((c) => c.customerId).sort();
  new SeededRandom(options.seed ^ 0x5eed).shuffle(ids);
  const testCustomers = new Set(ids.slice(0, Math.round(ids.length * options.testFraction)));
  const split = { train: [] as number[], test: [] as number[] };
  dataset.transactions.forEach((t, i) => split[testCustomers.has(t.customerId) ? 'test' : 'train'].push(i));
  const labelOf = (i: number): number => (dataset.transactions[i].typology === 'normal' ? 0 : 1);
  const summary = (indices: number[]): SplitSummary => ({
    customers: new Set(indices.map((i) => dataset.transactions[i].customerId)).size,
    transactions: indices.length,
    positives: indices.reduce((s, i) => s + labelOf(i), 0),
  });

  const trainRows = split.train.map((i) => rows[i]);
  const trainLabels = Uint8Array.from(split.train, labelOf);
  const testRows = split.test.map((i) => rows[i]);
  const testLabels = Uint8Array.from(split.test, labelOf);

  let bytes: Uint8Array;
  let fitted: MonitoringModelTrainingResult['fitted'];
  let predict: (row: Float32Array) => number;
  const boosting = { ...DEFAULT_GRADIENT_BOOSTING, ...options.boosting };
  const description = `verity ${options.kind} trained by npm run model:train (seed ${options.seed}, ${options.customers} customers, ${options.days} days)`;
  if (options.kind === 'tree_ensemble') {
    const ensemble = trainGradientBoosting(trainRows, trainLabels, boosting);
    fitted = { kind: 'tree_ensemble', ensemble };
    bytes = buildTreeEnsembleModel(ensemble, { name: 'verity_default_model', description });
    predict = (row) => sigmoid(ensembleMargin(ensemble, row));
  } else {
    const model = trainLogisticRegression(trainRows, trainLabels);
    fitted = { kind: 'linear', model };
    bytes = buildLinearModel(model, { name: 'verity_linear_model', description });
    predict = (row) => sigmoid(linearMargin(model, row));
  }

  const probabilities = Float64Array.from(testRows, predict);
  const at90 = recallAtPrecision(probabilities, testLabels, 0.9);
  const at95 = recallAtPrecision(probabilities, testLabels, 0.95);
  const threshold = at90.threshold ?? bestF1Threshold(probabilities, testLabels);
  const confusion = confusionAt(probabilities, testLabels, threshold);
  const testTypologies = split.test.map((i) => dataset.transactions[i].typology);
  const typologies = {} as Record<Typology, TypologyResult>;
  for (const typology of ['normal', ...TYPOLOGIES] as Typology[]) {
    const idx = testTypologies.flatMap((t, k) => (t === typology ? [k] : []));
    const flagged = idx.filter((k) => probabilities[k] >= threshold).length;
    typologies[typology] = {
      transactions: idx.length,
      flagged,
      recall: idx.length > 0 ? round(flagged / idx.length) : 0,
      meanScore: idx.length > 0 ? round(idx.reduce((s, k) => s + probabilities[k], 0) / idx.length) : 0,
    };
  }

  const test = summary(split.test);
  const evaluation: ModelEvaluationReport = {
    model: {
      kind: options.kind,
      features: [...MODEL_FEATURES],
      boosting: options.kind === 'tree_ensemble' ? boosting : null,
      trees: fitted.kind === 'tree_ensemble' ? fitted.ensemble.trees.length : null,
    },
    data: {
      generator: {
        seed: options.seed,
        customers: options.customers,
        days: options.days,
        typologyRate: options.typologyRate,
      },
      transactions: dataset.transactions.length,
      train: summary(split.train),
      test,
    },
    metrics: {
      prAuc: round(averagePrecision(probabilities, testLabels)),
      prAucBaseline: round(test.transactions > 0 ? test.positives / test.transactions : 0),
      recallAtPrecision: {
        '0.9': { recall: round(at90.recall), threshold: at90.threshold === null ? null : round(at90.threshold, 6) },
        '0.95': { recall: round(at95.recall), threshold: at95.threshold === null ? null : round(at95.threshold, 6) },
      },
      thresholdRule:
        at90.threshold !== null
          ? 'lowest score threshold with precision ≥ 0.9 on the test split'
          : 'best F1 on the test split (precision 0.9 not reachable)',
      confusion: {
        ...confusion,
        threshold: round(confusion.threshold, 6),
        precision: round(confusion.precision),
        recall: round(confusion.recall),
      },
    },
    typologies,
  };
  return {
    bytes,
    evaluation,
    fitted,
    test: { rows: testRows, labels: testLabels, probabilities, typologies: testTypologies },
  };
}

/** The evaluation as Markdown (written beside the model as default-model.evaluation.md). */
export function renderEvaluationMarkdown(
  report: ModelEvaluationReport,
  extra: { onnxruntimeMaxAbsDiff?: number } = {},
): string {
  const { data, metrics, model } = report;
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines = [
    '# Default monitoring model: evaluation',
    '',
    'Written by `npm run model:train` (scripts/model-train.ts); do not edit by hand.',
    '',
    '## Model',
    '',
    `- Kind: ${model.kind}${model.trees !== null ? `, ${model.trees} trees` : ''}` +
      (model.boosting
        ? ` of depth ≤ ${model.boosting.depth}, learning rate ${model.boosting.learningRate}, λ ${model.boosting.lambda}, ` +
          `≥ ${model.boosting.minSamplesLeaf} rows per leaf, ${model.boosting.bins} bins`
        : ''),
    `- Inputs: ${model.features.length} features (MODEL_FEATURES, see docs/features.md)`,
    '- Output: probability that the transaction belongs to a planted typology',
    ...(extra.onnxruntimeMaxAbsDiff !== undefined
      ? [
          `- onnxruntime vs own evaluation on the test split: max |Δprobability| = ${extra.onnxruntimeMaxAbsDiff.toExponential(2)}`,
        ]
      : []),
    '',
    '## Data',
    '',
    `Synthetic generator (libs/domains/monitoring/src/synthetic): seed ${data.generator.seed}, ` +
      `${data.generator.customers} customers, ${data.generator.days} days, typology rate ${data.generator.typologyRate}; ` +
      `${data.transactions} transactions. Split by customer.`,
    '',
    '| split | customers | transactions | suspicious |',
    '|---|---:|---:|---:|',
    `| train | ${data.train.customers} | ${data.train.transactions} | ${data.train.positives} |`,
    `| test | ${data.test.customers} | ${data.test.transactions} | ${data.test.positives} |`,
    '',
    '## Metrics (test split)',
    '',
    `- PR-AUC (average precision): **${metrics.prAuc.toFixed(4)}** (random ranking: ${metrics.prAucBaseline.toFixed(4)})`,
    `- Recall at precision ≥ 0.90: **${pct(metrics.recallAtPrecision['0.9'].recall)}** (threshold ${metrics.recallAtPrecision['0.9'].threshold ?? 'n/a'})`,
    `- Recall at precision ≥ 0.95: **${pct(metrics.recallAtPrecision['0.95'].recall)}** (threshold ${metrics.recallAtPrecision['0.95'].threshold ?? 'n/a'})`,
    '',
    `Confusion at threshold ${metrics.confusion.threshold} (${metrics.thresholdRule}):`,
    '',
    '| | flagged | not flagged |',
    '|---|---:|---:|',
    `| suspicious | ${metrics.confusion.truePositives} | ${metrics.confusion.falseNegatives} |`,
    `| normal | ${metrics.confusion.falsePositives} | ${metrics.confusion.trueNegatives} |`,
    '',
    `Precision ${pct(metrics.confusion.precision)}, recall ${pct(metrics.confusion.recall)}.`,
    '',
    '## By typology (test split, at the threshold above)',
    '',
    '| typology | transactions | flagged | share flagged | mean score |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(report.typologies).map(
      ([name, r]) => `| ${name} | ${r.transactions} | ${r.flagged} | ${pct(r.recall)} | ${r.meanScore.toFixed(4)} |`,
    ),
    '',
    'The typologies are documented in libs/domains/monitoring/src/synthetic/README.md. These numbers measure how well',
    'the model recovers the planted patterns of this generator; they are not a promise about real traffic.',
    '',
  ];
  return lines.join('\n');
}
