/** One model's answer for one row: the probability and per-feature contributions, largest magnitude first. */
export interface ModelScore {
  readonly probability: number;
  readonly contributions: readonly { feature: string; value: number; contribution: number }[];
}

/** A loaded model session (ONNX), scoring rows of MODEL_FEATURES. */
export interface LoadedModel {
  score(rows: Float32Array[]): Promise<ModelScore[]>;
  /**
   * Whether scoring many rows in one call gives each row exactly the score it gets alone. False for linear models:
   * onnxruntime's matrix product sums in another order for many rows than for one, so the last bits can differ; the
   * batch decision then scores such a model one row per call, to decide exactly as the single-transaction path.
   */
  readonly scoresRowsIndependently: boolean;
  release(): Promise<void>;
}

/** Loads a model's bytes into a session; the ONNX implementation is the model folder's ModelScorer. */
export abstract class DecisionModelLoader {
  abstract load(bytes: Uint8Array): Promise<LoadedModel>;
}
