import { describe, expect, it } from 'vitest';

import {
  bestValidHeading,
  bestValidLineText,
  fillRank,
  ordinal,
  relativeText,
} from './structureWords';

describe('ordinal', () => {
  it('writes a rank as English does', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
});

describe('the best valid fill in words', () => {
  it('names its rank and its probability beside the best joint fill', () => {
    expect(fillRank(2)).toBe('the 2nd most likely fill');
    expect(bestValidHeading(11)).toBe('Best valid fill: the 11th most likely fill');
    expect(relativeText(0.0421)).toBe('Its probability is 4.2% of the best joint fill’s.');
  });

  it('has a line for the best fill valid already and for none valid, none for a later one', () => {
    expect(bestValidLineText({ kind: 'best' })).toMatch(/^The best joint fill is a valid molecule/);
    expect(bestValidLineText({ kind: 'none', searched: 16 })).toBe(
      'None of the model’s 16 most likely fills is a valid molecule.',
    );
    const later = {
      kind: 'later' as const,
      fill: { smiles: 'CCO', atoms: [], bonds: [], rank: 3, relative: 0.5 },
      drawn: {
        plan: { smiles: 'CCO', atoms: [], bonds: [] },
        verdict: { valid: true as const },
        svg: null,
      },
    };
    expect(bestValidLineText(later)).toBeNull();
  });
});
