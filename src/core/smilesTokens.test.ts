import { describe, expect, it } from 'vitest';

import { smilesPieces, smilesTokenRole, splitSmiles } from './smilesTokens';
import { maskedText, remapMasks } from './words';

const texts = (smiles: string) => splitSmiles(smiles).map((t) => t.text);

describe('splitSmiles', () => {
  it('splits atoms, bonds, branches and ring closures, each a chip', () => {
    expect(texts('CC(=O)Oc1ccccc1C(=O)O')).toEqual(
      'C C ( = O ) O c 1 c c c c c 1 C ( = O ) O'.split(' '),
    );
    expect(texts('ClCBr[C@@H](N)[nH+]%12')).toEqual([
      'Cl',
      'C',
      'Br',
      '[C@@H]',
      '(',
      'N',
      ')',
      '[nH+]',
      '%12',
    ]);
  });

  it('keeps offsets into the text, skips whitespace and marks a typed [MASK]', () => {
    const tokens = splitSmiles(' C[MASK] O');
    expect(tokens.map((t) => [t.text, t.start, t.end, t.literalMask])).toEqual([
      ['C', 1, 2, false],
      ['[MASK]', 2, 8, true],
      ['O', 9, 10, false],
    ]);
    expect(tokens.every((t) => !t.ignored)).toBe(true);
  });

  it('makes each character SMILES cannot read a piece of its own', () => {
    expect(smilesPieces('CXxé😀').map((p) => [p.text, p.kind])).toEqual([
      ['C', 'token'],
      ['X', 'unknown'],
      ['x', 'unknown'],
      ['é', 'unknown'],
      ['😀', 'unknown'],
    ]);
    expect(smilesPieces('[CLS]C').map((p) => p.kind)).toEqual(['special', 'token']);
  });

  it('masks one token in the model input without changing the others', () => {
    const smiles = 'CC(=O)Oc1ccccc1C(=O)O';
    const masked = maskedText(smiles, [1, 8, 20], splitSmiles);
    expect(masked).toBe('C[MASK](=O)Oc[MASK]ccccc1C(=O)[MASK]');
    const before = texts(smiles);
    expect(texts(masked)).toEqual(before.map((t, i) => ([1, 8, 20].includes(i) ? '[MASK]' : t)));
    // Cl stays one token on either side of a mask.
    expect(texts(maskedText('CCl', [0], splitSmiles))).toEqual(['[MASK]', 'Cl']);
  });

  it('keeps masks on the same tokens across an edit', () => {
    // Last O masked; an atom typed at the front moves it one token right.
    expect(remapMasks('CCO', 'NCCO', [2], splitSmiles)).toEqual([3]);
    expect(remapMasks('CCO', 'CC', [2], splitSmiles)).toEqual([]);
  });
});

describe('smilesTokenRole', () => {
  it('names what each token is', () => {
    const roles = (smiles: string) => splitSmiles(smiles).map((t) => smilesTokenRole(t.text));
    expect(roles('C=C(Cl)[nH]1.%12')).toEqual([
      'atom',
      'bond',
      'atom',
      'branch',
      'atom',
      'branch',
      'atom',
      'ring closure',
      'separator',
      'ring closure',
    ]);
    expect(roles('[MASK][CLS]#/\\X+@')).toEqual([
      'mask',
      'special token',
      'bond',
      'bond',
      'bond',
      'not SMILES',
      'not SMILES',
      'not SMILES',
    ]);
  });
});
