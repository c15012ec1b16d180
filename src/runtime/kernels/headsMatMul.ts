// Attention's batched matmuls (a [N, m, k] times b [N, k, n], or b [N, n, k] transposed) on the
// wasm backend, one XNNPACK matmul per batch entry. tfjs-backend-wasm's own BatchMatMul hands a
// matmul to XNNPACK only when neither operand is batched nor transposed, and otherwise runs a plain
// scalar loop; attention's products are batched over the heads and q k^T takes k transposed. Here
// each head's block goes to XNNPACK on its own (xnnMatMuls.ts), k's blocks transposed first in
// JavaScript (a few thousand numbers a head).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { HEADS_MATMUL_KERNEL } from '../../model/ops';
import { heapFloats, heapOffset, type WasmBackend } from './wasmHeap';
import { xnnMatMuls } from './xnnMatMuls';

/** b's blocks [n, k] transposed into `into`'s blocks [k, n], head by head. */
function transposeBlocks(b: Float32Array, into: Float32Array, heads: number, n: number, k: number) {
  for (let h = 0; h < heads; h++) {
    const base = h * n * k;
    for (let r = 0; r < n; r++) {
      const row = base + r * k;
      for (let c = 0; c < k; c++) into[base + c * n + r] = b[row + c]!;
    }
  }
}

const headsMatMul: KernelFunc = ({ inputs, backend, attrs }) => {
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const transposeB = attrs?.transposeB === true;
  if (attrs?.transposeA === true) throw new Error(`${HEADS_MATMUL_KERNEL}: a cannot be transposed`);
  if (a.shape.length !== 3 || b.shape.length !== 3 || a.shape[0] !== b.shape[0])
    throw new Error(
      `${HEADS_MATMUL_KERNEL} takes [N, m, k] and [N, k, n] operands with the same N, got ` +
        `[${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
    );
  const [heads, rows, inner] = a.shape as [number, number, number];
  const [, bRows, bCols] = b.shape as [number, number, number];
  const cols = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== inner)
    throw new Error(
      `${HEADS_MATMUL_KERNEL}: inner sizes differ, [${a.shape.join(', ')}] times ` +
        `[${b.shape.join(', ')}]${transposeB ? ' transposed' : ''}`,
    );
  const wasm = backend as WasmBackend;
  const out = wasm.makeOutput([heads, rows, cols], 'float32');
  const laidOut = transposeB ? wasm.makeOutput([heads, inner, cols], 'float32') : b;
  if (transposeB)
    transposeBlocks(heapFloats(wasm, b), heapFloats(wasm, laidOut), heads, cols, inner);

  const [aAt, bAt, outAt] = [a, laidOut, out].map((t) => heapOffset(wasm, t)) as [
    number,
    number,
    number,
  ];
  xnnMatMuls(wasm, { aAt, bAt, outAt, count: heads, rows, inner, cols });
  if (laidOut !== b) wasm.disposeData(laidOut.dataId);
  return out;
};

export const headsMatMulConfig: KernelConfig = {
  kernelName: HEADS_MATMUL_KERNEL,
  backendName: 'wasm',
  kernelFunc: headsMatMul,
};
