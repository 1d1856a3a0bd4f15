import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '@platform/config';
import type { ModelEvaluationReport } from './monitoring-model.trainer.js';

/**
 * Where the shipped default model lives: `<project root>/libs/domains/monitoring/models/`, committed and written by
 * `npm run model:train`. It is not copied into dist/: the sources (vitest) and the build (node dist/...) both find
 * it through projectRoot() (the folder of the package.json named "verity"), like .env and the other committed
 * files, so a deployment runs from the checkout (or ships that folder beside dist/ and package.json).
 */
export const DEFAULT_MODEL_FILE = 'default-model.onnx';
export const DEFAULT_MODEL_EVALUATION_FILE = 'default-model.evaluation.json';
export const DEFAULT_MODEL_REPORT_FILE = 'default-model.evaluation.md';

export function monitoringModelsDir(): string {
  return join(projectRoot(), 'libs', 'domains', 'monitoring', 'models');
}

export interface DefaultModel {
  bytes: Uint8Array;
  evaluation: ModelEvaluationReport;
  path: string;
}

/** Reads the shipped default model and its evaluation report; rejects when the files are missing. */
export async function readDefaultModel(): Promise<DefaultModel> {
  const dir = monitoringModelsDir();
  const path = join(dir, DEFAULT_MODEL_FILE);
  const [bytes, evaluation] = await Promise.all([
    readFile(path),
    readFile(join(dir, DEFAULT_MODEL_EVALUATION_FILE), 'utf8'),
  ]);
  return { bytes: new Uint8Array(bytes), evaluation: JSON.parse(evaluation) as ModelEvaluationReport, path };
}
