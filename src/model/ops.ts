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

/** sqrt(2) gelu(x) for z = x / sqrt 2: z (1 + erf z), the exact (erf) GELU with its constants
 *  folded into the dense layers around it (fuse.ts). tfjs's fused activations have no GELU, and
 *  tf.erf (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7) exists on every backend: 3 kernels, or
 *  SCALED_GELU_KERNEL where registered (1). */
export function scaledGelu<T extends tf.Tensor>(z: T): T {
  if (hasKernel(SCALED_GELU_KERNEL)) return tf.engine().runKernel(SCALED_GELU_KERNEL, { x: z }, {});
  return tf.mul<T>(z, tf.add(tf.erf(z), 1));
}

/** log-softmax over the last axis in 6 kernels (tf.logSoftmax adds a float32-to-float32 Cast).
 *  A one-kernel JavaScript version on wasm was slower than these: Math.exp, or a polynomial exp,
 *  costs more than the backend's Exp over the [L, V] logits. */
export function logSoftmax<T extends tf.Tensor>(x: T): T {
  const shifted = tf.sub<T>(x, tf.max(x, -1, true));
  return tf.sub<T>(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
}
