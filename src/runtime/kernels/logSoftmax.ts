// log-softmax over the last axis (src/model/ops.ts, logSoftmax) as one kernel of the wasm backend,
// where the composite takes six (Max, Sub, Exp, Sum, Log, Sub) and spends most of its time in the
// backend's scalar Exp over the [L, V] logits. Here XNNPACK's vectorized softmax (xnnSoftmax.ts)
// gives each row's p = exp(x - max) / sum, and p at the row's largest logit is exp(0) / sum, so
// log(sum) = -log(p there): one log a row, no log or exp per number in JavaScript. Then
// log p_i = x_i - max - log(sum), one pass. The probabilities themselves are never logged, so a
// logit far below its row's max (p underflowing float32) still gets its finite log-probability.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { LOG_SOFTMAX_KERNEL } from '../../model/ops';
import { heapFloats, heapOffset, type WasmBackend } from './wasmHeap';
import { xnnSoftmax } from './xnnSoftmax';

const logSoftmax: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  const wasm = backend as WasmBackend;
  const cols = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((product, d) => product * d, 1);
  const rows = cols === 0 ? 0 : size / cols;
  const out = wasm.makeOutput(x.shape, 'float32');
  if (size === 0) return out;
  const probs = wasm.makeOutput(x.shape, 'float32');
  xnnSoftmax(wasm, { xAt: heapOffset(wasm, x), outAt: heapOffset(wasm, probs) }, rows, cols);
  // Views after the call: XNNPACK may have grown the heap.
  const logits = heapFloats(wasm, x);
  const p = heapFloats(wasm, probs);
  const to = heapFloats(wasm, out);
  for (let start = 0; start < size; start += cols) {
    const end = start + cols;
    let best = start;
    let max = logits[start]!;
    for (let i = start + 1; i < end; i++) {
      const v = logits[i]!;
      if (v > max) {
        max = v;
        best = i;
      }
    }
    // x_i - max - log(sum) = x_i - max + log(p at the max)
    const shift = max - Math.log(p[best]!);
    for (let i = start; i < end; i++) to[i] = logits[i]! - shift;
  }
  wasm.disposeData(probs.dataId);
  return out;
};

export const logSoftmaxConfig: KernelConfig = {
  kernelName: LOG_SOFTMAX_KERNEL,
  backendName: 'wasm',
  kernelFunc: logSoftmax,
};
