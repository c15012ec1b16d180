import { describe, expect, it } from 'vitest';
import { expandedLabels, groupExpandedPositions } from '../common/expandedGroups';
import { TINY_EXPANDED, TINY_TOKENS } from '../common/tinyExpanded.testdata';
import { groupSpans, heatmapGeometry } from './heatmapGeometry';

describe('heatmapGeometry', () => {
  it('leaves room for the longest label and sizes the square', () => {
    const labels = expandedLabels(groupExpandedPositions(TINY_EXPANDED, TINY_TOKENS));
    const g = heatmapGeometry(labels, 640);
    // "[MASK]₁" is 7 characters at 15 px: ceil(7 * 0.68 * 15) + 8 = 80 px, plus 14 of brackets.
    expect(g.left).toBe(94);
    expect(g.top).toBe(94);
    expect(g.cell).toBe(28);
    expect(g.side).toBe(8 * 28);
    expect(g.width).toBe(94 + 224 + 8);
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
