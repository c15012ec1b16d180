// The project's tokenizer: a Hugging Face tokenizer.json (WordPiece) read by the pure-JS
// @huggingface/tokenizers, so the page, the worker and Node share one implementation with the
// training side (docs/design.md: identical ids to the Rust tokenizers).

import { Tokenizer } from '@huggingface/tokenizers';

import { SPECIAL_IDS } from './types';

/** A text as the model sees it: [CLS] first, [SEP] last. */
export interface Encoded {
  ids: Int32Array;
  /** Token strings, one per id ([CLS] and [SEP] included). */
  tokens: string[];
}

/** WordPiece's prefix of pieces that continue a word ("##ing"). */
const CONTINUATION_PREFIX = '##';

const SPECIAL_STRINGS: Record<keyof typeof SPECIAL_IDS, string> = {
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

export class ExlmTokenizer {
  private readonly tokenizer: Tokenizer;
  readonly vocabSize: number;

  /** `json` is the parsed tokenizer.json; `path` only serves the error messages. */
  constructor(json: unknown, path = 'tokenizer.json') {
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
    }
    this.vocabSize = this.tokenizer.get_vocab(true).size;
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
    for (const [token, id] of this.tokenizer.get_vocab(true)) {
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
