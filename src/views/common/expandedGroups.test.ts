import { describe, expect, it } from 'vitest';
import { expandedLabels, groupExpandedPositions, stateIndexByExpanded } from './expandedGroups';
import { TINY_EXPANDED, TINY_STATES, TINY_TOKENS } from './tinyExpanded.testdata';

describe('groupExpandedPositions', () => {
  it('groups the copies of each expanded token', () => {
    const groups = groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS);
    expect(groups.map((g) => [g.token, g.start, g.count, g.isStates])).toEqual([
      ['[CLS]', 0, 2, true],
      ['the', 2, 1, false],
      ['[MASK]', 3, 2, true],
      ['sat', 5, 1, false],
      ['[SEP]', 6, 2, true],
    ]);
  });

  it('treats single copies with pos2 = 1 as states (the MLM twin)', () => {
    const groups = groupExpandedPositions(
      {
        tokenIds: Int32Array.from([2, 4, 3]),
        pos1: Int32Array.from([0, 1, 2]),
        pos2: Int32Array.from([1, 1, 1]),
      },
      ['[CLS]', '[MASK]', '[SEP]'],
    );
    expect(groups.map((g) => [g.count, g.isStates])).toEqual([
      [1, true],
      [1, true],
      [1, true],
    ]);
  });

  it('rejects copy indices out of order and skipped source positions', () => {
    const badCopy = { ...TINY_EXPANDED, pos2: Int32Array.from([1, 3, 0, 1, 2, 0, 1, 2]) };
    expect(() => groupExpandedPositions(badCopy, TINY_TOKENS)).toThrow(/copy index 3, expected 2/);
    const skipped = { ...TINY_EXPANDED, pos1: Int32Array.from([0, 0, 2, 2, 2, 3, 4, 4]) };
    expect(() => groupExpandedPositions(skipped, TINY_TOKENS)).toThrow(
      /source position 2, expected 1/,
    );
    expect(() => groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS.slice(0, 4))).toThrow(
      /past the tokens/,
    );
  });
});

describe('stateIndexByExpanded', () => {
  it('maps expanded indices to states and ordinary tokens to -1', () => {
    expect(Array.from(stateIndexByExpanded(TINY_STATES, 8))).toEqual([0, 1, -1, 2, 3, -1, 4, 5]);
  });

  it('rejects states outside the expanded sequence', () => {
    expect(() => stateIndexByExpanded(Int32Array.from([0, 9]), 8)).toThrow(
      /State 1 points at expanded index 9/,
    );
  });
});

describe('expandedLabels', () => {
  it('names every expanded entry: masks by number, copies by index', () => {
    const names = expandedLabels(groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS), [
      { position: 2 },
    ]);
    expect(names.map((n) => n.compact)).toEqual([
      'CLS·c1',
      'CLS·c2',
      'the',
      'm1·c1',
      'm1·c2',
      'sat',
      'SEP·c1',
      'SEP·c2',
    ]);
    expect(names[4]?.full).toBe('mask 1 · copy 2');
  });
});
