// The mask-ratio experiment of the ExLM paper's analysis ("corrupted semantics"): the more words are
// masked, the less the remaining context says, so predictions get less certain. What it masks and
// the plain data it reports; the worker runs it (src/runtime/worker/workerApi.ts) and the page
// draws it (src/views/experiment). At each ratio every sentence gets round(ratio x its maskable
// words) masks, at least one, chosen at random by a generator seeded from the run's seed, the ratio,
// the sentence and the repeat: the same request masks the same words, whatever ran before it.
import type { Architecture } from '../core/catalog';
import type { RatioResult, Spread } from './evalMetrics';
import { seededRandom } from './seededRandom';

/** The mask ratios of the experiment: the share of each sentence's maskable words hidden. */
export const EXPERIMENT_RATIOS: readonly number[] = [
  0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
];

/** Random maskings per ratio of the user's own sentence. */
export const SENTENCE_REPEATS = 20;

/** Seed of the page's runs, so that two runs of the same sample mask the same words. */
export const EXPERIMENT_SEED = 2025;

/** How many of `maskable` words a ratio masks: round(ratio x maskable), at least 1, at most all. */
export function maskCount(maskable: number, ratio: number): number {
  if (maskable <= 0) return 0;
  return Math.min(maskable, Math.max(1, Math.round(ratio * maskable)));
}

/** A seed for one masking, mixed from the run's seed and the masking's coordinates. */
export function maskingSeed(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/** maskCount(maskable.length, ratio) of the `maskable` word indices, drawn without replacement
 *  (a partial Fisher-Yates shuffle with `random`), sorted. */
export function chooseMasks(
  maskable: readonly number[],
  ratio: number,
  random: () => number,
): number[] {
  const pool = [...maskable];
  const count = maskCount(pool.length, ratio);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}

/** The masks of sentence `sentence`, repeat `repeat`, at ratio number `ratioIndex` of a run. */
export function experimentMasks(
  maskable: readonly number[],
  ratio: number,
  coordinates: { seed: number; ratioIndex: number; sentence: number; repeat: number },
): number[] {
  const { seed, ratioIndex, sentence, repeat } = coordinates;
  return chooseMasks(
    maskable,
    ratio,
    seededRandom(maskingSeed(seed, ratioIndex, sentence, repeat)),
  );
}

/** Maskings that go through one forward pass together (src/model/forward.ts): enough that the
 *  per-kernel cost is paid once for many, few enough that an analysis asked for meanwhile waits
 *  for one batch only. */
export const EXPERIMENT_BATCH = 16;

/** The ratio whose cost per masking stands for the whole run's: about the mean of the ratios, as
 *  the cost of a masking grows about linearly with its masks. */
export const ESTIMATE_RATIO = 0.4;

/** Sample sentences the estimate times (once to warm up, once timed): a short wait. */
export const ESTIMATE_SENTENCES = 8;

/** Per masking of one ratio (sentence by sentence, repeat by repeat, in the run's order): what it
 *  added to the point's numbers, so that the uncertainty of the means can be estimated by
 *  resampling them (bootstrap.ts). A masking that could not be scored has 0 masks. */
export interface MaskingScores {
  masks: number[];
  top1: number[];
  top5: number[];
  /** The sum of its scored slots' entropies, nats. */
  entropy: number[];
}

/** One model at one ratio: the evaluation's numbers (a "sentence" is one masking), the words the
 *  scored maskings held (masks / words is the share of all words hidden), the spread, over the
 *  maskings, of each masking's mean slot entropy, and each masking's own numbers. */
export interface ExperimentPoint extends RatioResult {
  words: number;
  entropySpread: Spread;
  maskings: MaskingScores;
}

export interface ExperimentModelResult {
  model: string;
  architecture: Architecture;
  /** One per finished ratio, in the run's order. */
  points: ExperimentPoint[];
}

export interface ExperimentProgress {
  runId: number;
  /** The ratio being computed and its number in the run (0-based). */
  ratio: number;
  ratioIndex: number;
  ratioCount: number;
  /** Maskings done at this ratio, of `perRatio` (sentences x repeats). */
  done: number;
  perRatio: number;
  /** The ratios finished so far, per model (ExLM first). */
  models: ExperimentModelResult[];
}
