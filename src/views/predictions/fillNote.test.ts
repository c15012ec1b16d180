import { describe, expect, it } from 'vitest';

import type { Analysis } from '../../model/types';
import { TINY } from '../common/tinyExpanded.testdata';
import { describeFillDifference, fillDifferences, fillNoteLead } from './fillNote';

const top = (...pairs: [string, number][]) =>
  pairs.map(([token, prob], id) => ({ id, token, prob }));

/** The tiny expansion (one mask, k = 2) with a path through the mask's second copy (state 3). */
function analysis(fillToken: string, slotTop: ReturnType<typeof top>) {
  const stateTop: Analysis['stateTop'] = [[], [], [], top(['done', 0.41], ['paris', 0.3]), [], []];
  return {
    ...TINY,
    masks: [{ position: 2, top: slotTop, entropy: 1 }],
    fill: {
      path: Int32Array.from([0, 3, 5]),
      tokenIds: Int32Array.from([0]),
      tokens: [fillToken],
      text: '',
    },
    stateTop,
  };
}

describe('fillDifferences', () => {
  it('says nothing when the fill is every mask’s top guess', () => {
    expect(fillDifferences(analysis('paris', top(['paris', 0.5], ['done', 0.1])), 2)).toEqual([]);
  });

  it('names the mask, both words, the rank and the path’s state', () => {
    const [d] = fillDifferences(
      analysis('done', top(['paris', 0.5], ['lyon', 0.2], ['done', 0.1])),
      2,
    );
    expect(d).toEqual({
      mask: 1,
      fillWord: 'done',
      topWord: 'paris',
      rank: 3,
      prob: 0.1,
      stateName: 'mask 1 · copy 2',
      state: 3,
      stateProb: 0.41,
    });
    if (d === undefined) throw new Error('no difference');
    expect(describeFillDifference(d, 2, 'text')).toBe(
      'Mask 1: the fill has “done”, not the top guess “paris”; “done” is guess 3 (10.0%), ' +
        'below the 2 listed. The path takes it from mask 1 · copy 2 (state 3), whose own best ' +
        'word it is (41.0% there).',
    );
    expect(describeFillDifference(d, 5, 'text')).toContain('it is guess 3 in the list (10.0%)');
  });

  it('says when the fill word is not among the guesses the page holds', () => {
    const [d] = fillDifferences(analysis('done', top(['paris', 0.5])), 2);
    expect(d?.rank).toBeNull();
    if (d === undefined) throw new Error('no difference');
    expect(describeFillDifference(d, 5, 'text')).toMatch(
      /^Mask 1: the fill has “done”, not the top guess “paris”; “done” is not among the 5 guesses listed\./,
    );
  });

  it('speaks of SMILES tokens for a molecule model, of words for a text model', () => {
    const [d] = fillDifferences(analysis('N', top(['C', 0.5], ['O', 0.2], ['N', 0.1])), 2);
    if (d === undefined) throw new Error('no difference');
    expect(describeFillDifference(d, 2, 'molecules')).toMatch(
      /whose own best SMILES token it is\.$/,
    );
    expect(fillNoteLead('molecules')).toMatch(/so it can pick another SMILES token\.$/);
    expect(fillNoteLead('text')).toMatch(/so it can pick another word\.$/);
  });
});
