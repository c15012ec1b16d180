// RoPE and softmax(q k^T + keyMask) v for every head (src/model/ops.ts, attention) in two WebGPU
// dispatches, where the composite takes a second matmul for swap(qk) and some twelve dispatches
// more (RoPE's Mul, Mul and Add, the transposes and slices into heads, two batched matmuls, the
// mask's Add, the softmax and the transpose back):
// 1. the weights [B * H, T, T]: a workgroup per 8 query rows of a head rotates its queries into
//    workgroup memory, each invocation scores keys against all 8 (each key rotated as it is read,
//    swap(qk) read from qk's own columns), adds the key mask, and the workgroup softmaxes the rows;
// 2. the mixed values [1, B * T, H dh]: an invocation per output, the weights times v, written
//    straight into rows.
// Two outputs, so two programs: tfjs-backend-webgpu runs one output per program.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { ATTENTION_KERNEL } from '../../../model/ops';
import {
  type ProgramRunner,
  type ProgramUniform,
  WORKGROUP,
  WORKGROUP_SUM_WGSL,
  FlatProgram,
  sizeOf,
} from './webgpuProgram';

/** B sequences of T rows, H heads of dh components. */
export interface AttentionLayout {
  batch: number;
  heads: number;
  length: number;
  headDim: number;
}

/** The layout from qk [1, B * T, 2 H dh], v [1, B * T, H dh] and the attrs; throws on anything
 *  else, saying what it got. */
export function attentionLayout(
  qk: TensorInfo,
  v: TensorInfo,
  batch: unknown,
  heads: unknown,
): AttentionLayout {
  const [one, rows, qkWidth] = qk.shape;
  const [vOne, vRows, width] = v.shape;
  if (
    typeof batch !== 'number' ||
    typeof heads !== 'number' ||
    !Number.isInteger(batch) ||
    !Number.isInteger(heads) ||
    batch < 1 ||
    heads < 1 ||
    qk.shape.length !== 3 ||
    v.shape.length !== 3 ||
    one !== 1 ||
    vOne !== 1 ||
    rows === undefined ||
    width === undefined ||
    rows !== vRows ||
    qkWidth !== 2 * width ||
    rows % batch !== 0 ||
    width % heads !== 0 ||
    (width / heads) % 4 !== 0
  )
    throw new Error(
      `${ATTENTION_KERNEL} takes qk [1, B * T, 2 H dh] and v [1, B * T, H dh] (dh a multiple of ` +
        `4) with whole-number attrs batch and heads, got qk [${qk.shape.join(', ')}], v ` +
        `[${v.shape.join(', ')}], batch ${String(batch)}, heads ${String(heads)}`,
    );
  return { batch, heads, length: rows / batch, headDim: width / heads };
}

/** Query rows a workgroup scores together: each key is rotated once per block rather than once
 *  per query, and its score against every query of the block added up in registers. */
const QUERIES_PER_WORKGROUP = 8;

const layoutUniforms = 'batch : i32, heads : i32, tokens : i32, headDim : i32,';
const layoutData = (l: AttentionLayout): ProgramUniform[] =>
  [l.batch, l.heads, l.length, l.headDim].map((n) => ({ type: 'int32', data: [n] }));

/** softmax(rope(q) rope(k)^T + keyMask) per head and query: [B * H, T, T]. */
export class AttentionWeightsProgram extends FlatProgram {
  variableNames: string[];
  uniforms = layoutUniforms;
  shaderKey: string;
  private readonly headDim: number;
  private readonly masked: boolean;

  /** A workgroup per QUERIES_PER_WORKGROUP query rows of each head; dh is baked into the WGSL
   *  (the queries' workgroup array), so it is part of the key. */
  constructor(l: AttentionLayout, masked: boolean) {
    const blocks = Math.ceil(l.length / QUERIES_PER_WORKGROUP);
    super([l.batch * l.heads, l.length, l.length], l.batch * l.heads * blocks);
    this.headDim = l.headDim;
    this.masked = masked;
    this.variableNames = masked
      ? ['qk', 'cosines', 'sines', 'keyMask']
      : ['qk', 'cosines', 'sines'];
    this.shaderKey = `exlmAttentionWeights_${l.headDim}_${masked ? 'masked' : 'open'}`;
  }

  getUserCode(): string {
    const dh = this.headDim;
    const q = QUERIES_PER_WORKGROUP;
    return `
${WORKGROUP_SUM_WGSL}
var<workgroup> query : array<f32, ${q * dh}>;
// Within a head, the component that swap() puts at component c: [u1, u2, w1, w2] -> [u2, u1, w2, w1].
fn partner(c : i32) -> i32 {
  let quarter = ${dh / 4};
  return select(c - quarter, c + quarter, (c / quarter) % 2 == 0);
}
// Component c of RoPE(qk) at flat index at (the component's own column): qk cos + swap(qk) sin.
fn rotated(at : i32, c : i32) -> f32 {
  return qk[at] * cosines[at] + qk[at - c + partner(c)] * sines[at];
}
fn main(index : i32) {
  let heads = uniforms.heads;
  let tokens = uniforms.tokens;
  let blocks = (tokens + ${q - 1}) / ${q};
  let tid = u32(index % ${WORKGROUP});
  let group = index / ${WORKGROUP};
  let head = group / blocks; // b * H + h
  let first = (group % blocks) * ${q}; // the block's first query
  let inRange = head < uniforms.batch * heads;
  let b = head / heads;
  let h = head % heads;
  let qkWidth = 2 * heads * ${dh};
  if (inRange) {
    for (var i = i32(tid); i < ${q * dh}; i = i + ${WORKGROUP}) {
      // A block past the last query repeats it; its rows are never written.
      let t = min(first + i / ${dh}, tokens - 1);
      query[i] = rotated((b * tokens + t) * qkWidth + h * ${dh} + i % ${dh}, i % ${dh});
    }
  }
  workgroupBarrier();
  var rowMax : array<f32, ${q}>;
  for (var r = 0; r < ${q}; r = r + 1) {
    rowMax[r] = -3.402823e+38;
  }
  if (inRange) {
    for (var j = i32(tid); j < tokens; j = j + ${WORKGROUP}) {
      let kAt = (b * tokens + j) * qkWidth + (heads + h) * ${dh};
      // Zeroed by hand: on SwiftShader the bare declaration kept the previous key's scores (the
      // kernel check over 70 keys, two keys per invocation, failed without this).
      var scores : array<f32, ${q}>;
      for (var r = 0; r < ${q}; r = r + 1) {
        scores[r] = 0.0;
      }
      for (var c = 0; c < ${dh}; c = c + 1) {
        let key = rotated(kAt + c, c);
        for (var r = 0; r < ${q}; r = r + 1) {
          scores[r] = scores[r] + query[r * ${dh} + c] * key;
        }
      }
      let mask = ${this.masked ? 'keyMask[head * tokens + j]' : '0.0'};
      for (var r = 0; r < ${q}; r = r + 1) {
        if (first + r < tokens) {
          let score = scores[r] + mask;
          result[(head * tokens + first + r) * tokens + j] = score;
          rowMax[r] = max(rowMax[r], score);
        }
      }
    }
  }
  for (var r = 0; r < ${q}; r = r + 1) {
    let valid = inRange && first + r < tokens;
    let outAt = (head * tokens + first + r) * tokens;
    let most = workgroupMax(rowMax[r], tid);
    var sum = 0.0;
    if (valid) {
      for (var j = i32(tid); j < tokens; j = j + ${WORKGROUP}) {
        let e = exp(result[outAt + j] - most);
        result[outAt + j] = e;
        sum = sum + e;
      }
    }
    let total = workgroupSum(sum, tid);
    if (valid) {
      for (var j = i32(tid); j < tokens; j = j + ${WORKGROUP}) {
        result[outAt + j] = result[outAt + j] / total;
      }
    }
  }
}
`;
  }
}

/** The weights times v per head, into rows: [1, B * T, H dh]. */
export class AttentionMixProgram extends FlatProgram {
  variableNames = ['weights', 'values'];
  uniforms = layoutUniforms;
  size = true;
  shaderKey = 'exlmAttentionMix';

  /** An invocation per output. */
  constructor(l: AttentionLayout) {
    const shape = [1, l.batch * l.length, l.heads * l.headDim];
    super(shape, Math.ceil(sizeOf(shape) / WORKGROUP));
  }

  getUserCode(): string {
    return `
fn main(index : i32) {
  if (index < uniforms.size) {
    let tokens = uniforms.tokens;
    let headDim = uniforms.headDim;
    let width = uniforms.heads * headDim;
    let row = index / width; // b * T + t
    let h = (index % width) / headDim;
    let b = row / tokens;
    let t = row % tokens;
    let weightsAt = ((b * uniforms.heads + h) * tokens + t) * tokens;
    let valuesAt = b * tokens * width + index % width;
    var mixed = 0.0;
    for (var j = 0; j < tokens; j = j + 1) {
      mixed = mixed + weights[weightsAt + j] * values[valuesAt + j * width];
    }
    result[index] = mixed;
  }
}
`;
  }
}

const attention: KernelFunc = ({ inputs, backend, attrs }) => {
  const { qk, cos, sin, v, keyMask } = inputs as Record<string, TensorInfo | undefined>;
  if (qk === undefined || cos === undefined || sin === undefined || v === undefined)
    throw new Error(`${ATTENTION_KERNEL} takes inputs qk, cos, sin and v (and keyMask)`);
  const l = attentionLayout(qk, v, attrs?.batch, attrs?.heads);
  if (cos.shape.join() !== qk.shape.join() || sin.shape.join() !== qk.shape.join())
    throw new Error(
      `${ATTENTION_KERNEL}: cos and sin must be qk's shape [${qk.shape.join(', ')}], got ` +
        `[${cos.shape.join(', ')}] and [${sin.shape.join(', ')}]`,
    );
  const count = l.batch * l.heads;
  if (keyMask !== undefined && keyMask.shape.join() !== [count, 1, l.length].join())
    throw new Error(
      `${ATTENTION_KERNEL}: keyMask must be [${count}, 1, ${l.length}], got [${keyMask.shape.join(', ')}]`,
    );
  const gpu = backend as unknown as ProgramRunner;
  const uniforms = layoutData(l);
  const weightsProgram = new AttentionWeightsProgram(l, keyMask !== undefined);
  const weightInputs = keyMask === undefined ? [qk, cos, sin] : [qk, cos, sin, keyMask];
  const weights = gpu.runWebGPUProgram(weightsProgram, weightInputs, 'float32', uniforms);
  const mixed = gpu.runWebGPUProgram(new AttentionMixProgram(l), [weights, v], 'float32', uniforms);
  return [mixed, weights];
};

export const attentionWebGpuConfig: KernelConfig = {
  kernelName: ATTENTION_KERNEL,
  backendName: 'webgpu',
  kernelFunc: attention,
};
