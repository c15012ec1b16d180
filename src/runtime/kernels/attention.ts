// RoPE and softmax(q k^T + keyMask) v for every head (src/model/ops.ts, attention) as one kernel of
// the wasm backend, where the composite takes a second matmul for swap(qk) and eleven kernels more:
// q and k are rotated and laid out for XNNPACK in one JavaScript pass (q and v per head, k
// transposed), with swap(qk) read from qk's own columns; q k^T and weights v run through XNNPACK
// head by head (xnnMatMuls.ts), the softmax through XNNPACK's (xnnSoftmax.ts: its exp is far
// cheaper than Math.exp); the key mask and the mixed values' layout back to rows are JavaScript
// loops over a few thousand numbers.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { swapIndex } from '../../model/fuse';
import { ATTENTION_KERNEL } from '../../model/ops';
import { heapFloats, heapOffset, type WasmBackend } from './wasmHeap';
import { xnnMatMuls } from './xnnMatMuls';
import { xnnSoftmax } from './xnnSoftmax';

interface Layout {
  batch: number;
  heads: number;
  length: number;
  headDim: number;
}

/** The rows [B * T, 2 H dh] of qk cos + swap(qk) sin (RoPE, rope.ts) and of v [B * T, H dh] into
 *  q and v per head [B * H, T, dh] and k per head transposed [B * H, dh, T]. */
function splitHeads(
  from: { qk: Float32Array; cos: Float32Array; sin: Float32Array; v: Float32Array },
  into: { q: Float32Array; kT: Float32Array; v: Float32Array },
  { batch, heads, length, headDim }: Layout,
) {
  const { qk, cos, sin } = from;
  const width = heads * headDim;
  // Within a head: the component that swap() puts at component c.
  const partner = Int32Array.from({ length: headDim }, (_, c) => swapIndex(c, headDim) - c);
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      for (let h = 0; h < heads; h++) {
        const head = b * heads + h;
        const qFrom = row * 2 * width + h * headDim;
        const kFrom = qFrom + width;
        const vFrom = row * width + h * headDim;
        const to = (head * length + t) * headDim;
        for (let c = 0; c < headDim; c++) {
          const [qc, kc] = [qFrom + c, kFrom + c];
          into.q[to + c] = qk[qc]! * cos[qc]! + qk[qc + partner[c]!]! * sin[qc]!;
          into.kT[(head * headDim + c) * length + t] =
            qk[kc]! * cos[kc]! + qk[kc + partner[c]!]! * sin[kc]!;
          into.v[to + c] = from.v[vFrom + c]!;
        }
      }
    }
}

/** Each row of [B * H, T, T] scores plus its head's key mask, in place (then XNNPACK's softmax
 *  takes them). */
function maskRows(scores: Float32Array, keyMask: Float32Array, length: number) {
  const rows = scores.length / length;
  for (let r = 0; r < rows; r++) {
    const start = r * length;
    const maskAt = Math.floor(r / length) * length; // the head's mask row
    for (let j = 0; j < length; j++) scores[start + j] = scores[start + j]! + keyMask[maskAt + j]!;
  }
}

/** Mixed values per head [B * H, T, dh] back into rows [B * T, H dh]. */
function joinHeads(mixed: Float32Array, into: Float32Array, l: Layout) {
  const { batch, heads, length, headDim } = l;
  for (let b = 0; b < batch; b++)
    for (let h = 0; h < heads; h++)
      for (let t = 0; t < length; t++) {
        const from = ((b * heads + h) * length + t) * headDim;
        const to = (b * length + t) * heads * headDim + h * headDim;
        for (let c = 0; c < headDim; c++) into[to + c] = mixed[from + c]!;
      }
}

function layoutOf(qk: TensorInfo, v: TensorInfo, batch: unknown, heads: unknown): Layout {
  const [one, rows, qkWidth] = qk.shape;
  const [, vRows, width] = v.shape;
  if (
    typeof batch !== 'number' ||
    typeof heads !== 'number' ||
    one !== 1 ||
    rows === undefined ||
    width === undefined ||
    rows !== vRows ||
    qkWidth !== 2 * width ||
    rows % batch !== 0 ||
    width % heads !== 0
  )
    throw new Error(
      `${ATTENTION_KERNEL} takes qk [1, B * T, 2 H dh] and v [1, B * T, H dh] with number attrs ` +
        `batch and heads, got qk [${qk.shape.join(', ')}], v [${v.shape.join(', ')}], batch ` +
        `${String(batch)}, heads ${String(heads)}`,
    );
  return { batch, heads, length: rows / batch, headDim: width / heads };
}

export const attention: KernelFunc = ({ inputs, backend, attrs }) => {
  const { qk, cos, sin, v, keyMask } = inputs as Record<string, TensorInfo | undefined>;
  if (qk === undefined || cos === undefined || sin === undefined || v === undefined)
    throw new Error(`${ATTENTION_KERNEL} takes inputs qk, cos, sin and v (and keyMask)`);
  const l = layoutOf(qk, v, attrs?.batch, attrs?.heads);
  if (cos.shape.join() !== qk.shape.join() || sin.shape.join() !== qk.shape.join())
    throw new Error(
      `${ATTENTION_KERNEL}: cos and sin must be qk's shape [${qk.shape.join(', ')}], got ` +
        `[${cos.shape.join(', ')}] and [${sin.shape.join(', ')}]`,
    );
  const { batch, heads, length, headDim } = l;
  const count = batch * heads;
  if (keyMask !== undefined && keyMask.shape.join() !== [count, 1, length].join())
    throw new Error(
      `${ATTENTION_KERNEL}: keyMask must be [${count}, 1, ${length}], got [${keyMask.shape.join(', ')}]`,
    );
  const wasm = backend as WasmBackend;
  const block = length * headDim;
  const mixed = wasm.makeOutput(v.shape, 'float32');
  const weights = wasm.makeOutput([count, length, length], 'float32');
  // q, k transposed, v and the mixed values, head by head, then the scores.
  const scratch = wasm.makeOutput([4 * count * block + count * length * length], 'float32');
  const at = heapOffset(wasm, scratch);
  const [qAt, kAt, vAt, mixedAt, scoresAt] = [0, 1, 2, 3, 4].map(
    (i) => at + 4 * i * count * block,
  ) as [number, number, number, number, number];
  const all = heapFloats(wasm, scratch);
  const part = (i: number) => all.subarray(i * count * block, (i + 1) * count * block);
  const [qkF, cosF, sinF, vF] = [qk, cos, sin, v].map((t) => heapFloats(wasm, t)) as Float32Array[];
  splitHeads(
    { qk: qkF!, cos: cosF!, sin: sinF!, v: vF! },
    { q: part(0), kT: part(1), v: part(2) },
    l,
  );
  const weightsAt = heapOffset(wasm, weights);
  const matMul = { count, rows: length };
  xnnMatMuls(wasm, {
    ...matMul,
    aAt: qAt,
    bAt: kAt,
    outAt: scoresAt,
    inner: headDim,
    cols: length,
  });
  // Views again from here: XNNPACK may have grown the heap.
  if (keyMask !== undefined)
    maskRows(
      heapFloats(wasm, scratch).subarray(4 * count * block),
      heapFloats(wasm, keyMask),
      length,
    );
  xnnSoftmax(wasm, { xAt: scoresAt, outAt: weightsAt }, count * length, length);
  xnnMatMuls(wasm, {
    ...matMul,
    aAt: weightsAt,
    bAt: vAt,
    outAt: mixedAt,
    inner: length,
    cols: headDim,
  });
  const perHead = heapFloats(wasm, scratch).subarray(3 * count * block, 4 * count * block);
  joinHeads(perHead, heapFloats(wasm, mixed), l);
  wasm.disposeData(scratch.dataId);
  return [mixed, weights];
};

export const attentionConfig: KernelConfig = {
  kernelName: ATTENTION_KERNEL,
  backendName: 'wasm',
  kernelFunc: attention,
};
