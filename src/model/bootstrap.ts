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
 * The percentile bootstrap interval of each of `statistics` over `count` units: `resamples` times,
 * `count` units drawn with replacement and every statistic computed on the same draw; each
 * interval is the (1 - level) / 2 and (1 + level) / 2 quantiles of its statistic's values.
 * Resamples where a statistic is not a number (no unit with a denominator drawn) are left out of
 * its interval; null when all are, or there are no units.
 */
export function bootstrapIntervals(
  count: number,
  statistics: readonly ((indices: Int32Array) => number)[],
  { seed, resamples = BOOTSTRAP_RESAMPLES, level = BOOTSTRAP_LEVEL }: BootstrapOptions,
): (Interval | null)[] {
  if (count <= 0) return statistics.map(() => null);
  const random = seededRandom(seed);
  const indices = new Int32Array(count);
  const values = statistics.map(() => [] as number[]);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < count; i++) indices[i] = Math.floor(random() * count);
    statistics.forEach((statistic, s) => {
      const value = statistic(indices);
      if (!Number.isNaN(value)) values[s]!.push(value);
    });
  }
  const tail = (1 - level) / 2;
  return values.map((list) => {
    if (list.length === 0) return null;
    list.sort((a, b) => a - b);
    return { low: quantile(list, tail), high: quantile(list, 1 - tail) };
  });
}

/** bootstrapIntervals of one statistic. */
export function bootstrapInterval(
  count: number,
  statistic: (indices: Int32Array) => number,
  options: BootstrapOptions,
): Interval | null {
  return bootstrapIntervals(count, [statistic], options)[0]!;
}

/** The interval of sum(num) / sum(den) over the units. */
export function bootstrapRatio(samples: RatioSamples, options: BootstrapOptions): Interval | null {
  return bootstrapInterval(samples.num.length, (indices) => ratioOfSums(samples, indices), options);
}

/** The interval of ratio(a) - ratio(b), a and b measured on the same units (paired). */
export function bootstrapDifference(
  a: RatioSamples,
  b: RatioSamples,
  options: BootstrapOptions,
): Interval | null {
  if (a.num.length !== b.num.length) {
    throw new RangeError(`paired samples of ${a.num.length} and ${b.num.length} units`);
  }
  return bootstrapInterval(
    a.num.length,
    (indices) => ratioOfSums(a, indices) - ratioOfSums(b, indices),
    options,
  );
}
