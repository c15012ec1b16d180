import { describe, expect, it } from 'vitest';

import { RatioTally } from './evalMetrics';
import { runIntervals } from './experimentIntervals';
import type { ExperimentModelResult, ExperimentPoint, MaskingScores } from './maskRatio';

const SPREAD = { min: 0, q25: 0, median: 0, q75: 0, max: 0 };

/** A point from per-masking numbers, tallied as the worker does. */
function point(ratio: number, maskings: MaskingScores): ExperimentPoint {
  const masks = maskings.masks.reduce((a, b) => a + b, 0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    ...new RatioTally(ratio).result(),
    sentences: maskings.masks.filter((m) => m > 0).length,
    masks,
    top1_hits: sum(maskings.top1),
    top5_hits: sum(maskings.top5),
    top1: sum(maskings.top1) / masks,
    top5: sum(maskings.top5) / masks,
    entropy: sum(maskings.entropy) / masks,
    words: 0,
    entropySpread: SPREAD,
    maskings,
  };
}

const COUNT = 120;
const at = (f: (i: number) => number) => Array.from({ length: COUNT }, (_, i) => f(i));

const EXLM: ExperimentModelResult = {
  model: 'exlm',
  architecture: 'exlm',
  points: [
    point(0.1, {
      masks: at(() => 2),
      top1: at((i) => (i % 3 === 0 ? 2 : i % 3 === 1 ? 1 : 0)),
      top5: at(() => 2),
      entropy: at((i) => 8 + (i % 5)),
    }),
    point(0.5, {
      masks: at(() => 5),
      top1: at((i) => i % 4),
      top5: at((i) => 2 + (i % 4)),
      entropy: at((i) => 24 + (i % 7)),
    }),
  ],
};
// The twin: the same maskings, one hit fewer in every other one at 10%.
const MLM: ExperimentModelResult = {
  model: 'mlm',
  architecture: 'mlm',
  points: EXLM.points.map((p) =>
    point(p.ratio, {
      ...p.maskings,
      top1: p.maskings.top1.map((h, i) =>
        p.ratio === 0.1 && i % 2 === 0 ? Math.max(0, h - 1) : h,
      ),
    }),
  ),
};

describe('the experiment intervals', () => {
  it('bounds each measure of each point around its value', () => {
    const intervals = runIntervals([EXLM, MLM]);
    expect(intervals.map((r) => r.ratio)).toEqual([0.1, 0.5]);
    intervals.forEach(({ points }, r) => {
      points.forEach((measures, m) => {
        const p = [EXLM, MLM][m]!.points[r]!;
        for (const measure of ['top1', 'top5', 'entropy'] as const) {
          expect(measures![measure]!.low).toBeLessThanOrEqual(p[measure]);
          expect(measures![measure]!.high).toBeGreaterThanOrEqual(p[measure]);
        }
      });
    });
    // Every masking guessed all of its words within five at 10%: nothing to resample.
    expect(intervals[0]?.points[0]?.top5).toEqual({ low: 1, high: 1 });
    // The same bands for the same numbers, whatever else the run holds.
    expect(runIntervals([EXLM, MLM])).toEqual(intervals);
    expect(runIntervals([EXLM])[0]?.points[0]).toEqual(intervals[0]?.points[0]);
  });

  it('pairs the models per ratio: the difference and its interval', () => {
    const [low, high] = runIntervals([EXLM, MLM]).map((r) => r.difference);
    expect(low?.ratio).toBe(0.1);
    expect(low?.values.top1).toBeCloseTo(EXLM.points[0]!.top1 - MLM.points[0]!.top1, 12);
    // A steady lead on the same maskings: the whole interval is above 0.
    expect(low?.intervals.top1?.low).toBeGreaterThan(0);
    // No difference at all at 50%: a zero-width interval at 0.
    expect(high?.values.top1).toBe(0);
    expect(high?.intervals.top1).toEqual({ low: 0, high: 0 });
  });

  it('pairs only the ratios both models finished, with something scored', () => {
    const oneRatio = { ...MLM, points: MLM.points.slice(0, 1) };
    const intervals = runIntervals([EXLM, oneRatio]);
    expect(intervals.map((r) => r.difference?.ratio ?? null)).toEqual([0.1, null]);
    expect(intervals[1]?.points[1]).toBeNull();
    const zeros = at(() => 0);
    const nothing = point(0.1, { masks: zeros, top1: zeros, top5: zeros, entropy: zeros });
    const empty = { ...oneRatio, points: [nothing] };
    const [first] = runIntervals([{ ...EXLM, points: EXLM.points.slice(0, 1) }, empty]);
    expect(first?.difference).toBeNull();
    expect(first?.points[1]).toEqual({ top1: null, top5: null, entropy: null });
  });

  it('refuses models that scored different runs', () => {
    const other = {
      ...MLM,
      points: [point(0.1, { masks: [1], top1: [1], top5: [1], entropy: [1] })],
    };
    expect(() => runIntervals([EXLM, other])).toThrow(RangeError);
  });
});
