// Public, browser-safe API of src/model (no fs, no DOM). Node-only helpers live in ./node. Code
// that needs a module's internals (tests, the Node loaders) imports that module directly.
export { ExlmModel } from './analyze';
export { parseConfigText } from './config';
export { expand } from './expand';
export type { Expansion } from './expand';
export { runForward } from './forward';
export { blobSource, urlSource } from './source';
export { ExlmTokenizer } from './tokenizer';
export { loadWeights } from './weights';
export type { LoadedWeights } from './weights';
export * from './types';
