import { describe, expect, it } from 'vitest';

import {
  chooseMasks,
  EXPERIMENT_RATIOS,
  experimentMasks,
  maskCount,
  maskingSeed,
} from './maskRatio';
import { seededRandom } from './seededRandom';

describe('the mask-ratio experiment', () => {
  it('runs the ten ratios of the study, from 5% to 80%', () => {
    expect(EXPERIMENT_RATIOS).toEqual([0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
  });

  it('masks round(ratio x maskable words), at least one and at most all', () => {
    expect(maskCount(10, 0.05)).toBe(1); // 0.5 rounds to 1, and at least 1 anyway
    expect(maskCount(10, 0.3)).toBe(3);
    expect(maskCount(12, 0.8)).toBe(10);
    expect(maskCount(3, 0.05)).toBe(1);
    expect(maskCount(1, 0.8)).toBe(1);
    expect(maskCount(0, 0.5)).toBe(0);
  });

  it('draws distinct maskable words, sorted, without touching the others', () => {
    const maskable = [0, 2, 3, 5, 7, 8, 9, 11, 12, 14];
    const masks = chooseMasks(maskable, 0.5, seededRandom(1));
    expect(masks).toHaveLength(5);
    expect(new Set(masks).size).toBe(5);
    expect(masks.every((m) => maskable.includes(m))).toBe(true);
    expect([...masks].sort((a, b) => a - b)).toEqual(masks);
    expect(chooseMasks([], 0.5, seededRandom(1))).toEqual([]);
  });

  it('masks the same words for the same run, sentence, ratio and repeat', () => {
    const maskable = Array.from({ length: 20 }, (_, i) => i);
    const at = { seed: 7, ratioIndex: 3, sentence: 4, repeat: 0 };
    expect(experimentMasks(maskable, 0.2, at)).toEqual(experimentMasks(maskable, 0.2, at));
    // Another repeat or sentence draws again (and, here, differently).
    expect(experimentMasks(maskable, 0.2, { ...at, repeat: 1 })).not.toEqual(
      experimentMasks(maskable, 0.2, at),
    );
    expect(maskingSeed(7, 3, 4, 0)).not.toBe(maskingSeed(7, 4, 3, 0));
  });

  it('picks every maskable word about equally often', () => {
    const maskable = [1, 3, 5, 7];
    const counts = new Map<number, number>(maskable.map((m) => [m, 0]));
    for (let repeat = 0; repeat < 4000; repeat++) {
      for (const m of experimentMasks(maskable, 0.25, {
        seed: 1,
        ratioIndex: 0,
        sentence: 0,
        repeat,
      })) {
        counts.set(m, counts.get(m)! + 1);
      }
    }
    for (const count of counts.values()) expect(count).toBeGreaterThan(850);
  });
});
