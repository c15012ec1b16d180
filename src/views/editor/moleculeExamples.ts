// Molecules to try in molecule mode, each with one token masked: an atom, a bond or a ring closure,
// so that the list shows what a SMILES mask can hide. The notes say what the mask asks, never what
// a model answers (the models may change).

export interface MoleculeExample {
  name: string;
  smiles: string;
  /** SMILES token indices masked (splitSmiles). */
  masks: readonly number[];
  /** The masked tokens, in order: moleculeExamples.test.ts holds `masks` to them. */
  masked: readonly string[];
  /** What the mask asks, in a line. */
  why: string;
}

export const MOLECULE_EXAMPLES: readonly MoleculeExample[] = [
  {
    name: 'Ethanol',
    smiles: 'CCO',
    masks: [2],
    masked: ['O'],
    why: 'The oxygen of an alcohol: three atoms leave little to go on.',
  },
  {
    name: 'Benzene',
    smiles: 'c1ccccc1',
    masks: [7],
    masked: ['1'],
    why: 'The digit that closes the ring: ring bonds come in pairs.',
  },
  {
    name: 'Paracetamol',
    smiles: 'CC(=O)Nc1ccc(O)cc1',
    masks: [6],
    masked: ['N'],
    why: 'The atom between the acetyl group and the ring.',
  },
  {
    name: 'Ibuprofen',
    smiles: 'CC(C)Cc1ccc(cc1)C(C)C(=O)O',
    masks: [22],
    masked: ['='],
    why: 'A bond, not an atom: the double bond of the acid group.',
  },
  {
    name: 'Caffeine',
    smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
    masks: [14, 21],
    masked: ['O', 'O'],
    why: 'Two atoms hidden at once in two fused rings.',
  },
];
