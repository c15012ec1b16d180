// Public, browser-safe API of src/model (no fs, no DOM). Node-only helpers live in ./node.
export { ExlmModel, InputError } from './analyze';
export type { Inspection, InspectOptions, LoadOptions, Prepared } from './analyze';
export { ConfigError, parseConfig, parseConfigText } from './config';
export {
  decodeSlots,
  entropy,
  entropyOfLogProbs,
  isSpecialId,
  slotMarginals,
  slotPosteriors,
  topK,
  viterbi,
} from './dag';
export type { DagDecoding, Ranked, SlotPosteriors, ViterbiResult } from './dag';
export { expand } from './expand';
export {
  checkModelFolder,
  folderNameOf,
  MODEL_FOLDER_CONTENTS,
  REQUIRED_MODEL_FILES,
} from './folderFiles';
export type { CheckedModelFolder, HandedOverFile } from './folderFiles';
export type { Expansion } from './expand';
export { bucketLength, LENGTH_BUCKETS, runForward } from './forward';
export type { ForwardOptions, ForwardResult } from './forward';
export { blobSource, ModelFileError, urlSource } from './source';
export type { ModelSource } from './source';
export { ExlmTokenizer, TokenizerError } from './tokenizer';
export type { Encoded } from './tokenizer';
export { expectedTensors, loadWeights, WeightsError } from './weights';
export type { LoadedWeights, ModelWeights } from './weights';
export * from './types';
