import { describe, expect, it } from 'vitest';

import {
  entropyInWords,
  equallyLikelyWords,
  formatBytes,
  formatCount,
  formatEntropy,
  formatMs,
  formatProb,
} from './format';

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

  it('says an entropy in plain words: as unsure as a pick among e^H words', () => {
    expect(equallyLikelyWords(Math.log(8))).toBeCloseTo(8, 10);
    expect(entropyInWords(2.1)).toBe('as unsure as a pick among 8 words');
    expect(entropyInWords(Math.log(2))).toBe('as unsure as a pick among 2 words');
    expect(entropyInWords(6.81)).toBe('as unsure as a pick among 907 words');
    expect(entropyInWords(9)).toBe('as unsure as a pick among 8,103 words');
    expect(entropyInWords(0)).toBe('nearly certain');
    expect(entropyInWords(0.3)).toBe('nearly certain');
    expect(entropyInWords(Number.NaN)).toBe('');
    expect(entropyInWords(-1)).toBe('');
  });
});
