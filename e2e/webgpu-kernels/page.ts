// The WebGPU kernel check page: each of the model's WebGPU kernels (src/runtime/kernels/webgpu)
// against the composite of tfjs kernels that src/model/ops.ts runs without it, on the same random
// inputs on webgpu, and ExlmModel on the golden cases with the kernels registered. The spec
// (e2e/webgpu-kernels.spec.ts) holds the numbers to their tolerances.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';

import { ExlmModel, urlSource } from '../../src/model';
import { swapIndex } from '../../src/model/fuse';
import {
  type AttentionShape,
  attention,
  logSoftmax,
  normalize,
  scaledGelu,
} from '../../src/model/ops';
import {
  registerWebGpuKernels,
  unregisterWebGpuKernels,
} from '../../src/runtime/kernels/webgpu/webgpuKernels';
import type { GoldenForward, KernelComparison, WebGpuKernelCheck } from './protocol';

/** Values in [-spread, spread), the same on every run (a sine hash, as the unit tests use). */
const values = (count: number, seed: number, spread = 1): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => {
    const s = Math.sin(i * 12.9898 + seed * 78.233) * 43758.5453;
    return spread * 2 * (s - Math.floor(s) - 0.5);
  });

/** tfjs-backend-webgpu runs each compute dispatch through recordAndSubmit (one call, one
 *  dispatch): the count of calls while `run` runs. */
async function countDispatches<T>(
  run: () => Promise<T>,
): Promise<{ result: T; dispatches: number }> {
  const backend = tf.backend() as unknown as { recordAndSubmit: (...args: unknown[]) => unknown };
  const record = backend.recordAndSubmit;
  if (typeof record !== 'function') throw new Error(`${tf.getBackend()} has no recordAndSubmit`);
  let dispatches = 0;
  backend.recordAndSubmit = (...args: unknown[]) => {
    dispatches++;
    return record.apply(backend, args);
  };
  try {
    return { result: await run(), dispatches };
  } finally {
    backend.recordAndSubmit = record;
  }
}

interface Measured {
  outputs: Float32Array[];
  kernels: string[];
  dispatches: number;
}

/** `op`'s outputs read back, the kernels it ran and its dispatches. */
async function measure(op: () => tf.Tensor[]): Promise<Measured> {
  const { result: profile, dispatches } = await countDispatches(() =>
    tf.profile(() => tf.tidy(op)),
  );
  const tensors = profile.result as tf.Tensor[];
  const outputs = await Promise.all(tensors.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(tensors);
  return { outputs, kernels: profile.kernels.map((k) => k.name), dispatches };
}

/** `op` with the model's kernels registered and without, compared. */
async function compare(name: string, op: () => tf.Tensor[]): Promise<KernelComparison> {
  registerWebGpuKernels();
  const fused = await measure(op);
  unregisterWebGpuKernels();
  const composite = await measure(op);
  registerWebGpuKernels();
  let difference = 0;
  let relativeDifference = 0;
  fused.outputs.forEach((output, o) => {
    const want = composite.outputs[o]!;
    if (output.length !== want.length) throw new Error(`${name}: output ${o} has another size`);
    output.forEach((got, i) => {
      const error = Math.abs(got - want[i]!);
      difference = Math.max(difference, Number.isNaN(error) ? Infinity : error);
      relativeDifference = Math.max(relativeDifference, error / Math.max(1, Math.abs(want[i]!)));
    });
  });
  return {
    name,
    kernels: fused.kernels,
    compositeKernels: composite.kernels,
    dispatches: fused.dispatches,
    compositeDispatches: composite.dispatches,
    difference,
    relativeDifference,
  };
}

/** Rows with an offset and a spread of their own, so that the mean matters; the last row constant
 *  (it must come out 0, eps keeping it finite). */
function normalizeInput(rows: number, width: number): tf.Tensor3D {
  const x = values(rows * width, 5, 2).map((v, i) => {
    const row = Math.floor(i / width);
    return row === rows - 1 ? 3.5 : row * 3 - 7 + v * (1 + (row % 3));
  });
  return tf.tensor3d(x, [1, rows, width]);
}

/** attention() on random qk, tables and v, with the last `padding` keys of each sequence masked. */
function attentionOp(
  shape: AttentionShape,
  padding: number,
): { op: () => tf.Tensor[]; inputs: tf.Tensor[] } {
  const { batch, heads, headDim, length } = shape;
  const rows = batch * length;
  const width = heads * headDim;
  const qkShape: [number, number, number] = [1, rows, 2 * width];
  const qk = tf.tensor3d(values(rows * 2 * width, 1, 1.5), qkShape);
  // Any tables will do: kernel and composite must agree on qk cos + swap(qk) sin.
  const cos = tf.tensor3d(values(rows * 2 * width, 3), qkShape);
  const sin = tf.tensor3d(values(rows * 2 * width, 4), qkShape);
  const swapColumns = tf.tensor1d(
    Int32Array.from({ length: 2 * width }, (_, j) => swapIndex(j, headDim)),
    'int32',
  );
  const v = tf.tensor3d(values(rows * width, 2), [1, rows, width]);
  const maskValues = new Float32Array(batch * heads * length);
  for (let row = 0; row < batch * heads; row++)
    maskValues.fill(-1e9, row * length + length - padding, (row + 1) * length);
  const mask = padding > 0 ? tf.tensor3d(maskValues, [batch * heads, 1, length]) : null;
  const swapped = () => tf.gather(qk, swapColumns, 2);
  const op = () => {
    const { mixed, weights } = attention({ qk, swapped, cos, sin }, v, mask, shape);
    return [mixed, weights];
  };
  return { op, inputs: [qk, cos, sin, swapColumns, v, ...(mask ? [mask] : [])] };
}

async function start(): Promise<boolean> {
  if (!(await tf.setBackend('webgpu'))) return false;
  await tf.ready();
  registerWebGpuKernels();
  return tf.getBackend() === 'webgpu';
}

const check: WebGpuKernelCheck = {
  start,

  async compareKernels() {
    const results: KernelComparison[] = [];
    // 70 columns: more than a workgroup's 64 invocations, so each strides over its row.
    const x = normalizeInput(9, 70);
    results.push(await compare('ExlmNormalize', () => [normalize(x, 1e-5)]));
    x.dispose();
    // z from -6 to 6: both tails of erf and the middle.
    const z = tf.tensor3d(values(5 * 70, 7, 6), [1, 5, 70]);
    results.push(await compare('ExlmScaledGelu', () => [scaledGelu(z)]));
    z.dispose();
    // Logits spread over +-30 (a row's probabilities from 1 down to underflow) in rows of 300.
    const logits = tf.tensor2d(values(4 * 300, 9, 30), [4, 300]);
    results.push(await compare('ExlmLogSoftmax', () => [logSoftmax(logits)]));
    logits.dispose();
    // 70 keys: more than a workgroup's invocations. dh 8: the quarters RoPE swaps are 2 wide.
    const shapes: [string, AttentionShape, number][] = [
      ['ExlmAttention', { batch: 1, heads: 2, headDim: 8, length: 5 }, 0],
      ['ExlmAttention with a key mask', { batch: 2, heads: 3, headDim: 8, length: 6 }, 2],
      ['ExlmAttention over 70 keys', { batch: 1, heads: 2, headDim: 16, length: 70 }, 0],
    ];
    for (const [name, shape, padding] of shapes) {
      const { op, inputs } = attentionOp(shape, padding);
      results.push(await compare(name, op));
      tf.dispose(inputs);
    }
    return results;
  },

  async golden(model, texts, padToBucket) {
    registerWebGpuKernels();
    const loaded = await ExlmModel.load(urlSource(`/models/${model}/`), model, { padToBucket });
    try {
      const first = texts[0] ?? '';
      const profile = await tf.profile(async () => {
        await loaded.inspect(first);
        return [];
      });
      const { dispatches } = await countDispatches(() => loaded.inspect(first));
      unregisterWebGpuKernels();
      const composite = await countDispatches(() => loaded.inspect(first));
      registerWebGpuKernels();
      const cases: GoldenForward[] = [];
      for (const text of texts) {
        const { forward, slots } = await loaded.inspect(text, { attention: true, hidden: true });
        const analysis = await loaded.analyze(text, { topK: 5, attention: true });
        cases.push({
          hidden: Array.from(forward.hidden),
          stateLogProbs: Array.from(forward.stateLogProbs),
          links: Array.from(forward.links),
          attention: forward.attention.map((layer) => Array.from(layer)),
          marginals: Array.from(slots.marginals),
          fillIds: Array.from(slots.fillIds),
          fillText: analysis.fill.text,
          analysisLinks: Array.from(analysis.links),
        });
      }
      return {
        backend: tf.getBackend(),
        kernels: profile.kernels.map((k) => k.name),
        dispatches,
        compositeDispatches: composite.dispatches,
        cases,
      };
    } finally {
      loaded.dispose();
    }
  },
};

window.webgpuKernels = check;
const status = document.getElementById('status');
if (status !== null) status.textContent = 'ready';
