// The model's GELU, z (1 + erf z) (src/model/ops.ts, scaledGelu), as one kernel of the wasm
// backend: one pass over the heap in JavaScript, where tfjs runs three kernels (Erf, Add, Mul), each
// a pass of its own, Erf the slowest of them.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { SCALED_GELU_KERNEL } from '../../model/ops';
import { erf } from './erf';
import { heapFloats, type WasmBackend } from './wasmHeap';

const scaledGelu: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  const wasm = backend as WasmBackend;
  const out = wasm.makeOutput(x.shape, 'float32');
  const z = heapFloats(wasm, x);
  const y = heapFloats(wasm, out);
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    y[i] = v * (1 + erf(v));
  }
  return out;
};

export const scaledGeluConfig: KernelConfig = {
  kernelName: SCALED_GELU_KERNEL,
  backendName: 'wasm',
  kernelFunc: scaledGelu,
};
