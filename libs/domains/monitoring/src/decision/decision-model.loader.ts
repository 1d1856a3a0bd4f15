/** One model's answer for one row: the probability and per-feature contributions, largest magnitude first. */
export interface ModelScore {
  readonly probability: number;
  readonly contributions: readonly { feature: string; value: number; contribution: number }[];
}

/** A loaded model session (ONNX), scoring rows of MODEL_FEATURES. */
export interface LoadedModel {
  score(rows: Float32Array[]): Promise<ModelScore[]>;
  release(): Promise<void>;
}

/** Loads a model's bytes into a session; the ONNX implementation is the model folder's ModelScorer. */
export abstract class DecisionModelLoader {
  abstract load(bytes: Uint8Array): Promise<LoadedModel>;
}
