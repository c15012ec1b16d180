// When a SMILES string is a molecule: the one rule the page's structure view and the CLI's molecule
// evaluation both apply, and the rule of training/smiles_validity.py, so that the page, `npm run
// eval` and training count the same fills as valid. RDKit parses and sanitizes the string
// (valences, aromaticity, ring closures) into at least one atom; an empty string, one with
// whitespace (RDKit would read the rest as a name) and one holding a special token are not
// molecules, whatever RDKit says.
//
// RDKit itself is passed in (MinimalLib, loaded in a worker on the page and from node_modules in
// Node): this layer loads nothing, and names only the three calls it makes.

/** What the rule asks of a parsed molecule (RDKit MinimalLib's JSMol). */
interface ParsedMolecule {
  is_valid(): boolean;
  get_num_atoms(): number;
  /** Frees its WebAssembly memory, which JavaScript never collects. */
  delete(): void;
}

/** What the rule asks of RDKit (MinimalLib's module): parse and sanitize a SMILES. */
export interface SmilesParser {
  get_mol(smiles: string): ParsedMolecule | null;
}

/** Why a string is not a molecule; the page puts each in words, RDKit's own reason from its log. */
export type SmilesFault =
  | { kind: 'empty' }
  | { kind: 'whitespace' }
  | { kind: 'special-token'; token: string }
  /** RDKit did not parse or sanitize it (its log says why). */
  | { kind: 'refused' }
  | { kind: 'no-atom' };

/** The special tokens of every model (src/model SPECIAL_IDS): a fill that holds one is no molecule. */
const SPECIAL_TOKEN = /\[(?:PAD|UNK|CLS|SEP|MASK)\]/;

/** Why `smiles` is not a molecule, or null when it is one. */
export function smilesFault(rdkit: SmilesParser, smiles: string): SmilesFault | null {
  if (smiles === '') return { kind: 'empty' };
  if (/\s/.test(smiles)) return { kind: 'whitespace' };
  const special = SPECIAL_TOKEN.exec(smiles);
  if (special !== null) return { kind: 'special-token', token: special[0] };
  const mol = rdkit.get_mol(smiles);
  if (mol === null) return { kind: 'refused' };
  try {
    if (!mol.is_valid()) return { kind: 'refused' };
    return mol.get_num_atoms() > 0 ? null : { kind: 'no-atom' };
  } finally {
    mol.delete();
  }
}
