// The pre-LayerNorm transformer encoder of docs/design.md over the expanded sequence.
// Call inside tf.tidy: everything it creates except the returned tensors is then freed.

import * as tf from './tf';

import { batchMatMul, dense, normalize, scaledGelu } from './ops';
import { rotaryTables } from './rope';
import type { ModelConfig } from './types';
import type { LayerWeights, ModelWeights } from './weights';

/** Added to the scores of padded keys: exp() of it underflows to exactly 0 on every backend,
 *  while staying finite (no -inf - -inf = NaN anywhere). */
const MASKED_SCORE = -1e9;

export interface EncoderInput {
  /** Expanded token ids, pos1 and pos2, each of the real length T. */
  tokenIds: Int32Array;
  pos1: Int32Array;
  pos2: Int32Array;
  /** Rows actually computed (>= T): the extra rows are [PAD] at position (0, 0) and are masked
   *  out as keys, so the first T rows come out the same as without padding. */
  paddedLength: number;
}

export interface EncoderOutput {
  /** normalize(h) after the last layer, [1, paddedLength, d]: h_L without the final LayerNorm's
   *  gamma and beta, which the heads have folded in (weights.ts). */
  normalized: tf.Tensor3D;
  /** Per layer [H, paddedLength, paddedLength] attention weights; empty unless asked for. */
  attention: tf.Tensor3D[];
}

interface AttentionContext {
  heads: number;
  headDim: number;
  length: number;
  /** [1, length, 2d]: cos and signed sin of every component of the query and key heads. */
  cos: tf.Tensor3D;
  sin: tf.Tensor3D;
  /** [1, 1, length] or null when nothing is padded. */
  keyMask: tf.Tensor3D | null;
}

/**
 * Attention of all heads at once on the normalized a [1, T, d] (ln1 is folded into the weights):
 * q and k come rotated from two matmuls, times cos and times sin, added (fuse.ts, rope.ts), and
 * batched matmuls over [H, T, dh] do the rest: 15 kernels (16 with padding) and 3 reshapes.
 * Two matmuls and same-shape element-wise ops on purpose: one matmul whose columns interleave x and
 * swap(x), times a [cos, sin] table and summed over that last axis of size 2, would be two kernels
 * less, but tfjs-webgpu runs a workgroup per output of a reduction (some 20,000 here), and the cpu
 * backend is slow on strided slices and broadcasts.
 */
function selfAttention(
  a: tf.Tensor3D,
  w: LayerWeights,
  ctx: AttentionContext,
): { out: tf.Tensor3D; weights: tf.Tensor3D } {
  const { length, heads, headDim } = ctx;
  // [1, T, 2d]: RoPE as x cos + swap(x) sin
  const rotated = tf.add(tf.mul(dense(a, w.qk), ctx.cos), tf.mul(dense(a, w.qkSwapped), ctx.sin));
  // [2H, T, dh]: the query heads, then the key heads
  const qk = tf.transpose<tf.Tensor3D>(tf.reshape(rotated, [length, 2 * heads, headDim]), [1, 0, 2]);
  const q = tf.slice(qk, [0, 0, 0], [heads, length, headDim]); // scaled by 1/sqrt(dh) at load
  const k = tf.slice(qk, [heads, 0, 0], [heads, length, headDim]);
  const v = tf.transpose<tf.Tensor3D>(tf.reshape(dense(a, w.v), [length, heads, headDim]), [1, 0, 2]);
  let scores = batchMatMul(q, k, true); // [H, T, T]
  if (ctx.keyMask) scores = tf.add(scores, ctx.keyMask);
  const weights = tf.softmax(scores);
  const mixedHeads = tf.transpose(batchMatMul(weights, v), [1, 0, 2]); // [T, H, dh]
  const mixed = tf.reshape<tf.Rank.R3>(mixedHeads, [1, length, heads * headDim]);
  return { out: dense(mixed, w.o), weights };
}

export function runEncoder(
  weights: ModelWeights,
  config: ModelConfig,
  input: EncoderInput,
  keepAttention: boolean,
): EncoderOutput {
  const length = input.paddedLength;
  const realLength = input.tokenIds.length;
  const headDim = config.hidden_size / config.num_heads;
  const ids = new Int32Array(length); // padding rows hold [PAD] = 0
  ids.set(input.tokenIds);
  const heads = config.num_heads;
  const tables = rotaryTables(input.pos1, input.pos2, length, headDim, 2 * heads, config.rope_base);
  let keyMask: tf.Tensor3D | null = null;
  if (length > realLength) {
    const mask = new Float32Array(length).fill(MASKED_SCORE, realLength); // real keys: 0
    keyMask = tf.tensor3d(mask, [1, 1, length]);
  }
  const ctx: AttentionContext = {
    heads,
    headDim,
    length,
    cos: tf.tensor3d(tables.cos, [1, length, 2 * heads * headDim]),
    sin: tf.tensor3d(tables.sin, [1, length, 2 * heads * headDim]),
    keyMask,
  };

  const eps = config.layer_norm_eps;
  const idTensor = tf.tensor2d(ids, [1, length], 'int32');
  let h = tf.gather(weights.embed as tf.Tensor, idTensor) as tf.Tensor3D; // [1, T, d], no scaling
  const attention: tf.Tensor3D[] = [];
  for (const layer of weights.layers) {
    const { out, weights: attn } = selfAttention(normalize(h, eps), layer, ctx);
    if (keepAttention) attention.push(attn);
    h = tf.add(h, out);
    // gelu(x) W2 + b2 with x = LN2(h) W1 + b1, as z (1 + erf z) (W2 / sqrt 2) + b2 with
    // z = x / sqrt 2 (fuse.ts): 13 kernels with the LayerNorm and the residual add.
    const inner = scaledGelu(dense(normalize(h, eps), layer.fc1));
    h = tf.add(h, dense(inner, layer.fc2));
  }
  return { normalized: normalize(h, eps), attention };
}
