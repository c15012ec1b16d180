import { describe, expect, it } from 'vitest';

import { formatBytes, formatCount, formatEntropy, formatMs, formatProb } from './format';

describe('formats', () => {
  it('formats probabilities, entropy, times and sizes', () => {
    expect(formatProb(0.2345)).toBe('23.4%');
    expect(formatProb(0.0004)).toBe('<0.1%');
    expect(formatProb(0)).toBe('0.0%');
    expect(formatEntropy(1.2345)).toBe('1.23 nats');
    expect(formatMs(3.14)).toBe('3.1 ms');
    expect(formatMs(123.6)).toBe('124 ms');
    expect(formatCount(3_412_000)).toBe('3.4M');
    expect(formatCount(52_100)).toBe('52.1k');
    expect(formatBytes(13_600_000)).toBe('13.6 MB');
    expect(formatBytes(412_000)).toBe('412 kB');
  });
});
