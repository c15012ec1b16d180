import { describe, expect, it } from 'vitest';

import { expand } from './expand';

describe('expand', () => {
  it('makes k copies of [CLS], [SEP] and every [MASK] with 2D positions', () => {
    // [CLS] the [MASK] sat [SEP] with k = 2
    const e = expand([2, 10, 4, 11, 3], 2);
    expect(Array.from(e.tokenIds)).toEqual([2, 2, 10, 4, 4, 11, 3, 3]);
    expect(Array.from(e.pos1)).toEqual([0, 0, 1, 2, 2, 3, 4, 4]);
    expect(Array.from(e.pos2)).toEqual([1, 2, 0, 1, 2, 0, 1, 2]);
    expect(Array.from(e.states)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(Array.from(e.maskPositions)).toEqual([2]);
  });

  it('gives the MLM twin (k = 1) copy index 1 on special positions and no extra entries', () => {
    const e = expand([2, 4, 4, 3], 1);
    expect(Array.from(e.tokenIds)).toEqual([2, 4, 4, 3]);
    expect(Array.from(e.pos2)).toEqual([1, 1, 1, 1]);
    expect(Array.from(e.states)).toEqual([0, 1, 2, 3]);
    expect(Array.from(e.maskPositions)).toEqual([1, 2]);
  });

  it('has T = N + (k - 1)|X| entries and L = k(M + 2) states', () => {
    const ids = [2, 4, 9, 4, 4, 8, 3];
    const e = expand(ids, 4);
    expect(e.tokenIds.length).toBe(ids.length + 3 * 5);
    expect(e.states.length).toBe(4 * (3 + 2));
  });
});
