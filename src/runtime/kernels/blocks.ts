// Whole sublayers of the encoder as one kernel each on the wasm backend (src/model/ops.ts,
// attentionBlock and feedForward): the projections around attention with the attention kernel
// between them, and the feed-forward's two dense layers with the GELU between them. The work is
// the same kernels' (the backend's own fused matmul, XNNPACK's fully connected operator cached on
// each weight's id, and this folder's attention and GELU), run from inside one kernel: the
// intermediate activations are the backend's buffers, freed here, never tensors the engine
// tracks, and the engine's bookkeeping runs once a sublayer instead of four or three times.
import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  _FusedMatMul,
  getKernel,
} from '@tensorflow/tfjs-core';

import { ATTENTION_BLOCK_KERNEL, FEED_FORWARD_KERNEL } from '../../model/ops';
import { attention } from './attention';
import { scaledGeluInPlace } from './scaledGelu';
import { heapFloats, type WasmBackend } from './wasmHeap';

const DENSE_ATTRS = { transposeA: false, transposeB: false, activation: 'linear' };

/** x [1, n, in] W [1, in, out] + bias [out] by the backend's _FusedMatMul kernel: a buffer of the
 *  backend's that the caller frees or returns. */
function dense(
  backend: WasmBackend,
  x: TensorInfo,
  kernel: TensorInfo,
  bias: TensorInfo,
): TensorInfo {
  const fused = getKernel(_FusedMatMul, 'wasm');
  if (fused === undefined) throw new Error('the wasm backend has no _FusedMatMul kernel');
  return fused.kernelFunc({
    inputs: { a: x, b: kernel, bias },
    backend,
    attrs: DENSE_ATTRS,
  }) as TensorInfo;
}

/** The inputs by name, each one required. */
function required<K extends string>(
  kernel: string,
  inputs: Record<string, TensorInfo | undefined>,
  names: readonly K[],
): Record<K, TensorInfo> {
  const missing = names.filter((name) => inputs[name] === undefined);
  if (missing.length > 0)
    throw new Error(`${kernel} takes inputs ${names.join(', ')}; missing ${missing.join(', ')}`);
  return inputs as Record<K, TensorInfo>;
}

const ATTENTION_INPUTS = [
  'x',
  'qkKernel',
  'qkBias',
  'vKernel',
  'vBias',
  'oKernel',
  'oBias',
] as const;

/** [out, weights]: (attention of x W_qk + b_qk and x W_v + b_v) W_o + b_o, and the weights. */
const attentionBlock: KernelFunc = ({ inputs, backend, attrs }) => {
  const all = inputs as Record<string, TensorInfo | undefined>;
  const w = required(ATTENTION_BLOCK_KERNEL, all, ATTENTION_INPUTS);
  const wasm = backend as WasmBackend;
  const qk = dense(wasm, w.x, w.qkKernel, w.qkBias);
  const v = dense(wasm, w.x, w.vKernel, w.vBias);
  try {
    const { cos, sin, keyMask } = all;
    const [mixed, weights] = attention({
      inputs: {
        qk,
        v,
        ...(cos ? { cos } : {}),
        ...(sin ? { sin } : {}),
        ...(keyMask ? { keyMask } : {}),
      },
      backend,
      attrs,
    }) as TensorInfo[];
    const out = dense(wasm, mixed!, w.oKernel, w.oBias);
    wasm.disposeData(mixed!.dataId);
    return [out, weights!];
  } finally {
    wasm.disposeData(qk.dataId);
    wasm.disposeData(v.dataId);
  }
};

/** z (1 + erf z) W2 + b2 with z = x W1 + b1. */
const feedForward: KernelFunc = ({ inputs, backend }) => {
  const w = required(FEED_FORWARD_KERNEL, inputs as Record<string, TensorInfo | undefined>, [
    'x',
    'kernel1',
    'bias1',
    'kernel2',
    'bias2',
  ]);
  const wasm = backend as WasmBackend;
  const inner = dense(wasm, w.x, w.kernel1, w.bias1);
  try {
    scaledGeluInPlace(heapFloats(wasm, inner));
    return dense(wasm, inner, w.kernel2, w.bias2);
  } finally {
    wasm.disposeData(inner.dataId);
  }
};

export const attentionBlockConfig: KernelConfig = {
  kernelName: ATTENTION_BLOCK_KERNEL,
  backendName: 'wasm',
  kernelFunc: attentionBlock,
};

export const feedForwardConfig: KernelConfig = {
  kernelName: FEED_FORWARD_KERNEL,
  backendName: 'wasm',
  kernelFunc: feedForward,
};
