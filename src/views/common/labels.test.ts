import { describe, expect, it } from 'vitest';
import {
  entryName,
  expandedEntryName,
  formatPosition,
  maskNumbers,
  sourceTokenName,
  stateName,
  truncateLabel,
} from './labels';
import { TINY } from './tinyExpanded.testdata';

/** The tiny expansion with its one [MASK] (source position 2) as the first masked slot. */
const NAMED = { ...TINY, masks: [{ position: 2 }] };

describe('labels', () => {
  it('names a copy of a mask by the mask number and the copy index, in two lengths', () => {
    expect(entryName('[MASK]', 2, 3, 4)).toEqual({ full: 'mask 2 · copy 3', compact: 'm2·c3' });
    expect(entryName('[SEP]', null, 2, 4)).toEqual({
      full: '[SEP] · copy 2',
      compact: 'SEP·c2',
    });
  });

  it('leaves the copy index out where there is one copy or none', () => {
    expect(entryName('[MASK]', 1, 1, 1)).toEqual({ full: 'mask 1', compact: 'm1' });
    expect(entryName('cat', null, 0, 1)).toEqual({ full: 'cat', compact: 'cat' });
    expect(entryName('[CLS]', null, 1, 1)).toEqual({ full: '[CLS]', compact: '[CLS]' });
  });

  it('numbers masks left to right by source position', () => {
    expect([...maskNumbers([{ position: 6 }, { position: 2 }, { position: 9 }])]).toEqual([
      [6, 1],
      [2, 2],
      [9, 3],
    ]);
    expect(sourceTokenName('[MASK]', 2)).toBe('mask 2');
    expect(sourceTokenName('[SEP]', null)).toBe('[SEP]');
  });

  it('names expanded entries and states of an analysis', () => {
    expect(expandedEntryName(NAMED, 4, 2).full).toBe('mask 1 · copy 2');
    expect(expandedEntryName(NAMED, 2, 2).full).toBe('the');
    // State 3 is expanded entry 4, the second copy of the mask; state 5 the last [SEP] copy.
    expect(stateName(NAMED, 3, 2).full).toBe('mask 1 · copy 2');
    expect(stateName(NAMED, 5, 2).compact).toBe('SEP·c2');
  });

  it('truncates long labels with an ellipsis', () => {
    expect(truncateLabel('photosynthesis', 6)).toBe('photo…');
    expect(truncateLabel('cat', 6)).toBe('cat');
  });

  it('writes 2D positions as the paper does', () => {
    expect(formatPosition(3, 2)).toBe('(3, 2)');
  });
});
