// The wasm backend's one-kernel attention against the composite the model runs elsewhere (RoPE's
// second matmul, batched matmuls, softmax, transposes), on the same inputs on the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { swapIndex } from '../../model/fuse';
import { ATTENTION_KERNEL, type AttentionShape, attention } from '../../model/ops';
import { setNodeBackend } from '../../node';
import type { WasmBackend } from './wasmHeap';
import { registerWasmKernels } from './wasmKernels';

/** Values spread like attention's inputs (scores up to about 12), the same on every run. */
const values = (count: number, seed: number): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => 0.5 * Math.sin(i * 0.7311 + seed * 1.37));

/** The last `padding` keys of every sequence masked out, as the encoder masks padded rows. */
function keyMaskValues({ batch, heads, length }: AttentionShape, padding: number): Float32Array {
  const mask = new Float32Array(batch * heads * length);
  for (let row = 0; row < batch * heads; row++)
    mask.fill(-1e9, row * length + length - padding, (row + 1) * length);
  return mask;
}

interface Outputs {
  mixed: Float32Array;
  weights: Float32Array;
  kernels: string[];
}

async function run(shape: AttentionShape, padding: number): Promise<Outputs> {
  const { batch, heads, headDim, length } = shape;
  const rows = batch * length;
  const width = heads * headDim;
  const qkShape: [number, number, number] = [1, rows, 2 * width];
  const qk = tf.tensor3d(values(rows * 2 * width, 1), qkShape);
  // Any tables will do: the kernel and the composite must agree on qk cos + swap(qk) sin.
  const cos = tf.tensor3d(values(rows * 2 * width, 3), qkShape);
  const sin = tf.tensor3d(values(rows * 2 * width, 4), qkShape);
  const swapColumns = tf.tensor1d(
    Int32Array.from({ length: 2 * width }, (_, j) => swapIndex(j, headDim)),
    'int32',
  );
  const v = tf.tensor3d(values(rows * width, 2), [1, rows, width]);
  const mask =
    padding > 0 ? tf.tensor3d(keyMaskValues(shape, padding), [batch * heads, 1, length]) : null;
  const swapped = () => tf.gather(qk, swapColumns, 2);
  const profile = await tf.profile(() => {
    const { mixed, weights } = attention({ qk, swapped, cos, sin }, v, mask, shape);
    return [mixed, weights];
  });
  const [mixed, weights] = profile.result as tf.Tensor[];
  const out = {
    mixed: (await mixed!.data()) as Float32Array,
    weights: (await weights!.data()) as Float32Array,
    kernels: profile.kernels.map((k) => k.name),
  };
  tf.dispose([qk, cos, sin, swapColumns, v, mixed!, weights!, ...(mask ? [mask] : [])]);
  return out;
}

const maxDifference = (a: Float32Array, b: Float32Array): number => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - b[i]!))));
  return worst;
};

describe('ExlmAttention on wasm', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
  });

  it.each([
    ['one sequence, exlm-en-small', { batch: 1, heads: 4, headDim: 48, length: 39 }, 0],
    ['three padded sequences', { batch: 3, heads: 2, headDim: 8, length: 7 }, 2],
  ] as const)('%s: as the composite within 1e-5', async (_name, shape, padding) => {
    await setNodeBackend('cpu');
    const composite = await run(shape, padding);
    await setNodeBackend('wasm');
    const fused = await run(shape, padding);
    expect(fused.kernels).toEqual([ATTENTION_KERNEL]);
    expect(composite.kernels).not.toContain(ATTENTION_KERNEL);
    expect(maxDifference(fused.weights, composite.weights)).toBeLessThan(1e-5);
    expect(maxDifference(fused.mixed, composite.mixed)).toBeLessThan(1e-5);
    if (padding > 0) expect(fused.weights[shape.length - 1]).toBe(0);
  });

  it('leaves nothing behind on the backend but its two outputs', () => {
    const backend = tf.backend() as WasmBackend;
    const [qk, cos, sin] = [0, 1, 2].map(() => tf.randomNormal([1, 6, 16])) as tf.Tensor3D[];
    const v = tf.randomNormal([1, 6, 8]) as tf.Tensor3D;
    const [tensors, dataIds] = [tf.memory().numTensors, backend.numDataIds()];
    const rope = { qk: qk!, swapped: () => qk!, cos: cos!, sin: sin! };
    const { mixed, weights } = attention(rope, v, null, {
      batch: 2,
      heads: 2,
      headDim: 4,
      length: 3,
    });
    expect(mixed.shape).toEqual([1, 6, 8]);
    expect(weights.shape).toEqual([4, 3, 3]);
    expect(tf.memory().numTensors).toBe(tensors + 2);
    expect(backend.numDataIds()).toBe(dataIds + 2);
    tf.dispose([qk!, cos!, sin!, v, mixed, weights]);
  });

  it('refuses inputs it cannot split into heads, saying what it got', () => {
    const qk = tf.zeros([1, 6, 15]);
    const v = tf.zeros([1, 6, 8]);
    const run = (inputs: tf.NamedTensorMap) => () =>
      tf.engine().runKernel(ATTENTION_KERNEL, inputs, { batch: 2, heads: 2 });
    expect(run({ qk, v })).toThrow(/takes inputs qk, cos, sin and v/);
    expect(run({ qk, cos: qk, sin: qk, v })).toThrow(
      /got qk \[1, 6, 15\], v \[1, 6, 8\], batch 2, heads 2/,
    );
    const good = tf.zeros([1, 6, 16]);
    expect(run({ qk: good, cos: qk, sin: good, v })).toThrow(/cos and sin must be qk's shape/);
    tf.dispose([qk, v, good]);
  });
});
