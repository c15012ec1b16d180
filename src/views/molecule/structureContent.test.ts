import { describe, expect, it } from 'vitest';

import { highlightsOf, structureContent } from './structureContent';

const tokens = (spaced: string) => spaced.split(' ');
// Aspirin: C C ( = O ) O c 1 c c c c c 1 C ( = O ) O; token 20 is the last O (atom 12).
const ASPIRIN = tokens('C C ( = O ) O c 1 c c c c c 1 C ( = O ) O');

const top = (...pairs: [string, number][]) =>
  pairs.map(([token, prob], id) => ({ id, token, prob }));

describe('highlightsOf', () => {
  it('highlights the atom of an atom token and the bond of any other', () => {
    expect(highlightsOf(ASPIRIN, [20])).toEqual({ atoms: [12], bonds: [] });
    expect(highlightsOf(ASPIRIN, [3])).toEqual({ atoms: [], bonds: [[1, 2]] });
    expect(highlightsOf(ASPIRIN, [8, 14])).toEqual({
      atoms: [],
      bonds: [
        [4, 9],
        [4, 9],
      ],
    });
    expect(highlightsOf(tokens('C . C'), [1])).toEqual({ atoms: [], bonds: [] });
  });
});

describe('structureContent', () => {
  it('draws the unmasked original with the masked atom highlighted and says what each mask is', () => {
    const content = structureContent(ASPIRIN, [3, 20], null);
    expect(content.original).toEqual({
      smiles: 'CC(=O)Oc1ccccc1C(=O)O',
      atoms: [12],
      bonds: [[1, 2]],
    });
    expect(content.notes.map((n) => [n.original, n.shows])).toEqual([
      ['=', 'a bond, not an atom: the bond it sets is highlighted, between atoms 2 and 3'],
      ['O', 'atom 13, highlighted'],
    ]);
    expect(content.fill).toBeNull();
    expect(content.candidates).toEqual([]);
  });

  it('has no original to draw when a mask was typed as [MASK]', () => {
    const typed = [...ASPIRIN];
    typed[20] = '[MASK]';
    const content = structureContent(typed, [20], null);
    expect(content.original).toBeNull();
    expect(content.notes[0]).toMatchObject({
      original: null,
      shows: expect.stringMatching(/typed/),
    });
  });

  it('fills the masks with the best joint fill and substitutes each candidate alone', () => {
    const analysis = {
      masks: [{ top: top(['=', 0.9], ['#', 0.05]) }, { top: top(['N', 0.5], ['O', 0.4]) }],
      fill: { tokens: ['=', 'O'] },
    };
    const content = structureContent(ASPIRIN, [3, 20], analysis, 2);
    expect(content.fill).toEqual({
      smiles: 'CC(=O)Oc1ccccc1C(=O)O',
      atoms: [12],
      bonds: [[1, 2]],
    });
    expect(content.candidates.map((slot) => slot.map((c) => c.smiles))).toEqual([
      ['CC(=O)Oc1ccccc1C(=O)O', 'CC(#O)Oc1ccccc1C(=O)O'],
      ['CC(=O)Oc1ccccc1C(=O)N', 'CC(=O)Oc1ccccc1C(=O)O'],
    ]);
    // Each candidate highlights its own position only.
    expect(content.candidates[1]?.[0]).toMatchObject({ atoms: [12], bonds: [] });
    expect(content.candidates[0]?.[1]).toMatchObject({ atoms: [], bonds: [[1, 2]] });
  });

  it('highlights what a candidate writes, also where it is another kind of token', () => {
    // A bond slot filled with an atom: the atoms after it are numbered one further.
    const analysis = { masks: [{ top: top(['C', 0.6]) }], fill: { tokens: ['='] } };
    const [candidate] = structureContent(ASPIRIN, [3], analysis).candidates[0] ?? [];
    expect(candidate?.smiles).toBe('CC(CO)Oc1ccccc1C(=O)O');
    expect(candidate).toMatchObject({ atoms: [2], bonds: [] });
  });

  it('ignores an analysis whose fill does not match the masks (an older input)', () => {
    const analysis = { masks: [{ top: top(['O', 1]) }], fill: { tokens: ['O'] } };
    expect(structureContent(ASPIRIN, [3, 20], analysis).fill).toBeNull();
  });
});

describe('structureContent: the N best fills', () => {
  it('puts each of the best fills into the molecule, with its rank and relative probability', () => {
    const analysis = {
      masks: [{ top: top(['O', 0.6]) }, { top: top(['O', 0.7]) }],
      fill: { tokens: ['=', 'O'] },
      bestFills: [
        { tokens: ['=', 'O'], score: -0.5 },
        { tokens: ['=', 'N'], score: -0.5 - Math.log(4) },
      ],
    };
    const content = structureContent(ASPIRIN, [3, 20], analysis);
    expect(content.bestFills.map((f) => [f.rank, f.smiles, f.atoms, f.bonds])).toEqual([
      [1, 'CC(=O)Oc1ccccc1C(=O)O', [12], [[1, 2]]],
      [2, 'CC(=O)Oc1ccccc1C(=O)N', [12], [[1, 2]]],
    ]);
    expect(content.bestFills[0]!.relative).toBe(1);
    expect(content.bestFills[1]!.relative).toBeCloseTo(0.25, 12);
  });

  it('lists none without them, or without an analysis', () => {
    const analysis = { masks: [{ top: top(['O', 0.6]) }], fill: { tokens: ['O'] } };
    expect(structureContent(ASPIRIN, [20], analysis).bestFills).toEqual([]);
    expect(structureContent(ASPIRIN, [20], null).bestFills).toEqual([]);
  });
});
