// The wasm backend's one-kernel normalize against the composite of tfjs kernels that the model
// runs elsewhere, computed on the same input on the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { NORMALIZE_KERNEL, normalize } from '../../model/ops';
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

  it('normalize needs its eps', () => {
    const x = tf.zeros([1, 4]);
    expect(() => tf.engine().runKernel(NORMALIZE_KERNEL, { x }, {})).toThrow(/needs a number eps/);
    x.dispose();
  });
});
