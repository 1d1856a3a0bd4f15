import { Injectable } from '@nestjs/common';
import { ModelScorer } from '../model/model.scorer.js';
import { DecisionModelLoader, type LoadedModel } from './decision-model.loader.js';

/** Loads registry models into onnxruntime sessions (the model folder's ModelScorer). */
@Injectable()
export class OnnxModelLoader extends DecisionModelLoader {
  load(bytes: Uint8Array): Promise<LoadedModel> {
    return ModelScorer.load(bytes);
  }
}
