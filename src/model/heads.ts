// The LM head and the transition head of docs/design.md, computed only on the states S.
// Call inside tf.tidy.

import * as tf from '@tensorflow/tfjs';

import { dense, gelu, layerNorm } from './ops';
import type { ModelConfig } from './types';
import type { ModelWeights, TransitionWeights } from './weights';

/** Score of a pair (s, t) that is not an edge (t <= s). Finite, so log-softmax and logsumexp
 *  stay NaN-free on every backend; exp() of it is exactly 0 next to any real score. The caller
 *  writes -Infinity into those entries after reading back. */
const NON_EDGE_SCORE = -1e9;

/** log P_u over the whole vocabulary for every state: [L, V]. `states` are the states' rows h_L. */
export function lmHead(
  states: tf.Tensor2D,
  weights: ModelWeights,
  config: ModelConfig,
): tf.Tensor2D {
  const z = layerNorm(gelu(dense(states, weights.lmDense)), weights.lmLn, config.layer_norm_eps);
  return tf.logSoftmax(dense(z, weights.lmOutput)); // tied weights: Emb^T, plus b_vocab
}

/** Strictly upper triangular: 0 where t > s, NON_EDGE_SCORE elsewhere. [1, L, L]. */
function successorMask(count: number): tf.Tensor3D {
  const mask = new Float32Array(count * count);
  for (let s = 0; s < count; s++) {
    for (let t = 0; t <= s; t++) mask[s * count + t] = NON_EDGE_SCORE;
  }
  return tf.tensor3d(mask, [1, count, count]);
}

/**
 * links(s, t) = logsumexp_c(log_softmax_t(Q_c(s).K_c(t) / sqrt(c)) + G_c(s)) for t > s: [L, L].
 * Entries with t <= s hold meaningless finite values (see NON_EDGE_SCORE).
 * `states` are the states' rows of h_L, `stateIndices` their expanded indices (rows of Pos).
 */
export function transitionHead(
  states: tf.Tensor2D,
  stateIndices: tf.Tensor1D,
  w: TransitionWeights,
  config: ModelConfig,
): tf.Tensor2D {
  const count = states.shape[0];
  const chunks = config.num_heads;
  const chunkSize = config.hidden_size / chunks;
  const features = tf.concat([states, tf.gather(w.pos, stateIndices)], 1) as tf.Tensor2D; // [L, 2d]
  const split = (x: tf.Tensor2D): tf.Tensor3D =>
    x.reshape([count, chunks, chunkSize]).transpose([1, 0, 2]);
  const query = split(dense(features, w.query)); // [H, L, c]
  const key = split(dense(features, w.key));
  const scores = tf
    .matMul(query, key, false, true)
    .mul(1 / Math.sqrt(chunkSize))
    .add(successorMask(count));
  const logAttention = tf.logSoftmax(scores); // [H, L, L], over the successors t
  const gates = tf.logSoftmax(dense(features, w.gate)).transpose().expandDims(2); // [H, L, 1]
  return tf.logSumExp(logAttention.add(gates), 0) as tf.Tensor2D;
}
