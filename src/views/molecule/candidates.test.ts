import { describe, expect, it } from 'vitest';

import { candidateStructures, joinSmiles, substitute } from './candidates';

// Aspirin with its last O (token 20) and the "=" of its acetyl (token 3) masked.
const ASPIRIN = 'C C ( = O ) O c 1 c c c c c 1 C ( = O ) O'.split(' ');
const MASKED = { tokens: ASPIRIN, masks: [3, 20] };

describe('substitute', () => {
  it("puts slot i's token at masks[i] and leaves every other token", () => {
    expect(joinSmiles(substitute(MASKED, ['#', 'N']))).toBe('CC(#O)Oc1ccccc1C(=O)N');
  });

  it('refuses fills that do not match the masks', () => {
    expect(() => substitute(MASKED, ['='])).toThrow('2 masks but 1 fill tokens');
    expect(() => substitute({ tokens: ['C'], masks: [3] }, ['O'])).toThrow(
      'mask 1 points at token 3 of 1',
    );
  });
});

describe('candidateStructures', () => {
  const candidates = [
    [
      { id: 10, token: '=', prob: 0.9 },
      { id: 11, token: '-', prob: 0.05 },
      { id: 12, token: '#', prob: 0.01 },
    ],
    [
      { id: 7, token: 'O', prob: 0.6 },
      { id: 8, token: 'N', prob: 0.3 },
    ],
  ];

  it('substitutes each candidate alone, the other masks keeping the best joint fill', () => {
    const [first, second] = candidateStructures(MASKED, ['=', 'O'], candidates, 5);
    expect(first?.map((c) => c.smiles)).toEqual([
      'CC(=O)Oc1ccccc1C(=O)O',
      'CC(-O)Oc1ccccc1C(=O)O',
      'CC(#O)Oc1ccccc1C(=O)O',
    ]);
    expect(second?.map((c) => c.smiles)).toEqual([
      'CC(=O)Oc1ccccc1C(=O)O',
      'CC(=O)Oc1ccccc1C(=O)N',
    ]);
    expect(second?.[1]).toMatchObject({ slot: 1, rank: 1, token: 'N', prob: 0.3, position: 20 });
    expect(second?.[1]?.tokens[20]).toBe('N');
  });

  it("keeps the best joint fill where it differs from a slot's top guess", () => {
    const [first] = candidateStructures(MASKED, ['=', 'N'], candidates, 1);
    expect(first?.map((c) => c.smiles)).toEqual(['CC(=O)Oc1ccccc1C(=O)N']);
  });

  it('shows at most `limit` candidates per slot', () => {
    const slots = candidateStructures(MASKED, ['=', 'O'], candidates, 2);
    expect(slots.map((s) => s.length)).toEqual([2, 2]);
    expect(candidateStructures(MASKED, ['=', 'O'], candidates, 0)).toEqual([[], []]);
  });
});
