import { describe, expect, it } from 'vitest';
import { expandedLabels, groupExpandedPositions } from '../common/expandedGroups';
import { TINY_EXPANDED, TINY_TOKENS } from '../common/tinyExpanded.testdata';
import { groupSpans, heatmapGeometry } from './heatmapGeometry';

describe('heatmapGeometry', () => {
  it('leaves room for the longest label and sizes the square', () => {
    const labels = expandedLabels(groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS), [
      { position: 2 },
    ]).map((n) => n.compact);
    const g = heatmapGeometry(labels, 640);
    // "CLS·c1" is 6 characters at 15 px: ceil(6 * 0.68 * 15) + 8 = 70 px, plus 14 of brackets.
    expect(g.left).toBe(84);
    expect(g.top).toBe(84);
    expect(g.cell).toBe(28);
    expect(g.side).toBe(8 * 28);
    expect(g.width).toBe(84 + 224 + 8);
    expect(g.stride).toBe(1);
    expect(g.fontSize).toBe(15);
  });

  it('thins labels for long sequences', () => {
    const labels = Array.from({ length: 200 }, () => 'tok');
    const g = heatmapGeometry(labels, 640);
    expect(g.cell).toBe(3);
    expect(g.stride).toBe(5);
    expect(g.fontSize).toBe(11);
  });
});

describe('heatmapGeometry within a panel', () => {
  const labels = expandedLabels(groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS), [
    { position: 2 },
  ]).map((n) => n.compact);

  it('shrinks the cells to fit the width the panel leaves', () => {
    // 8 positions, 84 px of labels and 8 of margin: 300 px leave 208, cells of 26 px.
    const g = heatmapGeometry(labels, 640, { maxWidth: 300, presenting: false });
    expect(g.cell).toBe(26);
    expect(g.width).toBeLessThanOrEqual(300);
  });

  it('keeps 20-px labels on a projector, thinned where the cells are smaller', () => {
    const g = heatmapGeometry(labels, 640, { maxWidth: 800, presenting: true });
    expect(g.fontSize).toBe(20);
    expect(g.stride).toBe(1);
    // "CLS·c1" at 20 px: ceil(6 * 0.68 * 20) + 8 = 90 px, plus 14 of brackets.
    expect(g.left).toBe(104);
    const long = heatmapGeometry(
      Array.from({ length: 60 }, () => 'tok'),
      640,
      { maxWidth: 800, presenting: true },
    );
    expect(long.fontSize).toBe(20);
    expect(long.cell).toBe(10);
    expect(long.stride).toBe(2);
  });
});

describe('groupSpans', () => {
  it('brackets only the groups of several copies', () => {
    const spans = groupSpans(groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS), { cell: 10 });
    expect(spans.map((s) => [s.group.token, s.from, s.to])).toEqual([
      ['[CLS]', 0, 20],
      ['[MASK]', 30, 50],
      ['[SEP]', 60, 80],
    ]);
  });
});
