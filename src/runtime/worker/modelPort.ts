// The one place the worker touches src/model: load a model folder from where it lives and analyse
// text with it. Everything else in src/runtime sees only this small interface.
import {
  type Analysis,
  type AnalyzeOptions,
  blobSource,
  ExlmModel,
  type ModelInfo,
  urlSource,
} from '../../model';
import type { SentenceScore } from '../../model/evalMetrics';
import type { ModelLocation } from '../protocol';

export interface LoadedModel {
  info: ModelInfo;
  analyze(text: string, options: AnalyzeOptions): Promise<Analysis>;
  /** analyze() of several texts in one forward pass, in their order (ExlmModel.analyzeBatch). */
  analyzeBatch(texts: readonly string[], options: AnalyzeOptions): Promise<Analysis[]>;
  /** What the experiment's metrics read of the slots of several texts, in their order: each
   *  slot's `topK` best ids and its entropy (ExlmModel.scoreSlotsBatch). */
  scoreSlots(texts: readonly string[], topK: number): Promise<SentenceScore[]>;
  /** Tokens the model reads for `text`, [CLS] and [SEP] included (for the length limit). */
  countTokens(text: string): number;
  /** Token ids of `text`, without [CLS] and [SEP]. */
  pieceIds(text: string): number[];
  dispose(): void;
}

export type ModelLoader = (name: string, location: ModelLocation) => Promise<LoadedModel>;

/** The worker's view of a loaded model. */
export function loadedModelOf(model: ExlmModel): LoadedModel {
  return {
    info: model.info,
    analyze: (text, options) => model.analyze(text, options),
    analyzeBatch: (texts, options) => model.analyzeBatch(texts, options),
    scoreSlots: (texts, topK) => model.scoreSlotsBatch(texts, topK),
    countTokens: (text) => model.tokenizer.encode(text).ids.length,
    pieceIds: (text) => Array.from(model.tokenizer.encode(text).ids.subarray(1, -1)),
    dispose: () => model.dispose(),
  };
}

export const loadModel: ModelLoader = async (name, location) => {
  const source =
    location.kind === 'url' ? urlSource(location.urlPrefix) : blobSource(location.files, name);
  return loadedModelOf(await ExlmModel.load(source, name));
};
