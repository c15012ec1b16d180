// The molecule validity check agrees with training/smiles_validity.py (Debian's RDKit): every
// verdict below is what `is_valid_smiles` returns for the same string.
import { describe, expect, it } from 'vitest';

import { smilesValidity } from './rdkit';

const VALID = [
  'CCO',
  'c1ccccc1',
  'CC(=O)Oc1ccccc1C(=O)O',
  '[Na+].[Cl-]',
  '[2H]C',
  '[nH]1cccc1',
  'C1=CC=CC=C1',
  'C[C@H](N)C(=O)O',
  'F/C=C/F',
  'C#N',
  'O=O',
  '[C@@H]',
  'Cl',
  'B',
  '[H][H]',
];

const INVALID = [
  ['c1cccc1', 'a five-ring of aromatic carbons cannot be kekulized'],
  ['n1cccc1', 'pyrrole without its [nH]'],
  ['C(C', 'an open branch'],
  ['C)', 'a branch closed that never opened'],
  ['C1CC', 'an open ring'],
  ['CC1CC2', 'two open rings'],
  ['C=1', 'a ring bond to nothing'],
  ['C(=O)(=O)(=O)C', 'a carbon with six bonds'],
  ['c', 'a lone aromatic atom'],
  ['[Xx]', 'no such element'],
  ['C..C', 'an empty part between dots'],
  ['C.', 'a dot at the end'],
  ['.C', 'a dot at the start'],
  ['((', 'branches without atoms'],
  ['1', 'a ring closure alone'],
  ['=', 'a bond alone'],
  ['.', 'a dot alone'],
  ['', 'nothing'],
  ['CC O', 'whitespace, after which RDKit would read a name'],
  [' C', 'leading whitespace'],
  ['C\n', 'a line break'],
  ['[MASK]', 'the mask token'],
  ['C[MASK]', 'an unfilled mask'],
  ['C[UNK]', 'the unknown token'],
] as const;

describe('smilesValidity', () => {
  it('accepts what RDKit sanitizes into at least one atom', async () => {
    const { isValid, library } = await smilesValidity();
    expect(library).toMatch(/^RDKit MinimalLib \d{4}\.\d{2}\.\d+$/);
    expect(VALID.filter((s) => !isValid(s))).toEqual([]);
  });

  it.each(INVALID)('refuses %j (%s)', async (smiles) => {
    const { isValid } = await smilesValidity();
    expect(isValid(smiles)).toBe(false);
  });
});
