import { describe, expect, it } from 'vitest';
import { expandedTokenLabel, formatPosition, subscript, truncateLabel } from './labels';

describe('labels', () => {
  it('writes subscript digits', () => {
    expect(subscript(2)).toBe('₂');
    expect(subscript(10)).toBe('₁₀');
    expect(() => subscript(-1)).toThrow(/non-negative integer/);
  });

  it('labels copies of expanded tokens only when there are several', () => {
    expect(expandedTokenLabel('[MASK]', 2, 4)).toBe('[MASK]₂');
    expect(expandedTokenLabel('[MASK]', 1, 1)).toBe('[MASK]');
    expect(expandedTokenLabel('cat', 0, 1)).toBe('cat');
  });

  it('truncates long labels with an ellipsis', () => {
    expect(truncateLabel('photosynthesis', 6)).toBe('photo…');
    expect(truncateLabel('cat', 6)).toBe('cat');
  });

  it('writes 2D positions as the paper does', () => {
    expect(formatPosition(3, 2)).toBe('(3, 2)');
  });
});
