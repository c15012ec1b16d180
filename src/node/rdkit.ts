// RDKit's MinimalLib (npm @rdkit/rdkit, WebAssembly) in Node: whether a SMILES string is a
// molecule, the validity metric of the molecule evaluation (`npm run eval` on molecule models).
// The rule is src/core/validSmiles.ts, the page's too (and training/smiles_validity.py's), so that
// all sides count the same fills as valid. The library (7 MB of wasm) is loaded on first use only,
// so the text evaluation never pays for it.
import type { MainModule } from '@rdkit/rdkit';

import { smilesFault } from '../core/validSmiles';

let loading: Promise<MainModule> | null = null;

/** The MinimalLib module, started once per process (its wasm is read from node_modules). */
function loadRdkit(): Promise<MainModule> {
  loading ??= import('@rdkit/rdkit').then((module) => module.default());
  return loading;
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
    isValid: (smiles) => smilesFault(rdkit, smiles) === null,
    library: `RDKit MinimalLib ${rdkit.version()}`,
  };
}
