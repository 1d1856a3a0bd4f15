import { Injectable } from '@nestjs/common';
import { ModelScorer } from '../model/model.scorer.js';
import { DecisionModelLoader, type LoadedModel } from './decision-model.loader.js';

/** Loads registry models into onnxruntime sessions (the model folder's ModelScorer). */
@Injectable()
export class OnnxModelLoader extends DecisionModelLoader {
  async load(bytes: Uint8Array): Promise<LoadedModel> {
    const scorer = await ModelScorer.load(bytes);
    return {
      score: (rows) => scorer.score(rows),
      release: () => scorer.release(),
      // Tree ensembles are evaluated row by row by onnxruntime (decision-model.batch.spec.ts checks both kinds).
      scoresRowsIndependently: scorer.kind !== 'linear',
    };
  }
}
