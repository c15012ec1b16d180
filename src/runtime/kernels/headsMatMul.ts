// Attention's batched matmuls (a [N, m, k] times b [N, k, n], or b [N, n, k] transposed) on the
// wasm backend, one XNNPACK matmul per batch entry. tfjs-backend-wasm's own BatchMatMul hands a
// matmul to XNNPACK only when neither operand is batched nor transposed, and otherwise runs a plain
// scalar loop; attention's products are batched over the heads and q k^T takes k transposed. Here
// each head's block is a tensor of its own for the backend's C++ (an id registered on the block's
// address, no copy), k's blocks transposed first in JavaScript (a few thousand numbers a head).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { HEADS_MATMUL_KERNEL } from '../../model/ops';
import { heapFloats, heapOffset, type WasmBackend } from './wasmHeap';

/** tfjs-backend-wasm's exported BatchMatMul(a_id, a_shape, a_rank, b_id, b_shape, b_rank,
 *  transpose_a, transpose_b, out_id): XNNPACK's fully connected operator for unbatched operands. */
type WasmBatchMatMul = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;

/** Emscripten's cwrap, which the wasm module has (tfjs wraps its kernels with it) but its type
 *  declarations leave to @types/emscripten, a package this project does not pull in. */
interface Cwrapping {
  cwrap(name: string, returnType: null, argTypes: string[]): unknown;
}

const matMuls = new WeakMap<WasmBackend, WasmBatchMatMul>();

function wasmBatchMatMul(backend: WasmBackend): WasmBatchMatMul {
  let fn = matMuls.get(backend);
  if (fn === undefined) {
    const types = ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number'];
    fn = (backend.wasm as unknown as Cwrapping).cwrap('BatchMatMul', null, [
      ...types,
      'number',
    ]) as WasmBatchMatMul;
    matMuls.set(backend, fn);
  }
  return fn;
}

/** Ids for the blocks, far above the backend's own (which count up from 1 per tensor). Each is
 *  registered for one matmul and disposed right after, which also frees the XNNPACK operator the
 *  backend caches on the right operand's id. */
const A_BLOCK = 0x40000001;
const B_BLOCK = 0x40000002;
const OUT_BLOCK = 0x40000003;

const shapeBytes = (shape: number[]) => new Uint8Array(Int32Array.from(shape).buffer);

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

  const matMul = wasmBatchMatMul(wasm);
  const { registerTensor, disposeData } = wasm.wasm.tfjs;
  const aShape = shapeBytes([1, rows, inner]);
  const bShape = shapeBytes([1, inner, cols]);
  const [aAt, bAt, outAt] = [a, laidOut, out].map((t) => heapOffset(wasm, t)) as [
    number,
    number,
    number,
  ];
  for (let h = 0; h < heads; h++) {
    registerTensor(A_BLOCK, rows * inner, aAt + 4 * h * rows * inner);
    registerTensor(B_BLOCK, inner * cols, bAt + 4 * h * inner * cols);
    registerTensor(OUT_BLOCK, rows * cols, outAt + 4 * h * rows * cols);
    matMul(A_BLOCK, aShape, 3, B_BLOCK, bShape, 3, false, false, OUT_BLOCK);
    disposeData(A_BLOCK);
    disposeData(B_BLOCK);
    disposeData(OUT_BLOCK);
  }
  if (laidOut !== b) wasm.disposeData(laidOut.dataId);
  return out;
};

export const headsMatMulConfig: KernelConfig = {
  kernelName: HEADS_MATMUL_KERNEL,
  backendName: 'wasm',
  kernelFunc: headsMatMul,
};
