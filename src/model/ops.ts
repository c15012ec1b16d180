// The few building blocks of the encoder and heads, written with kernels every tfjs backend has
// (cpu, wasm, webgl, webgpu) and as few of them as the backends allow. Call inside tf.tidy.
//
// Activations are [1, rows, features]: the matmul kernels take rank-3 operands, so keeping that
// shape lets dense() run its kernel directly. tf.matMul and tf.fused.matMul would wrap each
// kernel in three Reshape kernels (operands to rank 3, result back) and a gradient scope.

import * as tf from './tf';

import type { DenseWeights } from './weights';

/** Kernels of the model's own that src/runtime registers for the wasm backend
 *  (src/runtime/kernels/): one kernel where the composite takes several, or a faster route. Each op
 *  below runs its kernel where the active backend has one and the composite of tfjs kernels
 *  elsewhere, so src/model needs nothing registered to run anywhere. */
export const SCALED_GELU_KERNEL = 'ExlmScaledGelu';
export const HEADS_MATMUL_KERNEL = 'ExlmHeadsMatMul';
export const NORMALIZE_KERNEL = 'ExlmNormalize';
export const ADD_NORMALIZE_KERNEL = 'ExlmAddNormalize';
export const ATTENTION_BLOCK_KERNEL = 'ExlmAttentionBlock';
export const FEED_FORWARD_KERNEL = 'ExlmFeedForward';
export const ATTENTION_KERNEL = 'ExlmAttention';
export const LOG_SOFTMAX_KERNEL = 'ExlmLogSoftmax';

const hasKernel = (name: string): boolean => tf.getKernel(name, tf.getBackend()) !== undefined;

/** (x - mean) / sqrt(var + eps) over the last axis with the biased variance: a LayerNorm whose
 *  gamma and beta were folded into the dense layer after it (fuse.ts). 7 kernels, or
 *  NORMALIZE_KERNEL where registered (1). */
export function normalize<T extends tf.Tensor>(x: T, eps: number): T {
  if (hasKernel(NORMALIZE_KERNEL)) return tf.engine().runKernel(NORMALIZE_KERNEL, { x }, { eps });
  const centered = tf.sub<T>(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centered), -1, true);
  return tf.mul<T>(centered, tf.rsqrt(tf.add(variance, eps)));
}

/** The residual add and the LayerNorm after it: x + y and normalize(x + y, eps). 8 kernels, or
 *  ADD_NORMALIZE_KERNEL where registered (1, one pass over the sum's rows). */
export function addNormalize<T extends tf.Tensor>(
  x: T,
  y: T,
  eps: number,
): { sum: T; normalized: T } {
  if (hasKernel(ADD_NORMALIZE_KERNEL)) {
    const [sum, normalized] = tf.engine().runKernel(ADD_NORMALIZE_KERNEL, { x, y }, { eps }) as T[];
    return { sum: sum!, normalized: normalized! };
  }
  const sum = tf.add<T>(x, y);
  return { sum, normalized: normalize(sum, eps) };
}

const DENSE_ATTRS = { transposeA: false, transposeB: false, activation: 'linear' };

/** x [1, n, in] times kernel [1, in, out] plus bias [out]: one _FusedMatMul kernel. WebGPU and
 *  WebGL add the bias in the matmul shader, wasm in XNNPACK's fully connected operator (which it
 *  uses only for a rank-1 bias and operands that are neither batched nor transposed). */
export function dense(x: tf.Tensor3D, w: DenseWeights): tf.Tensor3D {
  return tf.engine().runKernel(tf._FusedMatMul, { a: x, b: w.kernel, bias: w.bias }, DENSE_ATTRS);
}

/** a [B, n, m] times b [B, m, p] (or b [B, p, m] transposed): one BatchMatMul kernel, or
 *  HEADS_MATMUL_KERNEL where registered (on wasm: XNNPACK head by head, where BatchMatMul runs a
 *  scalar loop on batched or transposed operands). */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeB = false): tf.Tensor3D {
  const kernel = hasKernel(HEADS_MATMUL_KERNEL) ? HEADS_MATMUL_KERNEL : tf.BatchMatMul;
  return tf.engine().runKernel(kernel, { a, b }, { transposeA: false, transposeB });
}

/** How attention's rows fall into sequences and heads: B sequences of T rows each, H heads of dh
 *  components. */
export interface AttentionShape {
  batch: number;
  heads: number;
  headDim: number;
  length: number;
}

/** [1, B * T, count * dh] -> [B, count, T, dh]: the rows of each sequence, head by head. */
function toHeads(x: tf.Tensor3D, shape: AttentionShape, count: number): tf.Tensor4D {
  const { batch, length, headDim } = shape;
  return tf.transpose(tf.reshape(x, [batch, length, count, headDim]), [0, 2, 1, 3]);
}

/** q and k before RoPE, and what rotates them (rope.ts): the rotated q and k are
 *  qk cos + swap(qk) sin. */
export interface RotaryInput {
  /** [1, B * T, 2 H dh]: a W_qk + b, each row's query heads then its key heads (q scaled by
   *  1 / sqrt(dh) at load). */
  qk: tf.Tensor3D;
  /** swap(qk), from a matmul of its own (fuse.ts, swapColumns): called only by the composite. */
  swapped: () => tf.Tensor3D;
  /** [1, B * T, 2 H dh]: cos and signed sin of every component (rope.ts). */
  cos: tf.Tensor3D;
  sin: tf.Tensor3D;
}

/**
 * softmax(q k^T + keyMask) v for every head of every sequence, with q and k rotated from `rope`
 * and v [1, B * T, H dh]: the mixed values [1, B * T, H dh] and the weights [B * H, T, T] (sequence
 * b's heads from b * H). keyMask [B * H, 1, T] (0 for a real key, a large negative number for a
 * padded one) or null.
 * ATTENTION_KERNEL where registered: 1 kernel, which swaps qk's columns itself and so needs no
 * second matmul. Elsewhere the swapped matmul, RoPE's Mul, Mul and Add, batched matmuls over
 * [B * H, T, dh], a softmax and the transposes and slices between them: 12 kernels (13 with a
 * mask) and reshapes.
 * Two matmuls and same-shape element-wise ops on purpose: one matmul whose columns interleave x and
 * swap(x), times a [cos, sin] table and summed over that last axis of size 2, would be two kernels
 * less, but tfjs-webgpu runs a workgroup per output of a reduction (some 20,000 here), and the cpu
 * backend is slow on strided slices and broadcasts.
 */
export function attention(
  rope: RotaryInput,
  v: tf.Tensor3D,
  keyMask: tf.Tensor3D | null,
  shape: AttentionShape,
): { mixed: tf.Tensor3D; weights: tf.Tensor3D } {
  const { batch, heads, headDim, length } = shape;
  if (hasKernel(ATTENTION_KERNEL)) {
    const { qk, cos, sin } = rope;
    const inputs: tf.NamedTensorMap = { qk, cos, sin, v, ...(keyMask ? { keyMask } : {}) };
    const [mixed, weights] = tf.engine().runKernel(ATTENTION_KERNEL, inputs, {
      batch,
      heads,
    }) as tf.Tensor3D[];
    return { mixed: mixed!, weights: weights! };
  }
  // [1, B * T, 2 H dh]: RoPE as x cos + swap(x) sin
  const qk = tf.add<tf.Tensor3D>(tf.mul(rope.qk, rope.cos), tf.mul(rope.swapped(), rope.sin));
  const rows = batch * heads;
  // [B, 2H, T, dh]: per sequence the query heads, then the key heads
  const qkHeads = toHeads(qk, shape, 2 * heads);
  const headsOf = (from: number): tf.Tensor3D =>
    tf.reshape(tf.slice(qkHeads, [0, from, 0, 0], [batch, heads, length, headDim]), [
      rows,
      length,
      headDim,
    ]);
  const q = headsOf(0);
  const k = headsOf(heads);
  const vHeads = tf.reshape<tf.Rank.R3>(toHeads(v, shape, heads), [rows, length, headDim]);
  let scores = batchMatMul(q, k, true); // [B * H, T, T]
  if (keyMask) scores = tf.add(scores, keyMask);
  const weights = tf.softmax(scores);
  const mixedHeads = tf.transpose(
    tf.reshape(batchMatMul(weights, vHeads), [batch, heads, length, headDim]),
    [0, 2, 1, 3],
  ); // [B, T, H, dh]
  const mixed = tf.reshape<tf.Rank.R3>(mixedHeads, [1, batch * length, heads * headDim]);
  return { mixed, weights };
}

/** sqrt(2) gelu(x) for z = x / sqrt 2: z (1 + erf z), the exact (erf) GELU with its constants
 *  folded into the dense layers around it (fuse.ts). tfjs's fused activations have no GELU, and
 *  tf.erf (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7) exists on every backend: 3 kernels, or
 *  SCALED_GELU_KERNEL where registered (1). */
export function scaledGelu<T extends tf.Tensor>(z: T): T {
  if (hasKernel(SCALED_GELU_KERNEL)) return tf.engine().runKernel(SCALED_GELU_KERNEL, { x: z }, {});
  return tf.mul<T>(z, tf.add(tf.erf(z), 1));
}

/** The projections of attention's sublayer (ln1 folded in, fuse.ts): q and k side by side, the
 *  same with RoPE's swapped columns, v, and the output projection. */
export interface AttentionBlockWeights {
  qk: DenseWeights;
  qkSwapped: DenseWeights;
  v: DenseWeights;
  o: DenseWeights;
}

/**
 * Attention's sublayer on the normalized a [1, B * T, d]: the q, k and v projections, attention()
 * and the output projection, [1, B * T, d], and the weights as attention() gives them. On wasm
 * ATTENTION_BLOCK_KERNEL: 1 kernel running the same matmuls and the attention kernel; elsewhere
 * 15 kernels (16 with a mask) and a few reshapes, or 5 with an attention kernel.
 */
export function attentionBlock(
  a: tf.Tensor3D,
  w: AttentionBlockWeights,
  tables: { cos: tf.Tensor3D; sin: tf.Tensor3D },
  keyMask: tf.Tensor3D | null,
  shape: AttentionShape,
): { out: tf.Tensor3D; weights: tf.Tensor3D } {
  if (hasKernel(ATTENTION_BLOCK_KERNEL)) {
    const inputs: tf.NamedTensorMap = {
      x: a,
      qkKernel: w.qk.kernel,
      qkBias: w.qk.bias,
      vKernel: w.v.kernel,
      vBias: w.v.bias,
      oKernel: w.o.kernel,
      oBias: w.o.bias,
      cos: tables.cos,
      sin: tables.sin,
      ...(keyMask ? { keyMask } : {}),
    };
    const [out, weights] = tf.engine().runKernel(ATTENTION_BLOCK_KERNEL, inputs, {
      batch: shape.batch,
      heads: shape.heads,
    }) as tf.Tensor3D[];
    return { out: out!, weights: weights! };
  }
  const rope = {
    qk: dense(a, w.qk),
    swapped: () => dense(a, w.qkSwapped),
    cos: tables.cos,
    sin: tables.sin,
  };
  const { mixed, weights } = attention(rope, dense(a, w.v), keyMask, shape);
  return { out: dense(mixed, w.o), weights };
}

/** The feed-forward sublayer on the normalized x (ln2 folded in): z (1 + erf z) W2' + b2 with
 *  z = x W1' + b1 (fuse.ts: the GELU's constants folded into both). On wasm FEED_FORWARD_KERNEL
 *  (1 kernel, the same matmuls and GELU); elsewhere 5 kernels, or 3 with a GELU kernel. */
export function feedForward(x: tf.Tensor3D, fc1: DenseWeights, fc2: DenseWeights): tf.Tensor3D {
  if (hasKernel(FEED_FORWARD_KERNEL)) {
    const inputs = {
      x,
      kernel1: fc1.kernel,
      bias1: fc1.bias,
      kernel2: fc2.kernel,
      bias2: fc2.bias,
    };
    return tf.engine().runKernel(FEED_FORWARD_KERNEL, inputs, {});
  }
  return dense(scaledGelu(dense(x, fc1)), fc2);
}

/** log-softmax over the last axis in 6 kernels (tf.logSoftmax adds a float32-to-float32 Cast), or
 *  LOG_SOFTMAX_KERNEL where registered (1: on wasm, XNNPACK's softmax and one log a row). A
 *  one-kernel JavaScript version with an exp per number was slower than the six: Math.exp, or a
 *  polynomial exp, costs more than the backend's Exp over the [L, V] logits. */
export function logSoftmax<T extends tf.Tensor>(x: T): T {
  if (hasKernel(LOG_SOFTMAX_KERNEL)) return tf.engine().runKernel(LOG_SOFTMAX_KERNEL, { x }, {});
  const shifted = tf.sub<T>(x, tf.max(x, -1, true));
  return tf.sub<T>(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
}
