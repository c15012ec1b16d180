// The wasm backend's fused GELU against the composite the model runs elsewhere (Erf, Add, Mul).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { SCALED_GELU_KERNEL, scaledGelu } from '../../model/ops';
import { setNodeBackend } from '../../node';
import { erfReference } from './erfReference.testdata';
import { registerWasmKernels } from './wasmKernels';

/** Kernel names one call of `run` launches. */
async function kernelsOf(run: () => tf.Tensor): Promise<string[]> {
  const profile = await tf.profile(() => tf.tidy(run));
  return profile.kernels.map((k) => k.name);
}

describe('ExlmScaledGelu on wasm', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
  });

  // erf's error (< 1e-7) times z, plus float32's rounding of the result (|y| < 2 |z|).
  it('is z (1 + erf z) within 2e-7 |z|, far out in both tails too', async () => {
    const values = Float32Array.from({ length: 3001 }, (_, i) => -15 + i * 0.01);
    const x = tf.tensor3d(values, [1, 1, values.length]);
    const fused = await scaledGelu(x).data();
    const composite = await tf.mul(x, tf.add(tf.erf(x), 1)).data();
    let worst = 0;
    fused.forEach((y, i) => {
      const expected = values[i]! * (1 + erfReference(values[i]!));
      worst = Math.max(worst, Math.abs(y - expected) / Math.max(1, Math.abs(values[i]!)));
      expect(Math.abs(y - composite[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(y)));
    });
    expect(worst).toBeLessThan(2e-7);
    x.dispose();
  });

  it('is the one kernel the model runs for its GELU on wasm, three on cpu', async () => {
    const x = tf.randomNormal([1, 4, 8]);
    expect(await kernelsOf(() => scaledGelu(x))).toEqual([SCALED_GELU_KERNEL]);
    await setNodeBackend('cpu');
    const onCpu = tf.randomNormal([1, 4, 8]);
    expect(await kernelsOf(() => scaledGelu(onCpu))).toEqual(['Erf', 'Add', 'Multiply']);
    onCpu.dispose();
    await setNodeBackend('wasm');
    x.dispose();
  });

  it('leaves no tensor behind but its output', () => {
    const x = tf.randomNormal([1, 5, 7]);
    const before = tf.memory().numTensors;
    const y = scaledGelu(x);
    expect(y.shape).toEqual([1, 5, 7]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, y]);
  });
});
