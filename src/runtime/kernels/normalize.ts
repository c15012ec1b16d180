// The model's LayerNorm without gamma and beta, (x - mean) / sqrt(var + eps) over the last axis
// (src/model/ops.ts, normalize), as one kernel of the wasm backend: a row of d numbers at a time in
// JavaScript, in float64, where tfjs runs seven kernels (Mean, Sub, Square, Mean, Add, Rsqrt, Mul).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { NORMALIZE_KERNEL } from '../../model/ops';
import { heapFloats, type WasmBackend } from './wasmHeap';

const normalize: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const eps = attrs?.eps;
  if (typeof eps !== 'number') throw new Error(`${NORMALIZE_KERNEL} needs a number eps`);
  const wasm = backend as WasmBackend;
  const out = wasm.makeOutput(x.shape, 'float32');
  const from = heapFloats(wasm, x);
  const to = heapFloats(wasm, out);
  const width = x.shape[x.shape.length - 1] ?? 1;
  for (let start = 0; start < from.length; start += width) {
    const end = start + width;
    let sum = 0;
    for (let i = start; i < end; i++) sum += from[i]!;
    const mean = sum / width;
    let squares = 0;
    for (let i = start; i < end; i++) {
      const centered = from[i]! - mean;
      squares += centered * centered;
    }
    const scale = 1 / Math.sqrt(squares / width + eps);
    for (let i = start; i < end; i++) to[i] = (from[i]! - mean) * scale;
  }
  return out;
};

export const normalizeConfig: KernelConfig = {
  kernelName: NORMALIZE_KERNEL,
  backendName: 'wasm',
  kernelFunc: normalize,
};
