// The benchmark sentence of bench:page and bench:peer: 24 tokens ([CLS] and [SEP] included) with 3
// masked words, built from words that are one token in the model at hand, so that every model gets
// the same shape (T = 39 expanded tokens, L = 20 states with k = 4).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExlmTokenizer } from '../../src/model/tokenizer';

export const SENTENCE_TOKENS = 24;
export const MASKS = 3;
/** Word indices (into the text's words) of the masked words. */
const MASKED_WORDS = [3, 10, 17];
// Words to build the benchmark sentence from: only those that are one token in the model at hand.
const PASSAGE =
  'the old man sat by the window and watched the rain fall on the street below . his dog slept on the floor near the fire and the house was quiet except for the clock on the wall . she said that the children would come home from school at four'.split(
    ' ',
  );

export interface BenchSentence {
  /** The words, none masked (what bench:page puts in the editor). */
  text: string;
  /** Word indices of the masked words (the editor's masks). */
  masks: number[];
  /** `text` with the masked words written as [MASK] (what the model reads). */
  maskedText: string;
  /** Token ids of `maskedText`: [CLS] first, [SEP] last, SENTENCE_TOKENS in all. */
  ids: number[];
}

/** The benchmark sentence for the model folder `modelDir` (its tokenizer.json). */
export function benchSentence(modelDir: string): BenchSentence {
  const tokenizer = new ExlmTokenizer(
    JSON.parse(readFileSync(join(modelDir, 'tokenizer.json'), 'utf8')),
  );
  const single = PASSAGE.filter(
    (word) => /^[a-z]+$/.test(word) && tokenizer.encode(word).ids.length === 3,
  );
  const words: string[] = [];
  for (let i = 0; words.length < SENTENCE_TOKENS - 2; i++)
    words.push(single[i % single.length] ?? 'the');
  const text = words.join(' ');
  if (tokenizer.encode(text).ids.length !== SENTENCE_TOKENS)
    throw new Error(`benchmark sentence is not ${SENTENCE_TOKENS} tokens`);
  const maskedText = words.map((w, i) => (MASKED_WORDS.includes(i) ? '[MASK]' : w)).join(' ');
  const ids = Array.from(tokenizer.encode(maskedText).ids);
  if (ids.length !== SENTENCE_TOKENS)
    throw new Error(`masked benchmark sentence is not ${SENTENCE_TOKENS} tokens`);
  return { text, masks: [...MASKED_WORDS], maskedText, ids };
}
