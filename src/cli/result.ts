// The JSON form of one prediction, as the `exlm predict --json` contract promises it:
// {"model", "tokens", "masks": [{"position", "top": [{"token", "prob"}], "entropy"}],
//  "fill": {"tokens", "text"}}. Built from the model's plain-data Analysis.
import type { Analysis } from '../model/types';

export interface PredictResult {
  model: string;
  /** Source tokens, [CLS] first and [SEP] last; mask positions index into this list. */
  tokens: string[];
  /** One entry per [MASK], left to right. */
  masks: {
    position: number;
    top: { token: string; prob: number }[];
    /** Entropy of the slot's distribution, in nats. */
    entropy: number;
  }[];
  /** Best joint fill (Viterbi): the chosen token per slot and the filled-in sentence. */
  fill: { tokens: string[]; text: string };
}

/** Float32 values printed as doubles carry noise digits (0.30199998617); 6 significant digits are
 *  more than a float32 holds anyway. */
function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}

export function toPredictResult(analysis: Analysis): PredictResult {
  return {
    model: analysis.model,
    tokens: [...analysis.tokens],
    masks: analysis.masks.map((slot) => ({
      position: slot.position,
      top: slot.top.map(({ token, prob }) => ({ token, prob: round(prob) })),
      entropy: round(slot.entropy),
    })),
    fill: { tokens: [...analysis.fill.tokens], text: analysis.fill.text },
  };
}
