// The tokenizer of a model folder, picked by tokenizer.json's top-level "type": text models
// (WordPiece, no "type" in their files) and molecule models ("smiles", docs/molecules.md). The
// model code sees only ModelTokenizer, whichever it is.

import { SMILES_TYPE, SmilesTokenizer } from './smilesTokenizer';
import { type Encoded, ExlmTokenizer, TokenizerError } from './tokenizer';

/** What the model needs of a tokenizer (ExlmTokenizer and SmilesTokenizer). */
export interface ModelTokenizer {
  /** tokenizer.json's "type": "wordpiece" (text) or "smiles" (molecules). */
  readonly type: TokenizerType;
  /** Tokens in the vocabulary. */
  readonly vocabSize: number;
  /** [CLS], the ids of `text`, [SEP]; a literal "[MASK]" is the mask id. */
  encode(text: string): Encoded;
  /** [vocabSize]: 1 for the ids a masked slot may hold. */
  slotVocabulary(vocabSize: number): Uint8Array;
  /** The vocabulary string of `id` ("[UNK]" for an id without one). */
  token(id: number): string;
  /** The text of `ids`. */
  decode(ids: ArrayLike<number>, skipSpecialTokens?: boolean): string;
}

const TOKENIZER_TYPES = ['wordpiece', SMILES_TYPE] as const;
type TokenizerType = (typeof TOKENIZER_TYPES)[number];

function isTokenizerType(value: unknown): value is TokenizerType {
  return (TOKENIZER_TYPES as readonly unknown[]).includes(value);
}

/**
 * The tokenizer of a model folder's parsed tokenizer.json (`path` names the file, `folder` the
 * model folder, in messages; `vocabSize` is config.json's). No "type" is a WordPiece tokenizer, as
 * every text model's file is; a type this version does not know is refused.
 */
export function loadTokenizer(
  json: unknown,
  path: string,
  folder: string,
  vocabSize?: number,
): ModelTokenizer {
  const type =
    typeof json === 'object' && json !== null && 'type' in json ? json.type : 'wordpiece';
  if (!isTokenizerType(type)) {
    throw new TokenizerError(
      `model folder ${folder}: ${path} has tokenizer type ${JSON.stringify(type)}, which this version cannot read; ` +
        `the supported types are ${TOKENIZER_TYPES.map((t) => `"${t}"`).join(' and ')} (no type is "wordpiece")`,
    );
  }
  return type === SMILES_TYPE
    ? new SmilesTokenizer(json, path, vocabSize)
    : new ExlmTokenizer(json, path, vocabSize);
}
