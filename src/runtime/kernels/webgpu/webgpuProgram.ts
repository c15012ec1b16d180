// What the model's WebGPU kernels share: the slice of tfjs-backend-webgpu's backend they call, and
// how a program of theirs is laid out. tfjs-backend-webgpu wraps each program's WGSL (its
// getUserCode) in a header of its own: a storage array per input named as in variableNames, the
// output array `result`, a `uniforms` struct (shapes, strides, `size` when asked, then the
// program's own fields) and a `_start` entry that calls the user code's `fn main(index : i32)` with
// the global invocation index. The pipeline layout is 'auto', so every input and the uniforms must
// be read by the WGSL, or binding them fails.
//
// Types only from the backend package: importing it would load it, and the worker imports it only
// when WebGPU is tried (worker/tfBackend.ts).
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** A uniform the program adds after the backend's own (WGSL type i32 or f32). */
export interface ProgramUniform {
  type: 'int32' | 'float32';
  data: number[];
}

/** The WebGPU backend's methods the kernels use (WebGPUBackend's, typed here so that tests can
 *  record the programs without a GPU). */
export interface ProgramRunner {
  runWebGPUProgram(
    program: WebGPUProgram,
    inputs: TensorInfo[],
    outputDtype: DataType,
    programDefinedUniform?: ProgramUniform[],
  ): TensorInfo;
}

/** Invocations per workgroup of every program here: tfjs' own row kernels (softmax) use 64 below
 *  4,096 columns, and the model's rows are a few hundred wide at most. */
export const WORKGROUP = 64;

/** What every program here shares: its output over `outputShape`, its invocations in `workgroups`
 *  workgroups of WORKGROUP along x, each invocation told its flat index (tfjs reshapes a dispatch
 *  past the 65,535 limit into 2D and still passes the flat index, so `index / WORKGROUP` stays the
 *  workgroup's number). A program names its inputs, uniforms and shader key and writes its WGSL. */
export abstract class FlatProgram implements WebGPUProgram {
  abstract variableNames: string[];
  abstract shaderKey: string;
  outputShape: number[];
  dispatchLayout: WebGPUProgram['dispatchLayout'];
  dispatch: WebGPUProgram['dispatch'];
  workgroupSize: WebGPUProgram['workgroupSize'] = [WORKGROUP, 1, 1];

  constructor(outputShape: number[], workgroups: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, axis) => axis) };
    this.dispatch = [Math.max(1, workgroups), 1, 1];
  }

  abstract getUserCode(): string;
}

/** Runs a row program (a workgroup per row of x's last axis, uniforms `rows : i32, width : i32,`
 *  and then `extra`) on x. */
export function runRowProgram(
  backend: unknown,
  makeProgram: (shape: number[], rows: number) => WebGPUProgram,
  x: TensorInfo,
  extra: ProgramUniform[] = [],
): TensorInfo {
  const { rows, width } = rowsOf(x.shape);
  return (backend as ProgramRunner).runWebGPUProgram(makeProgram(x.shape, rows), [x], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [width] },
    ...extra,
  ]);
}

/** A tensor as rows of its last axis: their count and width (no rows when the width is 0). */
export function rowsOf(shape: readonly number[]): { rows: number; width: number } {
  const width = shape[shape.length - 1] ?? 1;
  return { rows: width === 0 ? 0 : sizeOf(shape) / width, width };
}

/** Elements of a shape. */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** WGSL: sums `value` over the workgroup's WORKGROUP invocations (invocation `tid`) through the
 *  workgroup array `reduceBuffer`; every invocation gets the sum. Call from uniform control flow only
 *  (it holds barriers). */
export const WORKGROUP_SUM_WGSL = `
var<workgroup> reduceBuffer : array<f32, ${WORKGROUP}>;
fn workgroupSum(value : f32, tid : u32) -> f32 {
  reduceBuffer[tid] = value;
  workgroupBarrier();
  for (var span = ${WORKGROUP / 2}u; span > 0u; span = span >> 1u) {
    if (tid < span) {
      reduceBuffer[tid] = reduceBuffer[tid] + reduceBuffer[tid + span];
    }
    workgroupBarrier();
  }
  let total = reduceBuffer[0];
  workgroupBarrier();
  return total;
}
fn workgroupMax(value : f32, tid : u32) -> f32 {
  reduceBuffer[tid] = value;
  workgroupBarrier();
  for (var span = ${WORKGROUP / 2}u; span > 0u; span = span >> 1u) {
    if (tid < span) {
      reduceBuffer[tid] = max(reduceBuffer[tid], reduceBuffer[tid + span]);
    }
    workgroupBarrier();
  }
  let total = reduceBuffer[0];
  workgroupBarrier();
  return total;
}
`;
