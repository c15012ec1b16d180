// The wasm backend's head-by-head XNNPACK matmul against tfjs' BatchMatMul on the same operands.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { HEADS_MATMUL_KERNEL, batchMatMul } from '../../model/ops';
import { setNodeBackend } from '../../node';
import type { WasmBackend } from './wasmHeap';
import { registerWasmKernels } from './wasmKernels';

async function maxDifference(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = [await a.data<'float32'>(), await b.data<'float32'>()];
  expect(a.shape).toEqual(b.shape);
  let worst = 0;
  x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - y[i]!))));
  return worst;
}

const reference = (a: tf.Tensor3D, b: tf.Tensor3D, transposeB: boolean): tf.Tensor3D =>
  tf.engine().runKernel(tf.BatchMatMul, { a, b }, { transposeA: false, transposeB });

describe('ExlmHeadsMatMul on wasm', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
  });

  // Attention's shapes: q k^T over 4 heads of 39 rows and 48 components, then weights times v;
  // and odd sizes that XNNPACK's tiles do not divide.
  it.each([
    ['q k^T', [4, 39, 48], [4, 39, 48], true],
    ['weights v', [4, 39, 39], [4, 39, 48], false],
    ['odd sizes, b transposed', [3, 5, 7], [3, 11, 7], true],
    ['odd sizes', [2, 1, 9], [2, 9, 13], false],
  ] as const)('%s: as BatchMatMul within 1e-5', async (_name, aShape, bShape, transposeB) => {
    const a = tf.randomNormal([...aShape]) as tf.Tensor3D;
    const b = tf.randomNormal([...bShape]) as tf.Tensor3D;
    const ours = batchMatMul(a, b, transposeB);
    const theirs = reference(a, b, transposeB);
    expect(await maxDifference(ours, theirs)).toBeLessThan(1e-5);
    tf.dispose([a, b, ours, theirs]);
  });

  it('runs as the model batchMatMul on wasm and leaves nothing behind but its output', async () => {
    const a = tf.randomNormal([4, 6, 8]) as tf.Tensor3D;
    const b = tf.randomNormal([4, 6, 8]) as tf.Tensor3D;
    const backend = tf.backend() as WasmBackend;
    const [tensors, dataIds] = [tf.memory().numTensors, backend.numDataIds()];
    const profile = await tf.profile(() => batchMatMul(a, b, true));
    expect(profile.kernels.map((k) => k.name)).toEqual([HEADS_MATMUL_KERNEL]);
    expect(tf.memory().numTensors).toBe(tensors + 1);
    expect(backend.numDataIds()).toBe(dataIds + 1);
    // Again, on other operands: each head's block id was let go (a block id still registered at
    // the first output's address would leave the second output unwritten and overwrite the first).
    const first = profile.result as tf.Tensor3D;
    const firstExpected = reference(a, b, true);
    const [a2, b2] = [tf.randomNormal([4, 6, 8]), tf.randomNormal([4, 6, 8])] as tf.Tensor3D[];
    const second = batchMatMul(a2!, b2!, true);
    expect(await maxDifference(second, reference(a2!, b2!, true))).toBeLessThan(1e-5);
    expect(await maxDifference(first, firstExpected)).toBeLessThan(1e-5);
    tf.dispose([a, b, a2!, b2!, first, second, firstExpected]);
  });

  it('refuses operands that are not [N, m, k] and [N, k, n], saying what it got', () => {
    const a = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const b = tf.zeros([3, 4, 5]) as tf.Tensor3D;
    const c = tf.zeros([2, 5, 4]) as tf.Tensor3D;
    const run = (x: tf.Tensor3D, y: tf.Tensor3D) => () =>
      tf.engine().runKernel(HEADS_MATMUL_KERNEL, { a: x, b: y }, { transposeB: false });
    expect(run(a, b)).toThrow(/same N, got \[2, 3, 4\] and \[3, 4, 5\]/);
    expect(run(a, c)).toThrow(/inner sizes differ/);
    tf.dispose([a, b, c]);
  });
});
