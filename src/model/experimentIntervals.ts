// The uncertainty of the mask-ratio experiment's numbers (bootstrap.ts over each point's maskings):
// how far top-1, top-5 and mean entropy could move with another sample of sentences, per model and
// ratio, and the same for the difference between the ExLM and its twin, paired over the maskings
// both scored. The page draws these as bands; the bench prints them.
import { type BootstrapOptions, bootstrapIntervals, type Interval } from './bootstrap';
import type { ExperimentModelResult, MaskingScores } from './maskRatio';
import { maskingSeed } from './maskRatio';

export type ExperimentMeasure = 'top1' | 'top5' | 'entropy';

/** Seed of the page's resamples: the same results always get the same bands. */
export const INTERVAL_SEED = 7;

export type MeasureIntervals = Record<ExperimentMeasure, Interval | null>;

/** The resamples of ratio `ratio` of a run, the same for every model and measure (so that the
 *  bands of one ratio come from the same draws of sentences). */
function optionsAt(ratio: number, options: Partial<BootstrapOptions>): BootstrapOptions {
  return { ...options, seed: maskingSeed(options.seed ?? INTERVAL_SEED, Math.round(ratio * 1000)) };
}

/** Writes [top-1, top-5, mean entropy] of the maskings `indices` (each as often as listed) into
 *  `out` from `at`: hits or entropy over masks, NaN without masks. One pass over the draw for all
 *  three, as the page resamples every point of a run after every ratio. */
function measuresOf(maskings: MaskingScores, indices: Int32Array, out: number[], at: number): void {
  let masks = 0;
  let top1 = 0;
  let top5 = 0;
  let entropy = 0;
  for (let i = 0; i < indices.length; i++) {
    const m = indices[i]!;
    masks += maskings.masks[m]!;
    top1 += maskings.top1[m]!;
    top5 += maskings.top5[m]!;
    entropy += maskings.entropy[m]!;
  }
  out[at] = top1 / masks; // NaN without masks: 0 / 0
  out[at + 1] = top5 / masks;
  out[at + 2] = entropy / masks;
}

function asMeasures([top1, top5, entropy]: (Interval | null | undefined)[]): MeasureIntervals {
  return { top1: top1 ?? null, top5: top5 ?? null, entropy: entropy ?? null };
}

/** One ratio of `a` minus `b`: each measure's difference and its paired interval. */
export interface DifferencePoint {
  ratio: number;
  values: Record<ExperimentMeasure, number>;
  intervals: MeasureIntervals;
}

/** Everything resampled at one ratio of a run. */
export interface RatioIntervals {
  ratio: number;
  /** Per model, in the run's order: its point's intervals; null where it has no point here. */
  points: (MeasureIntervals | null)[];
  /** The first model minus the second, paired over the maskings, when both scored something. */
  difference: DifferencePoint | null;
}

/**
 * The bootstrap intervals of a run (or of the ratios it has finished): per ratio, every model's
 * top-1, top-5 and mean entropy, and the first model's lead over the second. One set of resamples
 * per ratio serves all of them, so a difference is paired (both models' numbers from the same
 * draw of maskings: the run masked the same words for both).
 */
export function runIntervals(
  results: readonly ExperimentModelResult[],
  options: Partial<BootstrapOptions> = {},
): RatioIntervals[] {
  const ratios = [...new Set(results.flatMap((r) => r.points.map((p) => p.ratio)))];
  return ratios.map((ratio) => {
    const points = results.map((r) => r.points.find((p) => p.ratio === ratio) ?? null);
    const count = Math.max(0, ...points.map((p) => p?.maskings.masks.length ?? 0));
    if (points.some((p) => p !== null && p.maskings.masks.length !== count)) {
      throw new RangeError(`ratio ${ratio}: the models scored different runs`);
    }
    const a = points[0] ?? null;
    const b = points[1] ?? null;
    const paired =
      a !== null && b !== null && a.masks > 0 && b.masks > 0 ? ([a, b] as const) : null;
    // Per resample: each model's three measures, then the first's minus the second's (one array
    // for every resample: bootstrapIntervals takes the values out at once).
    const last = 3 * points.length;
    const values = Array<number>(last + (paired === null ? 0 : 3)).fill(NaN);
    const intervals = bootstrapIntervals(
      count,
      (indices) => {
        points.forEach((p, m) => {
          if (p === null) values.fill(NaN, 3 * m, 3 * m + 3);
          else measuresOf(p.maskings, indices, values, 3 * m);
        });
        if (paired !== null)
          for (let i = 0; i < 3; i++) values[last + i] = values[i]! - values[3 + i]!;
        return values;
      },
      optionsAt(ratio, options),
    );
    const measuresAt = (from: number) => asMeasures(intervals.slice(from, from + 3));
    return {
      ratio,
      points: points.map((p, m) => (p === null ? null : measuresAt(3 * m))),
      difference:
        paired === null
          ? null
          : {
              ratio,
              values: {
                top1: paired[0].top1 - paired[1].top1,
                top5: paired[0].top5 - paired[1].top5,
                entropy: paired[0].entropy - paired[1].entropy,
              },
              intervals: measuresAt(last),
            },
    };
  });
}
