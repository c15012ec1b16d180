// Atom-level SMILES tokenizer of the molecule models: the same rules as training/smiles_tokenizer.py
// (docs/molecules.md), held to it by the golden sample src/model/testdata/smiles-sample.json. The
// text is split by the splitter the editor's chips share (src/core/smilesTokens.ts: special
// tokens cut out first, then SMILES_PATTERN left to right, whitespace skipped); any character the
// pattern does not start at is one [UNK], and so is a token the vocabulary lacks.
// Decoding joins the tokens without spaces. The pattern is fixed by the tokenizer's type: a
// tokenizer.json that gives another one is refused, never compiled (it may come from anyone).

import { SMILES_PATTERN, smilesPieces } from '../core/smilesTokens';
import { checkIds, type Encoded, SPECIAL_STRINGS, TokenizerError } from './tokenizer';
import { SPECIAL_IDS } from './types';

/** The value of tokenizer.json's top-level "type" for this tokenizer. */
export const SMILES_TYPE = 'smiles';

/** The token strings of `text` before the vocabulary (the shared splitter; each character the
 *  pattern cannot read as "[UNK]"). */
function pieces(text: string): string[] {
  return smilesPieces(text).map((piece) =>
    piece.kind === 'unknown' ? SPECIAL_STRINGS.unk : piece.text,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SmilesTokenizer {
  readonly type = SMILES_TYPE;
  /** Tokens in the vocabulary. */
  readonly vocabSize: number;
  private readonly ids: ReadonlyMap<string, number>;
  /** tokens[id]: the token of each id (undefined where the ids have a gap). */
  private readonly tokens: readonly (string | undefined)[];

  /**
   * `json` is the parsed tokenizer.json (as training/smiles_tokenizer.py writes it); `path` only
   * serves the messages. `vocabSize` is config.json's vocab_size: every id must be a row of the
   * model's embedding.
   */
  constructor(json: unknown, path = 'tokenizer.json', vocabSize?: number) {
    if (!isRecord(json) || json.type !== SMILES_TYPE)
      throw new TokenizerError(`${path}: not a SMILES tokenizer (no "type": "${SMILES_TYPE}")`);
    const preTokenizer = json.pre_tokenizer;
    const pattern =
      isRecord(preTokenizer) && isRecord(preTokenizer.pattern)
        ? preTokenizer.pattern.Regex
        : undefined;
    if (pattern !== SMILES_PATTERN) {
      throw new TokenizerError(
        `${path}: a "${SMILES_TYPE}" tokenizer's pre_tokenizer.pattern.Regex must be ${JSON.stringify(SMILES_PATTERN)} (found ${JSON.stringify(pattern ?? null)})`,
      );
    }
    if (!isRecord(json.model) || !isRecord(json.model.vocab))
      throw new TokenizerError(`${path}: model.vocab must map each token to its id`);
    checkIds(json, path, vocabSize);
    const ids = new Map(Object.entries(json.model.vocab as Record<string, number>));
    const tokens: (string | undefined)[] = [];
    for (const [token, id] of ids) {
      if (tokens[id] !== undefined) {
        throw new TokenizerError(
          `${path}: tokens ${JSON.stringify(tokens[id])} and ${JSON.stringify(token)} both have id ${id}`,
        );
      }
      tokens[id] = token;
    }
    for (const [key, id] of Object.entries(SPECIAL_IDS) as [keyof typeof SPECIAL_IDS, number][]) {
      if (ids.get(SPECIAL_STRINGS[key]) !== id) {
        throw new TokenizerError(
          `${path}: token ${SPECIAL_STRINGS[key]} must have id ${id} (found ${ids.get(SPECIAL_STRINGS[key]) ?? 'none'})`,
        );
      }
    }
    this.ids = ids;
    this.tokens = tokens;
    this.vocabSize = ids.size;
  }

  /** [CLS], the tokens of `text`, [SEP]; a literal "[MASK]" is the mask id. */
  encode(text: string): Encoded {
    const inner = pieces(text).map((piece) => this.ids.get(piece) ?? SPECIAL_IDS.unk);
    const ids = Int32Array.from([SPECIAL_IDS.cls, ...inner, SPECIAL_IDS.sep]);
    return { ids, tokens: Array.from(ids, (id) => this.token(id)) };
  }

  /** [vocabSize]: 1 for the ids a masked slot may hold: every token but the special ones (a SMILES
   *  token is a whole "word"). Ids beyond the vocabulary are never tokens. */
  slotVocabulary(vocabSize: number): Uint8Array {
    const allowed = new Uint8Array(vocabSize);
    for (const id of this.ids.values()) if (id < vocabSize) allowed[id] = 1;
    for (const id of Object.values(SPECIAL_IDS)) if (id < vocabSize) allowed[id] = 0;
    return allowed;
  }

  /** The token of `id` (an id without one gives "[UNK]"). */
  token(id: number): string {
    return this.tokens[id] ?? SPECIAL_STRINGS.unk;
  }

  /** The tokens of `ids` joined without spaces: a SMILES string. Special tokens stay unless
   *  `skipSpecialTokens`. Same output as training/smiles_tokenizer.py's decode. */
  decode(ids: ArrayLike<number>, skipSpecialTokens = false): string {
    const special = new Set<string>(Object.values(SPECIAL_STRINGS));
    return Array.from(ids, (id) => this.token(id))
      .filter((token) => !(skipSpecialTokens && special.has(token)))
      .join('');
  }
}
