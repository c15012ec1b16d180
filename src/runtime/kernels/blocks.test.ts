// The wasm backend's one-kernel sublayers (attention with its projections, the feed-forward)
// against the composites the model runs elsewhere, on the same weights on the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  ATTENTION_BLOCK_KERNEL,
  type AttentionShape,
  FEED_FORWARD_KERNEL,
  attentionBlock,
  feedForward,
} from '../../model/ops';
import { type DenseArrays, swapColumns } from '../../model/fuse';
import type { DenseWeights } from '../../model/weights';
import { setNodeBackend } from '../../node';
import type { WasmBackend } from './wasmHeap';
import { registerWasmKernels } from './wasmKernels';

/** Values spread like the model's, the same on every run. */
const values = (count: number, seed: number, scale = 0.3): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => scale * Math.sin(i * 0.7311 + seed * 1.37));

const denseArrays = (inSize: number, outSize: number, seed: number): DenseArrays => ({
  kernel: values(inSize * outSize, seed),
  bias: values(outSize, seed + 0.5),
});

const tensors = ({ kernel, bias }: DenseArrays): DenseWeights => ({
  kernel: tf.tensor3d(kernel, [1, kernel.length / bias.length, bias.length]),
  bias: tf.tensor1d(bias),
});

const denseWeights = (inSize: number, outSize: number, seed: number): DenseWeights =>
  tensors(denseArrays(inSize, outSize, seed));

const disposeDense = (w: DenseWeights) => tf.dispose([w.kernel, w.bias]);

interface Run {
  outputs: Float32Array[];
  kernels: string[];
}

/** attentionBlock on the active backend: out and weights, and the kernels it ran. */
async function runAttention(shape: AttentionShape, padding: number): Promise<Run> {
  const { batch, heads, headDim, length } = shape;
  const [d, rows] = [heads * headDim, batch * length];
  // The swapped columns as weights.ts lays them out: the composite's second matmul.
  const qk = denseArrays(d, 2 * d, 1);
  const w = {
    qk: tensors(qk),
    qkSwapped: tensors(swapColumns(qk, headDim)),
    v: denseWeights(d, d, 3),
    o: denseWeights(d, d, 4),
  };
  const a = tf.tensor3d(values(rows * d, 5, 1), [1, rows, d]);
  const tables = {
    cos: tf.tensor3d(values(rows * 2 * d, 6, 1), [1, rows, 2 * d]),
    sin: tf.tensor3d(values(rows * 2 * d, 7, 1), [1, rows, 2 * d]),
  };
  const maskValues = new Float32Array(batch * heads * length);
  for (let r = 0; r < batch * heads; r++)
    maskValues.fill(-1e9, (r + 1) * length - padding, (r + 1) * length);
  const mask = padding > 0 ? tf.tensor3d(maskValues, [batch * heads, 1, length]) : null;
  const profile = await tf.profile(() => {
    const { out, weights } = attentionBlock(a, w, tables, mask, shape);
    return [out, weights];
  });
  const result = profile.result as tf.Tensor[];
  const outputs = await Promise.all(result.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([a, tables.cos, tables.sin, ...result, ...(mask ? [mask] : [])]);
  Object.values(w).forEach(disposeDense);
  return { outputs, kernels: profile.kernels.map((k) => k.name) };
}

/** feedForward on the active backend. */
async function runFeedForward(rows: number, d: number, f: number): Promise<Run> {
  const [fc1, fc2] = [denseWeights(d, f, 8), denseWeights(f, d, 9)];
  const x = tf.tensor3d(values(rows * d, 10, 2), [1, rows, d]);
  const profile = await tf.profile(() => feedForward(x, fc1, fc2));
  const result = profile.result as tf.Tensor;
  const outputs = [(await result.data()) as Float32Array];
  tf.dispose([x, result]);
  [fc1, fc2].forEach(disposeDense);
  return { outputs, kernels: profile.kernels.map((k) => k.name) };
}

function maxDifference(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((x, i) => {
    expect(x.length).toBe(b[i]!.length);
    x.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - b[i]![j]!))));
  });
  return worst;
}

describe('the one-kernel sublayers on wasm', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
  });

  it.each([
    ['one sequence, exlm-en-small', { batch: 1, heads: 4, headDim: 48, length: 39 }, 0],
    ['three padded sequences', { batch: 3, heads: 2, headDim: 8, length: 7 }, 2],
  ] as const)('attention: %s, as the composite within 1e-5', async (_name, shape, padding) => {
    await setNodeBackend('cpu');
    const composite = await runAttention(shape, padding);
    await setNodeBackend('wasm');
    const fused = await runAttention(shape, padding);
    expect(fused.kernels).toEqual([ATTENTION_BLOCK_KERNEL]);
    expect(composite.kernels).not.toContain(ATTENTION_BLOCK_KERNEL);
    expect(maxDifference(fused.outputs, composite.outputs)).toBeLessThan(1e-5);
  });

  it('feed-forward: as the composite within 1e-5', async () => {
    await setNodeBackend('cpu');
    const composite = await runFeedForward(39, 192, 768);
    await setNodeBackend('wasm');
    const fused = await runFeedForward(39, 192, 768);
    expect(fused.kernels).toEqual([FEED_FORWARD_KERNEL]);
    expect(composite.kernels).toEqual(['_FusedMatMul', 'Erf', 'Add', 'Multiply', '_FusedMatMul']);
    expect(maxDifference(fused.outputs, composite.outputs)).toBeLessThan(1e-5);
  });

  it('leave nothing behind on the backend but their outputs', async () => {
    const backend = tf.backend() as WasmBackend;
    const dataIds = backend.numDataIds();
    await runAttention({ batch: 2, heads: 2, headDim: 4, length: 3 }, 1);
    await runFeedForward(5, 8, 16);
    expect(backend.numDataIds()).toBe(dataIds);
  });

  it('name the inputs they miss', () => {
    const x = tf.zeros([1, 3, 8]);
    expect(() => tf.engine().runKernel(FEED_FORWARD_KERNEL, { x }, {})).toThrow(
      /takes inputs x, kernel1, bias1, kernel2, bias2; missing kernel1, bias1, kernel2, bias2/,
    );
    expect(() => tf.engine().runKernel(ATTENTION_BLOCK_KERNEL, { x }, {})).toThrow(
      /missing qkKernel/,
    );
    x.dispose();
  });
});
