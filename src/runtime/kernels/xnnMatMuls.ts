// Many small matmuls through XNNPACK, on blocks of the wasm heap: out_i = a_i b_i for i < count,
// each a [rows, inner], b [inner, cols] and out [rows, cols] at consecutive addresses. Each block
// becomes a tensor of its own for the backend's C++ (an id registered on the block's address, no
// copy), and tfjs-backend-wasm's exported BatchMatMul, given unbatched untransposed operands, runs
// XNNPACK's fully connected operator on them (its batched path is a scalar loop).
import type { WasmBackend } from './wasmHeap';

/** BatchMatMul(a_id, a_shape, a_rank, b_id, b_shape, b_rank, transpose_a, transpose_b, out_id). */
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

export interface MatMulBlocks {
  /** Byte addresses of the first blocks of a, b and out. */
  aAt: number;
  bAt: number;
  outAt: number;
  count: number;
  rows: number;
  inner: number;
  cols: number;
}

/** Runs the `count` matmuls. May grow the heap (XNNPACK allocates): views taken before are stale. */
export function xnnMatMuls(backend: WasmBackend, blocks: MatMulBlocks): void {
  const { aAt, bAt, outAt, count, rows, inner, cols } = blocks;
  const matMul = wasmBatchMatMul(backend);
  const { registerTensor, disposeData } = backend.wasm.tfjs;
  const aShape = shapeBytes([1, rows, inner]);
  const bShape = shapeBytes([1, inner, cols]);
  for (let i = 0; i < count; i++) {
    registerTensor(A_BLOCK, rows * inner, aAt + 4 * i * rows * inner);
    registerTensor(B_BLOCK, inner * cols, bAt + 4 * i * inner * cols);
    registerTensor(OUT_BLOCK, rows * cols, outAt + 4 * i * rows * cols);
    matMul(A_BLOCK, aShape, 3, B_BLOCK, bShape, 3, false, false, OUT_BLOCK);
    disposeData(A_BLOCK);
    disposeData(B_BLOCK);
    disposeData(OUT_BLOCK);
  }
}
