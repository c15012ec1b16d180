import { describe, expect, it } from 'vitest';
import {
  expandedTokenLabel,
  formatNats,
  formatPercent,
  formatPosition,
  formatWeight,
  subscript,
  truncateLabel,
} from './labels';

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

  it('formats percentages with the digits they need', () => {
    expect(formatPercent(0.4213)).toBe('42%');
    expect(formatPercent(0.0421)).toBe('4.2%');
    expect(formatPercent(0.0042)).toBe('0.4%');
    expect(formatPercent(0.0001)).toBe('<0.1%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('–');
  });

  it('formats weights, entropies and positions', () => {
    expect(formatWeight(0.12345)).toBe('0.123');
    expect(formatNats(1.2345)).toBe('1.23 nats');
    expect(formatPosition(3, 2)).toBe('(3, 2)');
  });
});
