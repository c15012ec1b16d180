// The model's GELU, z (1 + erf z) (src/model/ops.ts, scaledGelu), as one kernel of the wasm
// backend: one pass over the heap in JavaScript, where tfjs runs three kernels (Erf, Add, Mul), each
// a pass of its own, Erf the slowest of them.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { SCALED_GELU_KERNEL } from '../../model/ops';
import { erf } from './erf';
import { heapFloats, type WasmBackend } from './wasmHeap';

/** y = z (1 + erf z), number by number (y may be z itself). */
function scaledGeluInto(z: Float32Array, y: Float32Array): void {
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    y[i] = v * (1 + erf(v));
  }
}

/** z (1 + erf z) in place: the feed-forward block (blocks.ts) on its own buffer. */
export function scaledGeluInPlace(z: Float32Array): void {
  scaledGeluInto(z, z);
}

const scaledGelu: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  const wasm = backend as WasmBackend;
  const out = wasm.makeOutput(x.shape, 'float32');
  scaledGeluInto(heapFloats(wasm, x), heapFloats(wasm, out));
  return out;
};

export const scaledGeluConfig: KernelConfig = {
  kernelName: SCALED_GELU_KERNEL,
  backendName: 'wasm',
  kernelFunc: scaledGelu,
};
