// How the page speaks of a model's input: a text model reads sentences and guesses words, a
// molecule model reads molecules written in SMILES and guesses SMILES tokens (atoms, bonds,
// branches, ring digits). A view asks for the words of the model it shows, so a molecule model's
// numbers never speak of sentences. Pure.
import type { CatalogEntry } from '../../core/catalog';
import type { InputMode } from '../../core/inputMode';

export interface DomainWords {
  /** One input: "sentence" or "molecule". */
  input: string;
  inputs: string;
  /** What a mask hides: "word" or "SMILES token". */
  token: string;
  tokens: string;
}

export const DOMAIN_WORDS: Readonly<Record<InputMode, DomainWords>> = {
  text: { input: 'sentence', inputs: 'sentences', token: 'word', tokens: 'words' },
  molecules: {
    input: 'molecule',
    inputs: 'molecules',
    token: 'SMILES token',
    tokens: 'SMILES tokens',
  },
};

/** The domain of the model named `name`: its catalog entry's, else the page's mode (a folder
 *  opened from disk is not in the catalog, and the page offers only its own mode's models). */
export function modelDomain(
  catalog: readonly CatalogEntry[] | null,
  name: string | null,
  mode: InputMode,
): InputMode {
  return catalog?.find((entry) => entry.name === name)?.domain ?? mode;
}
