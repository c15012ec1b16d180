// The one place the worker touches src/model: load a model folder from a URL prefix and analyse
// text with it. Everything else in src/runtime sees only this small interface.
import { type Analysis, type AnalyzeOptions, ExlmModel, type ModelInfo, urlSource } from '../model';

export interface LoadedModel {
  info: ModelInfo;
  analyze(text: string, options: AnalyzeOptions): Promise<Analysis>;
  /** Tokens the model reads for `text`, [CLS] and [SEP] included (for the length limit). */
  countTokens(text: string): number;
  dispose(): void;
}

export async function loadModel(name: string, urlPrefix: string): Promise<LoadedModel> {
  const model = await ExlmModel.load(urlSource(urlPrefix), name);
  return {
    info: model.info,
    analyze: (text, options) => model.analyze(text, options),
    countTokens: (text) => model.tokenizer.encode(text).ids.length,
    dispose: () => model.dispose(),
  };
}
