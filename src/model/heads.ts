// The LM head and the transition head of docs/design.md, computed only on the states S.
// Call the tensor functions inside tf.tidy; transitionLinks runs on the CPU.

import * as tf from './tf';

import { batchMatMul, dense, normalize, scaledGelu } from './ops';
import type { ModelConfig } from './types';
import type { ModelWeights, TransitionWeights } from './weights';

/** The LM head's logits for every state, [1, L, V]: log P_u up to each row's log-sum-exp.
 *  `states` are the states' rows of normalize(h) (EncoderOutput). gelu and the LayerNorms' gamma
 *  and beta are folded into the weights (fuse.ts): dense, z (1 + erf z), normalize, dense, 12
 *  kernels. */
export function lmLogits(states: tf.Tensor3D, weights: ModelWeights): tf.Tensor3D {
  const u = scaledGelu(dense(states, weights.lmDense));
  return dense(normalize(u, weights.lmNormEps), weights.lmOutput); // tied weights: Emb^T
}

/** Score added to the ids a slot cannot hold (dag.ts, "slot vocabulary"): it sorts below every
 *  real log-probability while staying finite. */
const NOT_A_SLOT_WORD = -1e9;

/** [V]: 0 where a slot may hold the id, NOT_A_SLOT_WORD where it may not. Owned by the caller. */
export function slotBiasTensor(allowed: Uint8Array): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(allowed, (a) => (a ? 0 : NOT_A_SLOT_WORD)));
}

// A type alias, not an interface, so that it satisfies tf.tidy's TensorContainer.
export type StateOutputs = {
  /** [1, L, V] exp(logits - each row's max): P_u up to the factor 1 / expSums. */
  exps: tf.Tensor3D;
  /** [1, L, 1] sum_w of exps: P_u = exps / expSums, log P_u = logits - max - log(expSums). */
  expSums: tf.Tensor3D;
  /** [1, L] sum_w exps (logits - max): the entropy of P_u is log(expSums) - this / expSums. */
  expShifted: tf.Tensor2D;
  /** [1, L] each state's best id of the slot vocabulary, and its logit - max (Viterbi). */
  bestIds: tf.Tensor2D;
  bestShifted: tf.Tensor2D;
};

/** What an analysis needs of the LM head: the exps and the reductions over the vocabulary, so that
 *  no exp or log over [L, V] is left to the CPU (9 kernels, one exp over [L, V]). Dividing by the
 *  sums is left to the CPU too: a broadcast division is slow on the cpu backend. */
export function stateOutputs(logits: tf.Tensor3D, slotBias: tf.Tensor1D): StateOutputs {
  const shifted = tf.sub<tf.Tensor3D>(logits, tf.max(logits, -1, true));
  const exps = tf.exp(shifted);
  const slotShifted = tf.add<tf.Tensor3D>(shifted, slotBias);
  return {
    exps,
    expSums: tf.sum(exps, -1, true),
    expShifted: tf.sum(tf.mul(exps, shifted), -1),
    bestIds: tf.argMax(slotShifted, -1),
    bestShifted: tf.max(slotShifted, -1),
  };
}

/** [V]: 1 where a slot may hold the id, 0 where it may not. Owned by the caller. */
export function slotMaskTensor(allowed: Uint8Array): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(allowed));
}

/** The states' distributions up to a factor each: exps [1, R, V] = exp(logits - each row's max)
 *  and their sums [1, R, 1] (P_u = exps / sums). */
export function stateExps(logits: tf.Tensor3D): { exps: tf.Tensor3D; sums: tf.Tensor3D } {
  const exps = tf.exp(tf.sub<tf.Tensor3D>(logits, tf.max(logits, -1, true)));
  return { exps, sums: tf.sum(exps, -1, true) };
}

/** Below this a slot score counts as 0 in the entropy (x log x -> 0): its share is far under the
 *  float32 rounding of the scores that matter, and log(0) is never taken. */
const SMALLEST_SCORE = 1e-30;

// A type alias, not an interface, so that it satisfies tf.tidy's TensorContainer.
export type SlotReductions = {
  /** [S, V] the slot marginals up to a factor per slot, 0 outside the slot vocabulary. */
  scores: tf.Tensor2D;
  /** [S] sum_w scores and sum_w scores log scores: the entropy of slot i's marginal is
   *  log(totals_i) - plogp_i / totals_i. */
  totals: tf.Tensor1D;
  plogp: tf.Tensor1D;
};

/** What the slot scores need of the mixed distributions `mixed` [S, V] (sum_u gamma_i(u) P_u up
 *  to a factor per slot): the slot vocabulary kept (`slotMask`, slotMaskTensor) and the sums
 *  behind each slot's entropy, so that no log over [S, V] is left to the CPU. */
export function slotReductions(mixed: tf.Tensor2D, slotMask: tf.Tensor1D): SlotReductions {
  const scores = tf.mul<tf.Tensor2D>(mixed, slotMask);
  const logs = tf.log(tf.maximum(scores, SMALLEST_SCORE));
  return { scores, totals: tf.sum(scores, -1), plogp: tf.sum(tf.mul(scores, logs), -1) };
}

/** The transition head's device part (8 kernels and a few reshapes): per chunk c the scores
 *  Q_c(s).K_c(t) / sqrt(c) over all pairs, [H, L, L], and the gate logits [1, L, H]. Their
 *  normalization and mixture, over a few thousand numbers, run on the CPU in float64
 *  (transitionLinks): on the device they took some 20 more kernels, each on a tiny tensor.
 *  `states` [1, L, d] are the states' rows of normalize(h) (the final LayerNorm's gamma and beta
 *  are folded into the weights), `stateIndices` [1, L] their expanded indices (rows of Pos).
 *  For a batch of B sequences of L states each (padded), states are [1, B * L, d] and the scores
 *  [B * H, L, L], sequence b's chunks from b * H; pairs across sequences are never scored. */
export function transitionScores(
  states: tf.Tensor3D,
  stateIndices: tf.Tensor2D,
  w: TransitionWeights,
  config: ModelConfig,
  batch = 1,
): { scores: tf.Tensor3D; gates: tf.Tensor3D } {
  const count = states.shape[1] / batch;
  const chunks = config.num_heads;
  const chunkSize = config.hidden_size / chunks;
  const features = tf.concat([states, tf.gather(w.pos, stateIndices)], 2) as tf.Tensor3D; // [1, B * L, 2d]
  const split = (x: tf.Tensor3D): tf.Tensor3D =>
    tf.reshape(tf.transpose(tf.reshape(x, [batch, count, chunks, chunkSize]), [0, 2, 1, 3]), [
      batch * chunks,
      count,
      chunkSize,
    ]);
  const query = split(dense(features, w.query)); // [H, L, c], scaled by 1/sqrt(c) at load
  const key = split(dense(features, w.key));
  return { scores: batchMatMul(query, key, true), gates: dense(features, w.gate) };
}

/** log sum_i exp(values[from + i * step]), i < count. */
function logSumExp(values: ArrayLike<number>, from: number, count: number, step = 1): number {
  let max = -Infinity;
  for (let i = 0; i < count; i++) max = Math.max(max, values[from + i * step]!);
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += Math.exp(values[from + i * step]! - max);
  return max + Math.log(sum);
}

/**
 * links(s, t) = logsumexp_c(log_softmax_{t > s}(scores_c(s, t)) + log_softmax_c(gates(s))_c) for
 * t > s, -Infinity elsewhere (the last state has no successor): [L * L] row-major, from
 * transitionScores' outputs read back ([H * L * L] and [L * H]). Sums in float64.
 */
export function transitionLinks(
  scores: Float32Array,
  gates: Float32Array,
  count: number,
  chunks: number,
): Float32Array {
  const links = new Float32Array(count * count).fill(-Infinity);
  const offset = new Float64Array(chunks);
  const mixed = new Float64Array(chunks);
  const row = (c: number, s: number): number => (c * count + s) * count;
  for (let s = 0; s < count - 1; s++) {
    // Per chunk: its log gate minus the log-sum-exp of its scores over the successors of s.
    const gateNorm = logSumExp(gates, s * chunks, chunks);
    for (let c = 0; c < chunks; c++) {
      const successors = logSumExp(scores, row(c, s) + s + 1, count - s - 1);
      offset[c] = gates[s * chunks + c]! - gateNorm - successors;
    }
    for (let t = s + 1; t < count; t++) {
      for (let c = 0; c < chunks; c++) mixed[c] = scores[row(c, s) + t]! + offset[c]!;
      links[s * count + t] = logSumExp(mixed, 0, chunks);
    }
  }
  return links;
}
