// A text that the WordPiece tokenizer turns back into given ids, for the 'text' route of
// `npm run eval` (ExlmModel.analyze takes text only). Words are joined by spaces, "##" pieces are
// glued to the piece before, [MASK] stands alone. The caller must still re-encode and compare:
// "##ing" after a [MASK] cannot be written (the tokenizer splits "[MASK]" out first, so "ing"
// would start a new word), and neither can a piece the greedy longest match would not choose.
// SMILES tokens are joined without spaces, as a molecule is written ("[MASK]" is read back as the
// mask); the caller's check holds for them too.
import { SPECIAL_IDS } from '../model';
import type { ModelTokenizer } from '../model/modelTokenizer';

const CONTINUATION = '##';

/** Text of `ids` (no [CLS]/[SEP]); `tokenOf` gives the vocabulary string of an id. */
export function buildText(
  ids: ArrayLike<number>,
  tokenOf: (id: number) => string,
  type: ModelTokenizer['type'] = 'wordpiece',
): string {
  if (type === 'smiles') return Array.from(ids, tokenOf).join('');
  let text = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const token = tokenOf(id);
    if (id !== SPECIAL_IDS.mask && token.startsWith(CONTINUATION) && i > 0) {
      text += token.slice(CONTINUATION.length);
    } else {
      text += (i > 0 ? ' ' : '') + token;
    }
  }
  return text;
}
