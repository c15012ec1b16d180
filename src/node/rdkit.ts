// RDKit's MinimalLib (npm @rdkit/rdkit, WebAssembly) in Node: whether a SMILES string is a
// molecule, the validity metric of the molecule evaluation (`npm run eval` on molecule models).
// The rule is training/smiles_validity.py's, so that both sides count the same fills as valid: RDKit
// parses and sanitizes the string (valences, aromaticity, ring closures) into at least one atom;
// an empty string, one with whitespace (RDKit would read the rest as a name) and one holding a
// special token are not molecules. The library (7 MB of wasm) is loaded on first use only, so the
// text evaluation never pays for it.
import type { MainModule } from '@rdkit/rdkit';

/** The special tokens of every model (src/model SPECIAL_IDS): a fill that holds one is no molecule. */
const SPECIAL_TOKEN = /\[(PAD|UNK|CLS|SEP|MASK)\]/;

let loading: Promise<MainModule> | null = null;

/** The MinimalLib module, started once per process (its wasm is read from node_modules). */
function loadRdkit(): Promise<MainModule> {
  loading ??= import('@rdkit/rdkit').then((module) => module.default());
  return loading;
}

/** Whether RDKit reads `smiles` as a sanitized molecule of at least one atom, with `rdkit` loaded. */
export function isValidSmilesWith(rdkit: MainModule, smiles: string): boolean {
  if (smiles === '' || /\s/.test(smiles) || SPECIAL_TOKEN.test(smiles)) return false;
  const mol = rdkit.get_mol(smiles);
  if (mol === null) return false;
  try {
    return mol.is_valid() && mol.get_num_atoms() > 0;
  } finally {
    mol.delete(); // wasm memory: never collected by JavaScript
  }
}

/** The check, bound to the loaded library, and what the library is ("RDKit MinimalLib 2026.09.1"). */
export interface SmilesValidity {
  isValid: (smiles: string) => boolean;
  library: string;
}

/** The validity check; the first call loads the library. */
export async function smilesValidity(): Promise<SmilesValidity> {
  const rdkit = await loadRdkit();
  return {
    isValid: (smiles) => isValidSmilesWith(rdkit, smiles),
    library: `RDKit MinimalLib ${rdkit.version()}`,
  };
}
