// DEV-ONLY: a real Analysis for the demo page, from a model folder served at /models/<name>/ (the
// tiny random fixture until trained models exist), on tfjs's cpu backend so no GPU is needed.
import * as tf from '@tensorflow/tfjs';
import type { Analysis } from '../../../model';
import { ExlmModel, urlSource } from '../../../model';

export async function realAnalysis(modelName: string, text: string): Promise<Analysis> {
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await ExlmModel.load(urlSource(`/models/${modelName}/`), modelName);
  return model.analyze(text);
}
