// Softmax over rows through the backend's own Softmax, which runs XNNPACK's vectorized softmax,
// on any block of the wasm heap: the block is registered as a tensor of its own for the call (an
// id on its address, no copy), as xnnMatMuls.ts does for matmuls. JavaScript's Math.exp costs
// some 10 ns a number and tfjs-backend-wasm's Exp kernel about as much; XNNPACK's exp is a few
// SIMD instructions per four numbers.
import type { WasmBackend } from './wasmHeap';

/** Softmax(x_id, out_id, channels, batch), as tfjs-backend-wasm's Softmax kernel calls it. */
type WasmSoftmax = (xId: number, outId: number, channels: number, batch: number) => void;

/** Emscripten's cwrap (see xnnMatMuls.ts). */
interface Cwrapping {
  cwrap(name: string, returnType: null, argTypes: string[]): unknown;
}

const softmaxes = new WeakMap<WasmBackend, WasmSoftmax>();

function wasmSoftmax(backend: WasmBackend): WasmSoftmax {
  let fn = softmaxes.get(backend);
  if (fn === undefined) {
    const cwrapping = backend.wasm as unknown as Cwrapping;
    fn = cwrapping.cwrap('Softmax', null, ['number', 'number', 'number', 'number']) as WasmSoftmax;
    softmaxes.set(backend, fn);
  }
  return fn;
}

/** Ids for the two blocks, far above the backend's own and apart from xnnMatMuls.ts' ids. */
const X_BLOCK = 0x40000011;
const OUT_BLOCK = 0x40000012;

/** out = softmax of each row of x: `rows` rows of `cols` numbers at byte addresses xAt and outAt,
 *  two blocks apart. May grow the heap: views taken before are stale. */
export function xnnSoftmax(
  backend: WasmBackend,
  at: { xAt: number; outAt: number },
  rows: number,
  cols: number,
): void {
  const { registerTensor, disposeData } = backend.wasm.tfjs;
  registerTensor(X_BLOCK, rows * cols, at.xAt);
  registerTensor(OUT_BLOCK, rows * cols, at.outAt);
  wasmSoftmax(backend)(X_BLOCK, OUT_BLOCK, cols, rows);
  disposeData(X_BLOCK);
  disposeData(OUT_BLOCK);
}
