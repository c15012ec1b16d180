// The wasm backend's one-kernel normalize against the composite of tfjs kernels that the model
// runs elsewhere, computed on the same input on the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { ADD_NORMALIZE_KERNEL, NORMALIZE_KERNEL, addNormalize, normalize } from '../../model/ops';
import { setNodeBackend } from '../../node';
import { registerWasmKernels } from './wasmKernels';

/** `op` on the cpu backend (the composite) and on wasm (the kernel), the kernels wasm ran, and the
 *  largest difference. */
async function onBothBackends(
  values: Float32Array,
  shape: number[],
  op: (x: tf.Tensor) => tf.Tensor,
): Promise<{ difference: number; kernels: string[] }> {
  await setNodeBackend('cpu');
  const composite = tf.tidy(() => op(tf.tensor(values, shape))).dataSync();
  await setNodeBackend('wasm');
  const x = tf.tensor(values, shape);
  const profile = await tf.profile(() => op(x));
  const fused = (profile.result as tf.Tensor).dataSync();
  let difference = 0;
  fused.forEach((v, i) => (difference = Math.max(difference, Math.abs(v - composite[i]!))));
  tf.dispose([x, profile.result as tf.Tensor]);
  return { difference, kernels: profile.kernels.map((k) => k.name) };
}

/** Rows with an offset and a spread of their own, so that the mean matters. */
function rows(count: number, width: number, spread: number): Float32Array {
  return Float32Array.from({ length: count * width }, (_, i) => {
    const row = Math.floor(i / width);
    return row * 3 - 7 + spread * (1 + (row % 3)) * Math.sin(i * 12.9898 + row);
  });
}

describe('ExlmNormalize on wasm', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
  });

  it('normalize: one kernel, within 1e-5 of the 7-kernel composite', async () => {
    const { difference, kernels } = await onBothBackends(rows(39, 192, 2), [1, 39, 192], (x) =>
      normalize(x, 1e-5),
    );
    expect(kernels).toEqual([NORMALIZE_KERNEL]);
    expect(difference).toBeLessThan(1e-5);
  });

  it('normalize: a constant row comes out 0, eps keeping it finite', async () => {
    const x = tf.fill([2, 16], 3.5);
    expect(Array.from(normalize(x, 1e-5).dataSync())).toEqual(new Array(32).fill(0));
    x.dispose();
  });

  it('addNormalize: one kernel, the sum exact and its rows within 1e-5 of the 8-kernel composite', async () => {
    const [x, y] = [rows(39, 192, 2), rows(39, 192, 0.5).map((v) => -0.7 * v)];
    const op = (y: tf.Tensor) => (x: tf.Tensor) => {
      const { sum, normalized } = addNormalize(x, y, 1e-5);
      return tf.concat([sum, normalized]);
    };
    await setNodeBackend('cpu');
    const cpuY = tf.tensor(y, [1, 39, 192]);
    const composite = tf.tidy(() => op(cpuY)(tf.tensor(x, [1, 39, 192]))).dataSync();
    cpuY.dispose();
    await setNodeBackend('wasm');
    const wasmY = tf.tensor(y, [1, 39, 192]);
    const xTensor = tf.tensor(x, [1, 39, 192]);
    const profile = await tf.profile(() => addNormalize(xTensor, wasmY, 1e-5).normalized);
    expect(profile.kernels.map((k) => k.name)).toEqual([ADD_NORMALIZE_KERNEL]);
    const fused = tf.tidy(() => op(wasmY)(xTensor)).dataSync();
    const size = x.length;
    let difference = 0;
    fused.forEach((v, i) => {
      if (i < size) expect(v).toBe(composite[i]);
      else difference = Math.max(difference, Math.abs(v - composite[i]!));
    });
    expect(difference).toBeLessThan(1e-5);
    tf.dispose([wasmY, xTensor, profile.result as tf.Tensor]);
  });

  it('addNormalize refuses operands of two shapes, and needs its eps', () => {
    const [x, y] = [tf.zeros([1, 4]), tf.zeros([2, 4])];
    expect(() => addNormalize(x, y, 1e-5)).toThrow(/of one shape, got \[1, 4\] and \[2, 4\]/);
    expect(() => tf.engine().runKernel(ADD_NORMALIZE_KERNEL, { x, y: x }, {})).toThrow(
      /needs a number eps/,
    );
    tf.dispose([x, y]);
  });

  it('normalize needs its eps', () => {
    const x = tf.zeros([1, 4]);
    expect(() => tf.engine().runKernel(NORMALIZE_KERNEL, { x }, {})).toThrow(/needs a number eps/);
    x.dispose();
  });
});
