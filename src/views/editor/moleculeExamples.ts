// Molecules to try in molecule mode, the ones a chemistry teacher starts with, each with a token
// masked that teaches something: an atom, an aromatic atom, a bond, a branch, a ring closure. Each
// caption says what the shipped molecule models (models/exlm-smiles-small and its twin
// models/mlm-smiles-small) really do with it; every claim of a caption is also written as data in
// `expect`, and moleculeExamples.models.test.ts runs both models on each example and checks them
// (with RDKit for what is a molecule), so a caption cannot promise what the models do not show.
// After new weights that test lists every claim that no longer holds with what the models say
// instead: rewrite the claim's numbers and the caption with them.

import type { Expectation } from '../common/modelClaims';

/** A claim about a molecule example: the gallery's claims, and what RDKit makes of the fills. */
export interface MoleculeExpectation extends Expectation {
  /** Whether RDKit reads the model's best joint fill as a molecule. */
  validFill?: boolean;
  /** Whether RDKit reads the SMILES as a molecule with the claim's slot (`slot`, default 0)
   *  filled by each of these tokens, the other tokens as the example writes them. */
  validWith?: Record<string, boolean>;
}

export interface MoleculeExample {
  name: string;
  smiles: string;
  /** SMILES token indices masked (splitSmiles). */
  masks: readonly number[];
  /** The masked tokens, in order: moleculeExamples.test.ts holds `masks` to them. */
  masked: readonly string[];
  /** What the example shows, in the models' own numbers. */
  why: string;
  /** The caption's claims, checked against the shipped molecule models. */
  expect: readonly MoleculeExpectation[];
}

export const MOLECULE_EXAMPLES: readonly MoleculeExample[] = [
  {
    name: 'Ethanol',
    smiles: 'CCO',
    masks: [2],
    masked: ['O'],
    why: 'An atom with little to go on: both models put carbon “C” first (ExLM 74%, the twin 50%) and oxygen “O” second (10% and 28%). To them propane, CCC, is as good a molecule as ethanol.',
    expect: [
      { slot: 0, top: 'C', topIncludes: ['O'], within: 2, fill: 'CCC', validFill: true },
      { model: 'exlm', slot: 0, probs: { C: [0.7, 0.78], O: [0.08, 0.12] } },
      { model: 'mlm', slot: 0, probs: { C: [0.46, 0.54], O: [0.25, 0.32] } },
    ],
  },
  {
    name: 'Acetic acid',
    smiles: 'CC(=O)O',
    masks: [3],
    masked: ['='],
    why: 'A bond, not an atom: the double bond of the acid group’s C=O. Both models are nearly sure of “=” (ExLM 97%, the twin 94%); their second guess, an atom “C”, gets under 5%.',
    expect: [
      { slot: 0, top: '=', topIncludes: ['C'], within: 2, fill: 'CC(=O)O', validFill: true },
      { model: 'exlm', slot: 0, probs: { '=': [0.95, 0.99], C: [0, 0.05] } },
      { model: 'mlm', slot: 0, probs: { '=': [0.91, 0.96], C: [0, 0.05] } },
    ],
  },
  {
    name: 'Glycine',
    smiles: 'NCC(=O)O',
    masks: [0],
    masked: ['N'],
    why: 'The nitrogen that makes glycine an amino acid: neither model guesses it. Both say carbon “C” (ExLM 74%, the twin 63%), then oxygen “O”; nitrogen “N” comes third (4% and 9%). Every one of them is a molecule: the rest of the SMILES does not tell which was meant.',
    expect: [
      { slot: 0, top: 'C', topIncludes: ['O', 'N'], within: 3, fill: 'CCC(=O)O', validFill: true },
      { slot: 0, validWith: { C: true, O: true, N: true } },
      { model: 'exlm', slot: 0, probs: { C: [0.7, 0.78], N: [0.03, 0.06] } },
      { model: 'mlm', slot: 0, probs: { C: [0.58, 0.67], N: [0.07, 0.11] } },
    ],
  },
  {
    name: 'Benzene',
    smiles: 'c1ccccc1',
    masks: [7],
    masked: ['1'],
    why: 'The digit that closes the ring: ring bonds come in pairs, and both models are all but sure of “1” (over 97%). Their next guess, “2”, would open a second ring that never closes, and RDKit refuses that string.',
    expect: [
      { slot: 0, top: '1', topIncludes: ['2'], within: 2, minProb: 0.97, fill: 'c1ccccc1' },
      { slot: 0, validFill: true, validWith: { '1': true, '2': false } },
    ],
  },
  {
    name: 'Pyridine',
    smiles: 'c1ccncc1',
    masks: [4],
    masked: ['n'],
    why: 'An aromatic atom, written in lower case: pyridine’s ring nitrogen “n”. Both models fill an aromatic carbon “c” (ExLM 92%, the twin 96%) and make benzene; “n” comes second for ExLM (4%) and the twin (1%).',
    expect: [
      { slot: 0, top: 'c', topIncludes: ['n'], within: 2, fill: 'c1ccccc1', validFill: true },
      { model: 'exlm', slot: 0, probs: { c: [0.88, 0.95], n: [0.02, 0.06] } },
      { model: 'mlm', slot: 0, probs: { c: [0.93, 0.98], n: [0.005, 0.02] } },
    ],
  },
  {
    name: 'Paracetamol',
    smiles: 'CC(=O)Nc1ccc(O)cc1',
    masks: [6],
    masked: ['N'],
    why: 'The atom between the acetyl group and the ring: both models put nitrogen “N” first (ExLM 72%, the twin 50%), ahead of “C” and “O”, and give back paracetamol’s amide.',
    expect: [
      {
        slot: 0,
        top: 'N',
        topIncludes: ['C', 'O'],
        within: 3,
        fill: 'CC(=O)Nc1ccc(O)cc1',
        validFill: true,
      },
      { model: 'exlm', slot: 0, probs: { N: [0.67, 0.77] } },
      { model: 'mlm', slot: 0, probs: { N: [0.45, 0.55] } },
    ],
  },
  {
    name: 'Aspirin',
    smiles: 'CC(=O)Oc1ccccc1C(=O)O',
    masks: [6],
    masked: ['O'],
    why: 'The same place in aspirin holds the ester’s oxygen, but both models put nitrogen “N” first again (ExLM 71%, the twin 53%) and make an amide; the right “O” comes only third (8% and 11%). A valid molecule, not aspirin.',
    expect: [
      { slot: 0, top: 'N', topIncludes: ['O'], within: 3, validFill: true },
      { fill: 'CC(=O)Nc1ccccc1C(=O)O' },
      { model: 'exlm', slot: 0, probs: { N: [0.66, 0.76], O: [0.06, 0.1] } },
      { model: 'mlm', slot: 0, probs: { N: [0.48, 0.58], O: [0.09, 0.13] } },
    ],
  },
  {
    name: 'Ibuprofen',
    smiles: 'CC(C)Cc1ccc(cc1)C(C)C(=O)O',
    masks: [2],
    masked: ['('],
    why: 'A branch: the “(” that opens the side methyl group. Both models say “(” (ExLM 83%, the twin 82%); their second guess, “C”, would leave the “)” without its “(”, which RDKit refuses.',
    expect: [
      { slot: 0, top: '(', topIncludes: ['C'], within: 2, validFill: true },
      { slot: 0, validWith: { '(': true, C: false } },
      { model: 'exlm', slot: 0, probs: { '(': [0.78, 0.88], C: [0.08, 0.14] } },
      { model: 'mlm', slot: 0, probs: { '(': [0.77, 0.87], C: [0.08, 0.14] } },
    ],
  },
  {
    name: 'Caffeine',
    smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
    masks: [14, 21],
    masked: ['O', 'O'],
    why: 'Two atoms hidden at once, the oxygens of caffeine’s two C=O groups: both models fill “O” in both (ExLM 84% and 71%, the twin 84% and 90%), with sulfur “S” second, and give back caffeine.',
    expect: [
      { fill: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C', validFill: true },
      { slot: 0, top: 'O', topIncludes: ['S'], within: 2 },
      { slot: 1, top: 'O', topIncludes: ['S'], within: 2 },
      { model: 'exlm', slot: 0, probs: { O: [0.8, 0.88] } },
      { model: 'exlm', slot: 1, probs: { O: [0.66, 0.76] } },
      { model: 'mlm', slot: 0, probs: { O: [0.8, 0.88] } },
      { model: 'mlm', slot: 1, probs: { O: [0.86, 0.94] } },
    ],
  },
  {
    name: 'Nicotine',
    smiles: 'CN1CCCC1c1cccnc1',
    masks: [7],
    masked: ['1'],
    why: 'The digit that closes nicotine’s five-membered ring, four atoms after it opens: both models miss it. They put “C” first (ExLM 32%, the twin 34%) and “1” only at 9% and 4%; their best fill leaves the ring open, and RDKit refuses it.',
    expect: [
      { slot: 0, top: 'C', fill: 'CN1CCCCCc1cccnc1', validFill: false, maxProb: 0.4 },
      { slot: 0, validWith: { C: false, '1': true } },
      { model: 'exlm', slot: 0, probs: { C: [0.28, 0.36], '1': [0.06, 0.12] } },
      { model: 'mlm', slot: 0, probs: { C: [0.3, 0.38], '1': [0.025, 0.06] } },
    ],
  },
];
