// The page works on one of two kinds of input, each with its own models (the catalog's `domain`),
// its own default input and its own maskable units: words of English text, or the tokens of a
// SMILES string (atoms, bonds, branches, ring closures) for the molecule models.
import { DEFAULT_MASKS, DEFAULT_SMILES, DEFAULT_SMILES_MASKS, DEFAULT_TEXT } from './defaults';
import { splitSmiles } from './smilesTokens';
import { type Splitter, splitWords } from './words';

export const INPUT_MODES = ['text', 'molecules'] as const;
export type InputMode = (typeof INPUT_MODES)[number];

/** The mode of a page (or a link) that does not say: every page before molecules. */
export const DEFAULT_MODE: InputMode = 'text';

/** How the mode switch names each mode. */
export const MODE_TITLES: Readonly<Record<InputMode, string>> = {
  text: 'Text',
  molecules: 'Molecules',
};

export function isInputMode(value: string): value is InputMode {
  return (INPUT_MODES as readonly string[]).includes(value);
}

/** The maskable units of a text in a mode: words, or SMILES tokens. */
export function splitterFor(mode: InputMode): Splitter {
  return mode === 'molecules' ? splitSmiles : splitWords;
}

/** An editor's content: its text and the indices of its masked units. */
export interface InputDocument {
  text: string;
  masks: readonly number[];
}

/** What each mode shows on a first visit. */
export const DEFAULT_DOCUMENTS: Readonly<Record<InputMode, InputDocument>> = {
  text: { text: DEFAULT_TEXT, masks: DEFAULT_MASKS },
  molecules: { text: DEFAULT_SMILES, masks: DEFAULT_SMILES_MASKS },
};
