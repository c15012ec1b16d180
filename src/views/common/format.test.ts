import { describe, expect, it } from 'vitest';

import {
  entropyInWords,
  equallyLikelyWords,
  formatBytes,
  formatCount,
  formatEntropyValue,
  formatFixed,
  formatMs,
  formatNats,
  formatPercent,
  formatWeight,
  formatWholePercent,
} from './format';

describe('number formats', () => {
  it('writes probabilities and shares as percentages with one decimal', () => {
    expect(formatPercent(0.4213)).toBe('42.1%');
    expect(formatPercent(0.2345)).toBe('23.4%');
    expect(formatPercent(0.0421)).toBe('4.2%');
    expect(formatPercent(0.0042)).toBe('0.4%');
    expect(formatPercent(0.001)).toBe('0.1%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
  });

  it('says "<0.1%" for a probability above 0 that would print as 0.0% or round up to 0.1%', () => {
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(0.0009)).toBe('<0.1%');
    expect(formatPercent(Number.MIN_VALUE)).toBe('<0.1%');
  });

  it('writes a dash for what is not a probability', () => {
    expect(formatPercent(Number.NaN)).toBe('–');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatPercent(-0.1)).toBe('–');
    expect(formatWholePercent(Number.NaN)).toBe('–');
  });

  it('writes round ratios as whole percentages', () => {
    expect(formatWholePercent(0.15)).toBe('15%');
    expect(formatWholePercent(0.3)).toBe('30%');
    expect(formatWholePercent(0.05)).toBe('5%');
    expect(formatWholePercent(0.8)).toBe('80%');
  });

  it('writes entropies in nats with two decimals', () => {
    expect(formatNats(1.2345)).toBe('1.23 nats');
    expect(formatNats(0)).toBe('0.00 nats');
    expect(formatNats(Number.NaN)).toBe('–');
    expect(formatEntropyValue(2.1)).toBe('2.10');
    // A rounding error below zero prints as zero, with no minus sign.
    expect(formatEntropyValue(-1e-9)).toBe('0.00');
  });

  it('writes weights and plain decimals', () => {
    expect(formatWeight(0.12345)).toBe('0.123');
    expect(formatWeight(Number.NaN)).toBe('–');
    expect(formatFixed(3.14159, 1)).toBe('3.1');
  });

  it('writes times, counts and sizes', () => {
    expect(formatMs(3.14)).toBe('3.1 ms');
    expect(formatMs(123.6)).toBe('124 ms');
    expect(formatMs(999.4)).toBe('999 ms');
    expect(formatMs(999.6)).toBe('1.0 s');
    expect(formatMs(1420)).toBe('1.4 s');
    expect(formatMs(9949)).toBe('9.9 s');
    expect(formatMs(12_345)).toBe('12 s');
    expect(formatCount(3_412_000)).toBe('3.4M');
    expect(formatCount(52_100)).toBe('52.1k');
    expect(formatCount(812)).toBe('812');
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
    expect(entropyInWords(2.1, 'SMILES tokens')).toBe('as unsure as a pick among 8 SMILES tokens');
    expect(entropyInWords(0.3, 'SMILES tokens')).toBe('nearly certain');
  });
});
