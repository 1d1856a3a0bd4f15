import * as ort from 'onnxruntime-node';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import { linearContributions } from './linear-model.evaluator.js';
import { parseOnnxModel, type ModelInspection, type ParsedScoring } from './onnx-model.parser.js';
import { ensembleContributions } from './tree-ensemble.evaluator.js';

export interface FeatureContribution {
  feature: string;
  /** The input value. */
  value: number;
  /** Log-odds credited to this feature (see model/README.md). */
  contribution: number;
}

export interface ModelScore {
  /** onnxruntime's probability of the suspicious class. */
  probability: number;
  /** The model's log-odds (own evaluation) and the part not credited to any feature: bias + Σ contributions = margin. */
  margin: number;
  bias: number;
  /** Every model feature, sorted by |contribution| descending (ties in feature order). */
  contributions: FeatureContribution[];
}

export class ModelScoreError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'ModelScoreError';
  }
}

/**
 * Scores rows of MODEL_FEATURES (see modelInput) with an onnxruntime session over the model's bytes, and explains
 * each score with per-feature contributions computed from the same model read by our parser: exact for linear
 * models, Saabas path attribution for tree ensembles. Load once per model version and reuse; `release()` frees the
 * native session.
 */
export class ModelScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly inputName: string,
    private readonly scoring: ParsedScoring,
    readonly inspection: ModelInspection,
  ) {}

  /** Throws ModelScoreError when inspectModel would report problems. */
  static async load(bytes: Uint8Array): Promise<ModelScorer> {
    const parsed = parseOnnxModel(bytes);
    if (!parsed.scoring || parsed.inputName === null) {
      throw new ModelScoreError(
        `model cannot be scored: ${parsed.inspection.problems.join('; ')}`,
        parsed.inspection.problems,
      );
    }
    const session = await ort.InferenceSession.create(bytes, {
      // The api serves many small requests on few cores: one thread per session avoids oversubscription.
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new ModelScorer(session, parsed.inputName, parsed.scoring, parsed.inspection);
  }

  get kind(): ParsedScoring['kind'] {
    return this.scoring.kind;
  }

  async score(rows: readonly Float32Array[]): Promise<ModelScore[]> {
    if (rows.length === 0) return [];
    const F = MODEL_FEATURES.length;
    const data = new Float32Array(rows.length * F);
    rows.forEach((row, i) => {
      if (row.length !== F) throw new RangeError(`row ${i} has ${row.length} values, the model takes ${F}`);
      data.set(row, i * F);
    });
    const { name, column, width } = this.scoring.probability;
    const output = await this.session.run({ [this.inputName]: new ort.Tensor('float32', data, [rows.length, F]) }, [
      name,
    ]);
    const probabilities = output[name].data as Float32Array;
    for (const tensor of Object.values(output)) tensor.dispose();

    return rows.map((row, i) => {
      const explained =
        this.scoring.kind === 'linear'
          ? linearContributions(this.scoring.model, row)
          : ensembleContributions(this.scoring.ensemble, row, F);
      const contributions = MODEL_FEATURES.map((feature, j) => ({
        feature,
        value: row[j],
        contribution: explained.contributions[j],
      })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      return {
        probability: probabilities[i * width + column],
        margin: explained.margin,
        bias: explained.bias,
        contributions,
      };
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
