// What the structure view asks of RDKit: whether a SMILES is a molecule (and if not, why), and its
// drawing with some atoms and bonds highlighted. It runs on a loaded RDKit module (rdkitLoader.ts in
// the page; the module itself in Node, for the tests), so the same code answers on both sides.
//
// "Valid" is the rule of src/core/validSmiles.ts, which the evaluation applies too (and which is
// training/smiles_validity.py's); this file puts its refusals in words.
import type { Log, MainModule, Mol } from '@rdkit/rdkit';

import { type SmilesFault, smilesFault } from '../../core/validSmiles';
import { parseFailureReason } from './parseFailure';
import { type SafeSvg, safeSvg } from './safeSvg';
import type { AtomPair } from './smilesGraph';

export type Rdkit = MainModule;

export type SmilesVerdict = { valid: true } | { valid: false; reason: string };

/** One log capture per module: RDKit writes why it refused a SMILES there, not to the console. */
const captures = new WeakMap<Rdkit, Log | null>();

function logOf(rdkit: Rdkit): Log | null {
  let log = captures.get(rdkit);
  if (log === undefined) {
    log = rdkit.set_log_capture('rdApp.*');
    captures.set(rdkit, log);
  }
  return log;
}

/** Runs `use` on RDKit's molecule for `smiles` (null when it does not parse) and frees it. */
function withMol<T>(
  rdkit: Rdkit,
  smiles: string,
  details: Record<string, unknown>,
  use: (mol: Mol | null) => T,
): T {
  const mol = rdkit.get_mol(smiles, JSON.stringify(details));
  try {
    return use(mol !== null && mol.is_valid() ? mol : null);
  } finally {
    mol?.delete();
  }
}

/** A refusal in words; RDKit's own reason (from its log) when RDKit refused the SMILES. */
function faultReason(fault: SmilesFault, log: string): string {
  switch (fault.kind) {
    case 'empty':
      return 'empty: there is no atom';
    case 'whitespace':
      return 'it holds a space';
    case 'special-token':
      return `it holds ${fault.token}, which is no atom`;
    case 'refused':
      return parseFailureReason(log);
    case 'no-atom':
      return 'there is no atom';
  }
}

export function checkSmiles(rdkit: Rdkit, smiles: string): SmilesVerdict {
  const log = logOf(rdkit);
  log?.clear_buffer();
  const fault = smilesFault(rdkit, smiles);
  if (fault === null) return { valid: true };
  return { valid: false, reason: faultReason(fault, log?.get_buffer() ?? '') };
}

/** An RGB colour with channels from 0 to 1, as RDKit takes it. */
export type RdkitColour = readonly [number, number, number];

export interface DrawOptions {
  /** Size in CSS pixels. */
  width: number;
  height: number;
  /** Atoms to highlight, numbered as the SMILES writes them. */
  atoms: readonly number[];
  /** Bonds to highlight, by their two atoms. */
  bonds: readonly AtomPair[];
  colour: RdkitColour;
  /** Smallest type of the atom labels, in CSS pixels at the drawing's own size. */
  minFontSize: number;
}

/** RDKit's bond index of each atom pair, read from the molecule's JSON. */
function bondIndices(mol: Mol, pairs: readonly AtomPair[]): number[] {
  const json: unknown = JSON.parse(mol.get_json());
  const molecules = (json as { molecules?: { bonds?: { atoms?: number[] }[] }[] }).molecules;
  const bonds = molecules?.[0]?.bonds ?? [];
  const out: number[] = [];
  bonds.forEach((bond, index) => {
    const [a, b] = bond.atoms ?? [];
    if (pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) out.push(index);
  });
  return out;
}

/**
 * The drawing of `smiles` with the given atoms and bonds highlighted, or null when RDKit does not
 * read it. Explicit [H] atoms are kept, so that RDKit's atom numbers are the SMILES's own order.
 */
export function drawSmiles(rdkit: Rdkit, smiles: string, options: DrawOptions): SafeSvg | null {
  return withMol(rdkit, smiles, { removeHs: false }, (mol) => {
    if (mol === null) return null;
    const atomCount = mol.get_num_atoms();
    const atoms = options.atoms.filter((atom) => atom >= 0 && atom < atomCount);
    const bonds = bondIndices(mol, options.bonds);
    const colour = [...options.colour];
    const svg = mol.get_svg_with_highlights(
      JSON.stringify({
        width: Math.round(options.width),
        height: Math.round(options.height),
        atoms,
        bonds,
        highlightAtomColors: Object.fromEntries(atoms.map((atom) => [atom, colour])),
        highlightBondColors: Object.fromEntries(bonds.map((bond) => [bond, colour])),
        minFontSize: options.minFontSize,
        // A light highlight under the labels; the view also says in words what is highlighted.
        highlightRadius: 0.35,
        bondLineWidth: 2,
        padding: 0.08,
      }),
    );
    return safeSvg(svg);
  });
}
