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
    why: 'An atom with little to go on: both models put carbon “C” first (ExLM 37%, the twin 40%) and oxygen “O” second (ExLM 18%, the twin 24%). To them propane, CCC, is as good a molecule as ethanol.',
    expect: [
      { slot: 0, top: 'C', topIncludes: ['O'], within: 2, fill: 'CCC', validFill: true },
      { model: 'exlm', slot: 0, probs: { C: [0.33, 0.41], O: [0.14, 0.22] } },
      { model: 'mlm', slot: 0, probs: { C: [0.36, 0.44], O: [0.2, 0.27] } },
    ],
  },
  {
    name: 'Acetic acid',
    smiles: 'CC(=O)O',
    masks: [3],
    masked: ['='],
    why: 'A bond, not an atom: the double bond of the acid group’s C=O. The twin puts “=” first (78%) and an atom, “C”, second (18%). ExLM turns them round: “C” first (55%), “=” second (39%), and fills CC(CO)O, propane-1,2-diol, which is a molecule too.',
    expect: [
      { slot: 0, topIncludes: ['=', 'C'], within: 2 },
      { slot: 0, validWith: { '=': true, C: true } },
      { model: 'exlm', slot: 0, top: 'C', fill: 'CC(CO)O', validFill: true },
      { model: 'exlm', slot: 0, probs: { C: [0.51, 0.59], '=': [0.35, 0.43] } },
      { model: 'mlm', slot: 0, top: '=', fill: 'CC(=O)O', validFill: true },
      { model: 'mlm', slot: 0, probs: { '=': [0.73, 0.83], C: [0.14, 0.22] } },
    ],
  },
  {
    name: 'Glycine',
    smiles: 'NCC(=O)O',
    masks: [0],
    masked: ['N'],
    why: 'The nitrogen that makes glycine an amino acid: neither model guesses it. Both say carbon “C” (ExLM 55%, the twin 66%), then oxygen “O”; nitrogen “N” comes third for the twin (8%) and only fourth for the ExLM (6%), behind chlorine “Cl”. Every one of them is a molecule: the rest of the SMILES does not tell which was meant.',
    expect: [
      { slot: 0, top: 'C', topIncludes: ['O'], within: 2, fill: 'CCC(=O)O', validFill: true },
      { slot: 0, validWith: { C: true, O: true, N: true } },
      { model: 'exlm', slot: 0, topIncludes: ['O', 'Cl'], within: 3 },
      { model: 'exlm', slot: 0, topIncludes: ['N'], within: 4 },
      { model: 'exlm', slot: 0, probs: { C: [0.51, 0.59], N: [0.04, 0.07] } },
      { model: 'mlm', slot: 0, topIncludes: ['O', 'N'], within: 3 },
      { model: 'mlm', slot: 0, probs: { C: [0.62, 0.7], N: [0.05, 0.11] } },
    ],
  },
  {
    name: 'Benzene',
    smiles: 'c1ccccc1',
    masks: [7],
    masked: ['1'],
    why: 'The digit that closes the ring: ring bonds come in pairs, and both models put “1” first (ExLM over 99%, the twin 98%). Their next guess, “2”, would open a second ring that never closes, and RDKit refuses that string.',
    expect: [
      { slot: 0, top: '1', topIncludes: ['2'], within: 2, fill: 'c1ccccc1' },
      { model: 'exlm', slot: 0, probs: { '1': [0.97, 1] } },
      { model: 'mlm', slot: 0, probs: { '1': [0.95, 1] } },
      { slot: 0, validFill: true, validWith: { '1': true, '2': false } },
    ],
  },
  {
    name: 'Pyridine',
    smiles: 'c1ccncc1',
    masks: [4],
    masked: ['n'],
    why: 'An aromatic atom, written in lower case: pyridine’s ring nitrogen “n”. Both models fill an aromatic carbon “c” (ExLM 95%, the twin 96%) and make benzene; “n” comes second for ExLM (3%) and the twin (1.5%).',
    expect: [
      { slot: 0, top: 'c', topIncludes: ['n'], within: 2, fill: 'c1ccccc1', validFill: true },
      { model: 'exlm', slot: 0, probs: { c: [0.9, 0.97], n: [0.015, 0.045] } },
      { model: 'mlm', slot: 0, probs: { c: [0.93, 0.98], n: [0.005, 0.02] } },
    ],
  },
  {
    name: 'Paracetamol',
    smiles: 'CC(=O)Nc1ccc(O)cc1',
    masks: [6],
    masked: ['N'],
    why: 'The atom between the acetyl group and the ring: both models put nitrogen “N” first (ExLM 59%, the twin 71%), ahead of “C” and “O”, and give back paracetamol’s amide.',
    expect: [
      {
        slot: 0,
        top: 'N',
        topIncludes: ['C', 'O'],
        within: 3,
        fill: 'CC(=O)Nc1ccc(O)cc1',
        validFill: true,
      },
      { model: 'exlm', slot: 0, probs: { N: [0.55, 0.63] } },
      { model: 'mlm', slot: 0, probs: { N: [0.66, 0.76] } },
    ],
  },
  {
    name: 'Aspirin',
    smiles: 'CC(=O)Oc1ccccc1C(=O)O',
    masks: [6],
    masked: ['O'],
    why: 'The same place in aspirin holds the ester’s oxygen, but both models put nitrogen “N” first again (ExLM 56%, the twin 65%) and make an amide; the right “O” comes only third (7% and 5%). A valid molecule, not aspirin.',
    expect: [
      { slot: 0, top: 'N', topIncludes: ['O'], within: 3, validFill: true },
      { fill: 'CC(=O)Nc1ccccc1C(=O)O' },
      { model: 'exlm', slot: 0, probs: { N: [0.52, 0.6], O: [0.05, 0.085] } },
      { model: 'mlm', slot: 0, probs: { N: [0.6, 0.7], O: [0.025, 0.075] } },
    ],
  },
  {
    name: 'Ibuprofen',
    smiles: 'CC(C)Cc1ccc(cc1)C(C)C(=O)O',
    masks: [2],
    masked: ['('],
    why: 'A branch: the “(” that opens the side methyl group. Both models say “(” (ExLM 99%, the twin 94%); their second guess, “C” (under 1% and 3%), would leave the “)” without its “(”, which RDKit refuses.',
    expect: [
      { slot: 0, top: '(', topIncludes: ['C'], within: 2, validFill: true },
      { slot: 0, validWith: { '(': true, C: false } },
      { model: 'exlm', slot: 0, probs: { '(': [0.95, 1], C: [0.002, 0.01] } },
      { model: 'mlm', slot: 0, probs: { '(': [0.91, 0.98], C: [0.02, 0.06] } },
    ],
  },
  {
    name: 'Caffeine',
    smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
    masks: [14, 21],
    masked: ['O', 'O'],
    why: 'Two atoms hidden at once, the oxygens of caffeine’s two C=O groups: both models fill “O” in both (ExLM 73% and 58%, the twin 51% and 64%), with sulfur “S” second (ExLM 24% and 33%, the twin 43% and 31%), and give back caffeine.',
    expect: [
      { fill: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C', validFill: true },
      { slot: 0, top: 'O', topIncludes: ['S'], within: 2 },
      { slot: 1, top: 'O', topIncludes: ['S'], within: 2 },
      { model: 'exlm', slot: 0, probs: { O: [0.69, 0.77], S: [0.2, 0.28] } },
      { model: 'exlm', slot: 1, probs: { O: [0.54, 0.62], S: [0.29, 0.37] } },
      { model: 'mlm', slot: 0, probs: { O: [0.46, 0.56], S: [0.38, 0.48] } },
      { model: 'mlm', slot: 1, probs: { O: [0.59, 0.69], S: [0.26, 0.36] } },
    ],
  },
  {
    name: 'Nicotine',
    smiles: 'CN1CCCC1c1cccnc1',
    masks: [7],
    masked: ['1'],
    why: 'The digit that closes nicotine’s five-membered ring, four atoms after it opens. ExLM is torn: “1” first, but only just (30%, “C” 26%), and its best joint fill, which follows the path through the [MASK]’s copies, takes “C” and leaves the ring open, which RDKit refuses. The twin is surer: “1” first, at 70%, and its fill is nicotine.',
    expect: [
      { slot: 0, validWith: { C: false, '1': true } },
      { model: 'exlm', slot: 0, top: '1', fill: 'CN1CCCCCc1cccnc1', validFill: false },
      { model: 'exlm', slot: 0, topIncludes: ['C'], within: 2 },
      { model: 'exlm', slot: 0, probs: { '1': [0.26, 0.34], C: [0.22, 0.3] } },
      { model: 'mlm', slot: 0, top: '1', fill: 'CN1CCCC1c1cccnc1', validFill: true },
      { model: 'mlm', slot: 0, probs: { '1': [0.66, 0.74] } },
    ],
  },
];
