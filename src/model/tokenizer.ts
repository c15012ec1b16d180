// The project's tokenizer: a Hugging Face tokenizer.json (WordPiece) read by the pure-JS
// @huggingface/tokenizers, so the page, the worker and Node share one implementation with the
// training side (docs/design.md: identical ids to the Rust tokenizers).

import { Tokenizer } from '@huggingface/tokenizers';

import { CONFIG_LIMITS } from './config';
import { SPECIAL_IDS } from './types';

/** A text as the model sees it: [CLS] first, [SEP] last. */
export interface Encoded {
  ids: Int32Array;
  /** Token strings, one per id ([CLS] and [SEP] included). */
  tokens: string[];
}

/** WordPiece's prefix of pieces that continue a word ("##ing"). */
const CONTINUATION_PREFIX = '##';

export const SPECIAL_STRINGS: Record<keyof typeof SPECIAL_IDS, string> = {
  pad: '[PAD]',
  unk: '[UNK]',
  cls: '[CLS]',
  sep: '[SEP]',
  mask: '[MASK]',
};

export class TokenizerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenizerError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Check the ids tokenizer.json gives (its model's vocab and its added tokens) against the rows of
 * the model's embedding (config.json's `vocabSize`; without it, the limit CONFIG_LIMITS.vocab_size),
 * reading the JSON itself: the tokenizers library sizes its tables by the largest id, so a hostile
 * id is refused before the library builds anything. A file whose shape is not a tokenizer's is left
 * for the library to refuse.
 */
export function checkIds(json: unknown, path: string, vocabSize: number | undefined): void {
  const rows = vocabSize ?? CONFIG_LIMITS.vocab_size;
  const rowsSaid =
    vocabSize === undefined
      ? `the limit for model folders is ${CONFIG_LIMITS.vocab_size}`
      : `config.json says vocab_size ${vocabSize}`;
  if (!isRecord(json) || !isRecord(json.model)) return;
  const ids = new Map<string, unknown>();
  const vocab = json.model.vocab;
  if (isRecord(vocab)) for (const [token, id] of Object.entries(vocab)) ids.set(token, id);
  else if (Array.isArray(vocab)) {
    // Unigram: [token, score] pairs, the id is the index.
    vocab.forEach((entry: unknown, id) =>
      ids.set(String(Array.isArray(entry) ? entry[0] : id), id),
    );
  }
  if (Array.isArray(json.added_tokens)) {
    for (const added of json.added_tokens as unknown[])
      if (isRecord(added)) ids.set(String(added.content), added.id);
  }
  if (ids.size > rows) throw new TokenizerError(`${path}: has ${ids.size} tokens but ${rowsSaid}`);
  for (const [token, id] of ids) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new TokenizerError(
        `${path}: token ${JSON.stringify(token)} has id ${JSON.stringify(id)}, not an integer of at least 0`,
      );
    }
    if (id >= rows) {
      throw new TokenizerError(
        `${path}: token ${JSON.stringify(token)} has id ${id} but ${rowsSaid} (ids 0..${rows - 1})`,
      );
    }
  }
}

export class ExlmTokenizer {
  /** tokenizer.json's "type" for this tokenizer (the files of text models leave it out). */
  readonly type = 'wordpiece';
  private readonly tokenizer: Tokenizer;
  /** Tokens in the vocabulary, added tokens included. */
  readonly vocabSize: number;

  /**
   * `json` is the parsed tokenizer.json; `path` only serves the error messages. `vocabSize` is
   * config.json's vocab_size: every id must be a row of the model's embedding (without it, ids
   * are held to the limit of CONFIG_LIMITS.vocab_size).
   */
  constructor(json: unknown, path = 'tokenizer.json', vocabSize?: number) {
    checkIds(json, path, vocabSize);
    try {
      // The second argument is tokenizer_config.json, which our model folders do not have.
      this.tokenizer = new Tokenizer(json as object, {});
    } catch (error) {
      throw new TokenizerError(
        `${path}: not a usable tokenizer.json (${(error as Error).message})`,
      );
    }
    // Expansion and decoding rely on the fixed special ids (docs/design.md): check them once.
    for (const [key, id] of Object.entries(SPECIAL_IDS) as [keyof typeof SPECIAL_IDS, number][]) {
      const found = this.tokenizer.token_to_id(SPECIAL_STRINGS[key]);
      if (found !== id) {
        throw new TokenizerError(
          `${path}: token ${SPECIAL_STRINGS[key]} must have id ${id} (found ${found ?? 'none'})`,
        );
      }
      // Another token given the same id would be what the model's outputs show for it.
      const named = this.tokenizer.id_to_token(id);
      if (named !== SPECIAL_STRINGS[key]) {
        throw new TokenizerError(
          `${path}: id ${id} must be the token ${SPECIAL_STRINGS[key]} (found ${JSON.stringify(named ?? null)})`,
        );
      }
    }
    this.vocabSize = this.vocabulary().length;
  }

  /** Every (token, id) of the vocabulary, added tokens included. The library lists ids that no
   *  token has (gaps in the ids) under an undefined token: they are left out. */
  private vocabulary(): [string, number][] {
    return [...this.tokenizer.get_vocab(true)].filter(
      (entry): entry is [string, number] => typeof entry[0] === 'string',
    );
  }

  /** Encode a text; a literal "[MASK]" becomes the mask id. [CLS]/[SEP] are added here, not by
   *  the tokenizer's post-processor, so the result does not depend on how it was configured. */
  encode(text: string): Encoded {
    const inner = this.tokenizer.encode(text, { add_special_tokens: false });
    const ids = new Int32Array(inner.ids.length + 2);
    ids[0] = SPECIAL_IDS.cls;
    ids.set(inner.ids, 1);
    ids[ids.length - 1] = SPECIAL_IDS.sep;
    return { ids, tokens: [SPECIAL_STRINGS.cls, ...inner.tokens, SPECIAL_STRINGS.sep] };
  }

  /** [vocabSize]: 1 for the ids a masked slot may hold, 0 for special tokens and "##"
   *  continuation pieces (a [MASK] stands for a whole word; see dag.ts). Ids beyond the
   *  tokenizer's own vocabulary are never words either. */
  slotVocabulary(vocabSize: number): Uint8Array {
    const allowed = new Uint8Array(vocabSize);
    for (const [token, id] of this.vocabulary()) {
      if (id < vocabSize && !token.startsWith(CONTINUATION_PREFIX)) allowed[id] = 1;
    }
    for (const id of Object.values(SPECIAL_IDS)) if (id < vocabSize) allowed[id] = 0;
    return allowed;
  }

  /** The vocabulary string of `id` (an out-of-range id gives "[UNK]"). */
  token(id: number): string {
    return this.tokenizer.id_to_token(id) ?? SPECIAL_STRINGS.unk;
  }

  /** Text of `ids` as the tokenizer's decoder writes it: WordPiece pieces ("##ing") joined,
   *  spaces before punctuation cleaned up. Special tokens stay ("[UNK]" shows where text was
   *  lost) unless `skipSpecialTokens`. Same output as training/tokenizer.py's decode. */
  decode(ids: ArrayLike<number>, skipSpecialTokens = false): string {
    const list = Array.from(ids);
    if (list.length === 0) return '';
    return this.tokenizer.decode(list, { skip_special_tokens: skipSpecialTokens });
  }
}
