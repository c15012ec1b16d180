import { describe, expect, it } from 'vitest';

import {
  type BootstrapOptions,
  bootstrapInterval,
  bootstrapIntervals,
  type RatioSamples,
  ratioOfSums,
} from './bootstrap';
import { seededRandom } from './seededRandom';

/** `count` units of `masks` masks each, a `rate` share of them hits (drawn with `seed`). */
function units(count: number, masks: number, rate: number, seed: number) {
  const random = seededRandom(seed);
  const den = Array<number>(count).fill(masks);
  const num = den.map((m) => {
    let hits = 0;
    for (let i = 0; i < m; i++) if (random() < rate) hits += 1;
    return hits;
  });
  return { num, den };
}

/** The interval of sum(num) / sum(den) over the units. */
const bootstrapRatio = (samples: RatioSamples, options: BootstrapOptions) =>
  bootstrapInterval(samples.num.length, (indices) => ratioOfSums(samples, indices), options);

/** The interval of ratio(a) - ratio(b) on the same draws (paired). */
const bootstrapDifference = (a: RatioSamples, b: RatioSamples, options: BootstrapOptions) =>
  bootstrapInterval(
    a.num.length,
    (indices) => ratioOfSums(a, indices) - ratioOfSums(b, indices),
    options,
  );

describe('the bootstrap', () => {
  it('takes the ratio of sums over the units drawn, each as often as drawn', () => {
    const samples = { num: [1, 2, 3], den: [2, 2, 4] };
    expect(ratioOfSums(samples, [0, 1, 2])).toBe(6 / 8);
    expect(ratioOfSums(samples, [2, 2])).toBe(6 / 8);
    expect(ratioOfSums(samples, [0, 0, 1])).toBe(4 / 6);
    expect(ratioOfSums({ num: [0], den: [0] }, [0])).toBeNaN();
  });

  it('gives the same interval for the same seed, another for another seed', () => {
    const samples = units(100, 3, 0.3, 1);
    const first = bootstrapRatio(samples, { seed: 5 });
    expect(bootstrapRatio(samples, { seed: 5 })).toEqual(first);
    expect(bootstrapRatio(samples, { seed: 6 })).not.toEqual(first);
  });

  it('holds the estimate and narrows as the sample grows, about as 1 / sqrt(n)', () => {
    const small = units(50, 3, 0.3, 2);
    const large = units(800, 3, 0.3, 3);
    const estimate = ratioOfSums(
      large,
      large.num.map((_, i) => i),
    );
    const wide = bootstrapRatio(small, { seed: 1 })!;
    const narrow = bootstrapRatio(large, { seed: 1 })!;
    expect(narrow.low).toBeLessThan(estimate);
    expect(narrow.high).toBeGreaterThan(estimate);
    const ratio = (wide.high - wide.low) / (narrow.high - narrow.low);
    expect(ratio).toBeGreaterThan(2.5); // sqrt(800 / 50) = 4, give or take the draws
    expect(ratio).toBeLessThan(6);
    // A 95% interval of a binomial share: about 2 x 1.96 x sqrt(p (1 - p) / masks).
    expect(narrow.high - narrow.low).toBeCloseTo(2 * 1.96 * Math.sqrt((0.3 * 0.7) / 2400), 2);
  });

  it('covers the true share in about 95% of samples', () => {
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const interval = bootstrapRatio(units(60, 2, 0.4, 100 + t), { seed: t, resamples: 300 })!;
      if (interval.low <= 0.4 && 0.4 <= interval.high) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('pairs a difference over the same units: what the units share cancels out', () => {
    // b is a with one more hit in every tenth unit: a small, steady difference on units that
    // vary a lot, which paired resampling pins down and separate resampling would not.
    const a = units(200, 4, 0.5, 7);
    const b = { num: a.num.map((n, i) => (i % 10 === 0 ? Math.min(4, n + 1) : n)), den: a.den };
    const paired = bootstrapDifference(b, a, { seed: 3 })!;
    const separate = bootstrapRatio(a, { seed: 3 })!;
    expect(paired.low).toBeGreaterThan(0);
    expect(paired.high - paired.low).toBeLessThan((separate.high - separate.low) / 3);
  });

  it('has no interval without units, or without any unit that counts', () => {
    expect(bootstrapRatio({ num: [], den: [] }, { seed: 1 })).toBeNull();
    expect(bootstrapRatio({ num: [0, 0], den: [0, 0] }, { seed: 1 })).toBeNull();
    expect(bootstrapInterval(3, () => 2, { seed: 1 })).toEqual({ low: 2, high: 2 });
  });

  it('resamples several values on the same draws, each with its own interval', () => {
    const a = units(100, 3, 0.3, 11);
    const b = units(100, 3, 0.6, 12);
    const both = bootstrapIntervals(
      100,
      (indices) => [ratioOfSums(a, indices), ratioOfSums(b, indices), NaN],
      { seed: 4 },
    );
    expect(both[0]).toEqual(bootstrapRatio(a, { seed: 4 }));
    expect(both[1]).toEqual(bootstrapRatio(b, { seed: 4 }));
    expect(both[2]).toBeNull();
    expect(bootstrapIntervals(0, () => [1, 2], { seed: 1 })).toEqual([null, null]);
  });
});
