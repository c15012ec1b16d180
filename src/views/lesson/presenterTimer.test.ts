import { describe, expect, it } from 'vitest';

import { formatElapsed } from './presenterTimer';

describe('formatElapsed', () => {
  it('reads minutes and seconds, hours from an hour on', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(59_999)).toBe('0:59');
    expect(formatElapsed(61_000)).toBe('1:01');
    expect(formatElapsed(20 * 60_000)).toBe('20:00');
    expect(formatElapsed(3_600_000 + 5 * 60_000 + 7_000)).toBe('1:05:07');
  });

  it('reads 0:00 for a time it cannot show', () => {
    expect(formatElapsed(-5_000)).toBe('0:00');
    expect(formatElapsed(Number.NaN)).toBe('0:00');
  });
});
