import { describe, expect, it } from 'vitest';
import { TINY } from '../common/tinyExpanded.testdata';
import { cardHeight, DEFAULT_STATES_GEOMETRY, layoutStates } from './statesLayout';

const G = {
  ...DEFAULT_STATES_GEOMETRY,
  cardWidth: 100,
  headerHeight: 20,
  lineHeight: 20,
  footerHeight: 20,
  gap: 10,
  tokenHeight: 30,
  charWidth: 10,
  minTokenWidth: 40,
  margin: 5,
};

describe('layoutStates', () => {
  it('sizes cards by the number of top tokens shown', () => {
    expect(cardHeight(3, G)).toBe(20 + 60 + 20 + 8);
  });

  it('lays out the sentence left to right with copies stacked', () => {
    const layout = layoutStates(TINY, 3, G);
    const h = cardHeight(3, G);
    expect(layout.cards.map((c) => [c.state, c.token, c.copy, c.copies, c.x, c.y])).toEqual([
      [0, '[CLS]', 1, 2, 5, 5],
      [1, '[CLS]', 2, 2, 5, 5 + h + 10],
      [2, '[MASK]', 1, 2, 175, 5],
      [3, '[MASK]', 2, 2, 175, 5 + h + 10],
      [4, '[SEP]', 1, 2, 345, 5],
      [5, '[SEP]', 2, 2, 345, 5 + h + 10],
    ]);
    // "the": 3 chars * 10 + 20 = 50 px wide, after [CLS] (5 + 100 + 10); [MASK] after it (115 + 50 + 10).
    expect(layout.tokens.map((t) => [t.token, t.x, t.width])).toEqual([
      ['the', 115, 50],
      ['sat', 285, 50],
    ]);
    expect(layout.tokens[0]?.y).toBe(5 + (h - 30) / 2);
    expect(layout.width).toBe(345 + 100 + 5);
    expect(layout.height).toBe(10 + 2 * h + 10);
    expect(layout.rows).toBe(2);
  });

  it('wraps the sentence into lines no wider than the panel, each as tall as its cards', () => {
    const h = cardHeight(3, G);
    // One line is 5 + 100 + 10 + 50 + 10 + 100 + 10 + 50 + 10 + 100 + 5 = 450 wide.
    expect(layoutStates(TINY, 3, G, 450).width).toBe(450);
    const layout = layoutStates(TINY, 3, G, 300);
    // "[CLS] the [MASK]" fit in 280; "sat [SEP]" start a second line, 2 * 10 below the first.
    const second = 5 + 2 * h + 10 + 20;
    expect(layout.cards.map((c) => [c.token, c.copy, c.x, c.y])).toEqual([
      ['[CLS]', 1, 5, 5],
      ['[CLS]', 2, 5, 5 + h + 10],
      ['[MASK]', 1, 175, 5],
      ['[MASK]', 2, 175, 5 + h + 10],
      ['[SEP]', 1, 65, second],
      ['[SEP]', 2, 65, second + h + 10],
    ]);
    expect(layout.tokens.map((t) => [t.token, t.x, t.y])).toEqual([
      ['the', 115, 5 + (h - 30) / 2],
      ['sat', 5, second + (h - 30) / 2],
    ]);
    expect(layout.width).toBe(280);
    expect(layout.height).toBe(second + 2 * h + 10 + 5);
    expect(layout.rows).toBe(2);
  });

  it('gives a column wider than the panel a line of its own', () => {
    const layout = layoutStates(TINY, 3, G, 50);
    expect(new Set(layout.cards.map((c) => c.x))).toEqual(new Set([5]));
    expect(layout.width).toBe(110);
  });

  it('keeps one row for the MLM twin', () => {
    const twin = {
      tokens: ['[CLS]', '[MASK]', '[SEP]'],
      expanded: {
        tokenIds: Int32Array.from([2, 4, 3]),
        pos1: Int32Array.from([0, 1, 2]),
        pos2: Int32Array.from([1, 1, 1]),
      },
      states: Int32Array.from([0, 1, 2]),
    };
    const layout = layoutStates(twin, 3, G);
    expect(layout.cards.map((c) => [c.copies, c.y])).toEqual([
      [1, 5],
      [1, 5],
      [1, 5],
    ]);
    expect(layout.height).toBe(10 + cardHeight(3, G));
    expect(layout.rows).toBe(1);
  });
});
