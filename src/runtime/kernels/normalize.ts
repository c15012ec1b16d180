// The model's LayerNorm without gamma and beta, (x - mean) / sqrt(var + eps) over the last axis
// (src/model/ops.ts, normalize), as one kernel of the wasm backend: a row of d numbers at a time in
// JavaScript, in float64, where tfjs runs seven kernels (Mean, Sub, Square, Mean, Add, Rsqrt, Mul).
// And the residual add before it (ops.ts, addNormalize): x + y and its normalized rows in one pass,
// where tfjs runs an Add and then the normalize.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { ADD_NORMALIZE_KERNEL, NORMALIZE_KERNEL } from '../../model/ops';
import { heapFloats, type WasmBackend } from './wasmHeap';

/** Each row of `from` [.., width] normalized into `to`; with `plus`, the rows of from + plus,
 *  the sum written into `from` first (its row's total taken in the same pass). */
function normalizeRows(
  from: Float32Array,
  to: Float32Array,
  width: number,
  eps: number,
  plus?: { a: Float32Array; b: Float32Array },
) {
  for (let start = 0; start < from.length; start += width) {
    const end = start + width;
    let sum = 0;
    if (plus === undefined) for (let i = start; i < end; i++) sum += from[i]!;
    else
      for (let i = start; i < end; i++) {
        const v = Math.fround(plus.a[i]! + plus.b[i]!); // the float32 sum, as the Add kernel's
        from[i] = v;
        sum += v;
      }
    const mean = sum / width;
    let squares = 0;
    for (let i = start; i < end; i++) {
      const centered = from[i]! - mean;
      squares += centered * centered;
    }
    const scale = 1 / Math.sqrt(squares / width + eps);
    for (let i = start; i < end; i++) to[i] = (from[i]! - mean) * scale;
  }
}

function epsOf(kernel: string, attrs: Record<string, unknown> | undefined): number {
  const eps = attrs?.eps;
  if (typeof eps !== 'number') throw new Error(`${kernel} needs a number eps`);
  return eps;
}

const normalize: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const eps = epsOf(NORMALIZE_KERNEL, attrs);
  const wasm = backend as WasmBackend;
  const out = wasm.makeOutput(x.shape, 'float32');
  const width = x.shape[x.shape.length - 1] ?? 1;
  normalizeRows(heapFloats(wasm, x), heapFloats(wasm, out), width, eps);
  return out;
};

/** [x + y, normalize(x + y)]: the sum in float32 as the Add kernel makes it, then its rows
 *  normalized as above. */
const addNormalize: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, y } = inputs as { x?: TensorInfo; y?: TensorInfo };
  if (x === undefined || y === undefined || x.shape.join() !== y.shape.join())
    throw new Error(
      `${ADD_NORMALIZE_KERNEL} takes inputs x and y of one shape, got ` +
        `[${x?.shape.join(', ') ?? ''}] and [${y?.shape.join(', ') ?? ''}]`,
    );
  const eps = epsOf(ADD_NORMALIZE_KERNEL, attrs);
  const wasm = backend as WasmBackend;
  const sum = wasm.makeOutput(x.shape, 'float32');
  const normalized = wasm.makeOutput(x.shape, 'float32');
  const [a, b, s, n] = [x, y, sum, normalized].map((t) => heapFloats(wasm, t)) as Float32Array[];
  const width = x.shape[x.shape.length - 1] ?? 1;
  normalizeRows(s!, n!, width, eps, { a: a!, b: b! });
  return [sum, normalized];
};

export const normalizeConfig: KernelConfig = {
  kernelName: NORMALIZE_KERNEL,
  backendName: 'wasm',
  kernelFunc: normalize,
};

export const addNormalizeConfig: KernelConfig = {
  kernelName: ADD_NORMALIZE_KERNEL,
  backendName: 'wasm',
  kernelFunc: addNormalize,
};
