// The few building blocks of the encoder and heads, written with ops every tfjs backend has
// (cpu, wasm, webgl, webgpu). Call inside tf.tidy.

import * as tf from '@tensorflow/tfjs';

import type { DenseWeights, LayerNormWeights } from './weights';

/** LayerNorm over the last axis with the biased variance, as torch.nn.LayerNorm. */
export function layerNorm<T extends tf.Tensor>(x: T, w: LayerNormWeights, eps: number): T {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(eps).sqrt()).mul(w.gamma).add<T>(w.beta);
}

/** x kernel + bias for a 2D x; the fused op lets WebGPU/WebGL add the bias in the matmul shader. */
export function dense(x: tf.Tensor2D, w: DenseWeights): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: w.kernel, bias: w.bias }) as tf.Tensor2D;
}

/** Exact GELU, 0.5 x (1 + erf(x / sqrt 2)). tfjs's fused activations have no GELU, and tf.erf
 *  (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7) exists on every backend. */
export function gelu<T extends tf.Tensor>(x: T): T {
  return x.mul(0.5).mul(tf.erf(x.mul(Math.SQRT1_2)).add(1));
}
