// Scores of one model at one mask ratio: masked-token top-1 / top-5 accuracy of the slot
// marginals, mean entropy over all masked slots, mean analysis time. The same definitions as
// training/evaluate.py, whose JSON has the same fields (the parity check compares them).
import type { SentenceScore } from './eval-scorers';

/** How many candidates count for "top-5". */
export const TOP_COUNT = 5;

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
  /** Sample indices of the sentences this route could not take ('text' route only). */
  skipped: number[];
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

  /** Add one sentence: its hidden ids in order and the model's slots for them. */
  add(targets: number[], score: SentenceScore): void {
    if (score.slots.length !== targets.length) {
      throw new RangeError(`${targets.length} masks but ${score.slots.length} slots came back`);
    }
    targets.forEach((target, i) => {
      const slot = score.slots[i]!;
      if (slot.top[0] === target) this.top1Hits += 1;
      if (slot.top.slice(0, TOP_COUNT).includes(target)) this.top5Hits += 1;
      this.entropySum += slot.entropy;
    });
    this.masks += targets.length;
    this.sentences += 1;
    this.msSum += score.ms;
  }

  skip(index: number): void {
    this.skipped.push(index);
  }

  result(): RatioResult {
    const per = (sum: number, count: number): number => (count > 0 ? sum / count : 0);
    return {
      ratio: this.ratio,
      sentences: this.sentences,
      masks: this.masks,
      top1_hits: this.top1Hits,
      top5_hits: this.top5Hits,
      top1: per(this.top1Hits, this.masks),
      top5: per(this.top5Hits, this.masks),
      entropy: per(this.entropySum, this.masks),
      mean_ms: per(this.msSum, this.sentences),
      skipped: [...this.skipped],
    };
  }
}
