// The evaluation's statistics, browser-safe: masked-token top-1 / top-5 accuracy of the slot
// marginals, mean slot entropy and mean analysis time of one model at one mask ratio, plus the
// spread of a list of values. `npm run eval` (src/cli/eval.ts) and the page's mask-ratio experiment
// (the worker) both tally with RatioTally, so the two count hits the same way. The definitions are
// those of training/evaluate.py, whose JSON has the same fields (the parity check compares them).
import type { Analysis } from './types';

/** How many candidates count for "top-5". */
export const TOP_COUNT = 5;

/** What the metrics need from one masked slot (the fields of Analysis.masks[i]). */
export interface SlotScore {
  /** Ids of the slot marginal's best tokens, best first (special ids excluded). */
  top: number[];
  /** Entropy of the slot marginal in nats. */
  entropy: number;
}

export interface SentenceScore {
  slots: SlotScore[];
  /** Wall-clock milliseconds of the analysis. */
  ms: number;
}

/** The fields of an Analysis the metrics need. */
export function sentenceScoreOf(analysis: Analysis): SentenceScore {
  return {
    slots: analysis.masks.map((slot) => ({
      top: slot.top.map((t) => t.id),
      entropy: slot.entropy,
    })),
    ms: analysis.elapsedMs,
  };
}

export interface RatioResult {
  ratio: number;
  /** Sentences scored (sample sentences minus skipped ones). */
  sentences: number;
  masks: number;
  top1_hits: number;
  top5_hits: number;
  top1: number;
  top5: number;
  /** Mean entropy of the slot marginals, nats. */
  entropy: number;
  /** Mean milliseconds per analysis (one sentence). */
  mean_ms: number;
  /** Sample indices of the sentences that could not be scored. */
  skipped: number[];
}

/** One sentence's share of a RatioTally. */
export interface SentenceHits {
  masks: number;
  top1: number;
  top5: number;
  /** The sum of its slots' entropies, nats. */
  entropy: number;
}

export class RatioTally {
  private sentences = 0;
  private masks = 0;
  private top1Hits = 0;
  private top5Hits = 0;
  private entropySum = 0;
  private msSum = 0;
  private readonly skipped: number[] = [];

  constructor(readonly ratio: number) {}

  /** Add one sentence: its hidden ids in order and the model's slots for them. A hidden word the
   *  model cannot name as one token may be given as -1: it is never a hit. Returns what the
   *  sentence added. */
  add(targets: number[], score: SentenceScore): SentenceHits {
    if (score.slots.length !== targets.length) {
      throw new RangeError(`${targets.length} masks but ${score.slots.length} slots came back`);
    }
    const hits: SentenceHits = { masks: targets.length, top1: 0, top5: 0, entropy: 0 };
    targets.forEach((target, i) => {
      const slot = score.slots[i]!;
      if (slot.top[0] === target) hits.top1 += 1;
      if (slot.top.slice(0, TOP_COUNT).includes(target)) hits.top5 += 1;
      hits.entropy += slot.entropy;
    });
    this.addHits(hits, score.ms);
    return hits;
  }

  /** Add one sentence by what add() returned for it (and its analysis time): tallies merged from
   *  parts of a run sum in the same order as one tally of the whole. */
  addHits(hits: SentenceHits, ms: number): void {
    this.top1Hits += hits.top1;
    this.top5Hits += hits.top5;
    this.entropySum += hits.entropy;
    this.masks += hits.masks;
    this.sentences += 1;
    this.msSum += ms;
  }

  skip(index: number): void {
    this.skipped.push(index);
  }

  result(): RatioResult {
    return {
      ratio: this.ratio,
      sentences: this.sentences,
      masks: this.masks,
      top1_hits: this.top1Hits,
      top5_hits: this.top5Hits,
      top1: mean(this.top1Hits, this.masks),
      top5: mean(this.top5Hits, this.masks),
      entropy: mean(this.entropySum, this.masks),
      mean_ms: mean(this.msSum, this.sentences),
      skipped: [...this.skipped],
    };
  }
}

/** sum / count, 0 for no items. */
function mean(sum: number, count: number): number {
  return count > 0 ? sum / count : 0;
}

/** The five-number summary of a list of values (quartiles by linear interpolation, as numpy's
 *  default); all 0 for an empty list. */
export interface Spread {
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

/** The q-quantile (0..1) of values sorted ascending, interpolated linearly between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    q25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q75: quantile(sorted, 0.75),
    max: sorted.at(-1) ?? 0,
  };
}
