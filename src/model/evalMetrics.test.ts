import { describe, expect, it } from 'vitest';

import { quantile, RatioTally, sentenceScoreOf, spreadOf, TOP_COUNT } from './evalMetrics';
import type { Analysis } from './types';

describe('RatioTally', () => {
  it('counts top-1 and top-5 hits and averages entropy over slots and time over sentences', () => {
    const tally = new RatioTally(0.3);
    tally.add([10, 20], {
      slots: [
        { top: [10, 11, 12, 13, 14], entropy: 1 },
        { top: [21, 22, 23, 24, 20], entropy: 2 },
      ],
      ms: 4,
    });
    tally.add([30], { slots: [{ top: [31, 32, 33, 34, 35, 30], entropy: 3 }], ms: 8 });
    tally.skip(7);
    const result = tally.result();
    expect(result).toMatchObject({ ratio: 0.3, sentences: 2, masks: 3, top1_hits: 1 });
    expect(result.top5_hits).toBe(2); // 30 is sixth: not in the top 5
    expect(result.top1).toBeCloseTo(1 / 3, 10);
    expect(result.top5).toBeCloseTo(2 / 3, 10);
    expect(result.entropy).toBeCloseTo(2, 10);
    expect(result.mean_ms).toBeCloseTo(6, 10);
    expect(result.skipped).toEqual([7]);
    expect(() => tally.add([1, 2], { slots: [{ top: [1], entropy: 0 }], ms: 1 })).toThrow(
      /2 masks but 1 slots/,
    );
  });

  it('never counts a target of -1 (a word the model cannot name as one token) as a hit', () => {
    const tally = new RatioTally(0.5);
    tally.add([-1], { slots: [{ top: [5, 6, 7], entropy: 1.5 }], ms: 1 });
    expect(tally.result()).toMatchObject({ masks: 1, top1_hits: 0, top5_hits: 0, entropy: 1.5 });
  });

  it('gives zeros, not NaN, when nothing was scored', () => {
    expect(new RatioTally(0.1).result()).toMatchObject({
      top1: 0,
      top5: 0,
      entropy: 0,
      mean_ms: 0,
    });
  });
});

describe('sentenceScoreOf', () => {
  it('keeps the slot ids best first, their entropies and the analysis time', () => {
    const analysis = {
      masks: [
        {
          position: 2,
          entropy: 0.5,
          top: [
            { id: 9, token: 'a', prob: 0.6 },
            { id: 8, token: 'b', prob: 0.4 },
          ],
        },
      ],
      elapsedMs: 12,
    } as unknown as Analysis;
    expect(sentenceScoreOf(analysis)).toEqual({ slots: [{ top: [9, 8], entropy: 0.5 }], ms: 12 });
    expect(TOP_COUNT).toBe(5);
  });
});

describe('spread', () => {
  it('interpolates quantiles linearly between sorted values (numpy default)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 10);
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 10);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('summarises unsorted values in five numbers', () => {
    expect(spreadOf([5, 1, 3, 2, 4])).toEqual({ min: 1, q25: 2, median: 3, q75: 4, max: 5 });
    expect(spreadOf([])).toEqual({ min: 0, q25: 0, median: 0, q75: 0, max: 0 });
  });
});
