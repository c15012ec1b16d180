// The one SMILES token splitter: the molecule models' tokenizer (src/model/smilesTokenizer.ts)
// reads its tokens with it, and the editor's chips in molecule mode are its tokens, so masking a
// chip masks exactly one token of the model. The rules (docs/molecules.md, the same as
// training/smiles_tokenizer.py):
//   1. the special tokens ([PAD] [UNK] [CLS] [SEP] [MASK]) are cut out of the text first;
//   2. the rest is read left to right with SMILES_PATTERN: a bracket atom [..] is one token, so
//      are Br and Cl, and every other atom letter, bond, branch, ring closure (a digit or %nn), dot;
//   3. whitespace is skipped, and any other character the pattern does not start at is a piece of
//      its own (the model reads it as [UNK]).
// A token never depends on the text after it, so replacing one token by "[MASK]" leaves every
// other token as it was: the masked input has the same tokens, one of them the mask.

import { MASK_TOKEN, type Word } from './words';

/** The token pattern (Schwaller et al., "Molecular Transformer", 2019), as tokenizer.json records it. */
export const SMILES_PATTERN = String.raw`\[[^\]]+\]|Br?|Cl?|N|O|S|P|F|I|b|c|n|o|s|p|\(|\)|\.|=|#|-|\+|\\|/|:|~|@|\?|>|\*|\$|%[0-9]{2}|[0-9]`;
/** Sticky: matches only where lastIndex points. 'u': reads code points, as Python does. */
const TOKEN_RE = new RegExp(SMILES_PATTERN, 'uy');
const SPECIAL_RE = /\[PAD\]|\[UNK\]|\[CLS\]|\[SEP\]|\[MASK\]/g;
const WHITESPACE = /\s/u;

/** 'special': a typed special token; 'token': a match of SMILES_PATTERN; 'unknown': one character
 *  the pattern cannot start at. */
export type SmilesPieceKind = 'special' | 'token' | 'unknown';

export interface SmilesPiece {
  text: string;
  /** Character offsets in the text: text.slice(start, end) === piece.text. */
  start: number;
  end: number;
  kind: SmilesPieceKind;
}

/** The pieces of `text` in order (rules 1-3), whitespace left out. */
export function smilesPieces(text: string): SmilesPiece[] {
  const out: SmilesPiece[] = [];
  const readSection = (from: number, to: number): void => {
    const section = text.slice(0, to);
    let position = from;
    while (position < to) {
      TOKEN_RE.lastIndex = position;
      const match = TOKEN_RE.exec(section);
      if (match !== null) {
        out.push({ text: match[0], start: position, end: TOKEN_RE.lastIndex, kind: 'token' });
        position = TOKEN_RE.lastIndex;
        continue;
      }
      const char = String.fromCodePoint(section.codePointAt(position) ?? 0);
      if (!WHITESPACE.test(char)) {
        out.push({ text: char, start: position, end: position + char.length, kind: 'unknown' });
      }
      position += char.length;
    }
  };
  let start = 0;
  for (const special of text.matchAll(SPECIAL_RE)) {
    readSection(start, special.index);
    const end = special.index + special[0].length;
    out.push({ text: special[0], start: special.index, end, kind: 'special' });
    start = end;
  }
  readSection(start, text.length);
  return out;
}

/** The SMILES tokens of `text` as the editor's chips: one Word per piece. Every piece is a token the
 *  model sees, so none is `ignored`; a typed [MASK] is a `literalMask`. */
export function splitSmiles(text: string): Word[] {
  return smilesPieces(text).map((piece) => ({
    text: piece.text,
    start: piece.start,
    end: piece.end,
    literalMask: piece.text === MASK_TOKEN,
    ignored: false,
  }));
}

/** What a SMILES token is, in a word for the page ("atom", "bond", ...). */
export type SmilesTokenRole =
  | 'atom'
  | 'bond'
  | 'branch'
  | 'ring closure'
  | 'separator'
  | 'mask'
  | 'special token'
  | 'not SMILES';

const BOND = /^[-=#$:/\\~]$/;
const RING = /^(?:[0-9]|%[0-9]{2})$/;

/** The role of one token of splitSmiles: atoms (bracket atoms, organic-subset and aromatic letters,
 *  the wildcard *), bonds, branch parentheses, ring-closure digits, the "." between parts. */
export function smilesTokenRole(token: string): SmilesTokenRole {
  if (token === MASK_TOKEN) return 'mask';
  if (/^\[(?:PAD|UNK|CLS|SEP)\]$/.test(token)) return 'special token';
  if (token.startsWith('[') || /^(?:Br|Cl|[BCNOSPFIbcnosp*])$/.test(token)) return 'atom';
  if (BOND.test(token)) return 'bond';
  if (token === '(' || token === ')') return 'branch';
  if (RING.test(token)) return 'ring closure';
  if (token === '.') return 'separator';
  return 'not SMILES';
}
