// How sure a mean over a sample is: the percentile bootstrap. The sample's units (the sentences,
// or the maskings of one sentence) are drawn again with replacement, as many as there are, and the
// statistic is recomputed on each such resample; the middle `level` of those values is the
// interval. The statistics here are ratios of sums (hits over masks, entropy over masks), as the
// experiment's points are, and the difference of two such ratios over the same units (paired: one
// resample draws the same units for both, so what the units share cancels out). The draws come
// from a seeded generator: the same numbers give the same interval every time.
import { quantile } from './evalMetrics';
import { seededRandom } from './seededRandom';

/** Resamples per interval, and the share of them the interval holds. */
export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_LEVEL = 0.95;

export interface Interval {
  low: number;
  high: number;
}

/** Per unit, the numerator and denominator of a ratio of sums: sum(num) / sum(den). */
export interface RatioSamples {
  num: ArrayLike<number>;
  den: ArrayLike<number>;
}

export interface BootstrapOptions {
  seed: number;
  resamples?: number;
  level?: number;
}

/** sum(num) / sum(den) over the units `indices` (each as often as it is listed); NaN when the
 *  denominators sum to 0. */
export function ratioOfSums(samples: RatioSamples, indices: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < indices.length; i++) {
    num += samples.num[indices[i]!]!;
    den += samples.den[indices[i]!]!;
  }
  return den === 0 ? Number.NaN : num / den;
}

/**
 * Percentile bootstrap intervals of a statistic with several values (say top-1, top-5 and entropy
 * of the same units) over `count` units: `resamples` times, `count` units drawn with replacement
 * and `statistic` computed on that draw; the interval of each of its values is the
 * (1 - level) / 2 and (1 + level) / 2 quantiles of that value over the resamples. Resamples where
 * a value is not a number (no unit with a denominator drawn) are left out of its interval; null
 * when all are, or there are no units. `statistic` may return the same array every time: its
 * values are copied out before the next draw.
 */
export function bootstrapIntervals(
  count: number,
  statistic: (indices: Int32Array) => readonly number[],
  { seed, resamples = BOOTSTRAP_RESAMPLES, level = BOOTSTRAP_LEVEL }: BootstrapOptions,
): (Interval | null)[] {
  const random = seededRandom(seed);
  const indices = new Int32Array(count);
  const values: number[][] = [];
  for (let r = 0; r < resamples && count > 0; r++) {
    for (let i = 0; i < count; i++) indices[i] = Math.floor(random() * count);
    statistic(indices).forEach((value, v) => {
      values[v] ??= [];
      if (!Number.isNaN(value)) values[v].push(value);
    });
  }
  const tail = (1 - level) / 2;
  const width = count > 0 ? values.length : statistic(indices).length;
  return Array.from({ length: width }, (_, v) => {
    const list = values[v] ?? [];
    if (list.length === 0) return null;
    list.sort((x, y) => x - y);
    return { low: quantile(list, tail), high: quantile(list, 1 - tail) };
  });
}

/** bootstrapIntervals of a statistic with one value. */
export function bootstrapInterval(
  count: number,
  statistic: (indices: Int32Array) => number,
  options: BootstrapOptions,
): Interval | null {
  return bootstrapIntervals(count, (indices) => [statistic(indices)], options)[0] ?? null;
}
