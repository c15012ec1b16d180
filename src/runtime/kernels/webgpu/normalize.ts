// The model's LayerNorm without gamma and beta, (x - mean) / sqrt(var + eps) over the last axis
// (src/model/ops.ts, normalize), as one WebGPU dispatch: a workgroup per row sums the row, then its
// squared deviations, where tfjs runs seven kernels (Mean, Sub, Square, Mean, Add, Rsqrt, Mul), each
// a dispatch of its own (the two Means a workgroup per output).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { NORMALIZE_KERNEL } from '../../../model/ops';
import { WORKGROUP, WORKGROUP_SUM_WGSL, FlatProgram, runRowProgram } from './webgpuProgram';

/** new NormalizeProgram(shape, rows): a workgroup per row. */
export class NormalizeProgram extends FlatProgram {
  variableNames = ['x'];
  uniforms = 'rows : i32, width : i32, eps : f32,';
  // runWebGPUProgram extends the key with the shapes' ranks and dtypes.
  shaderKey = 'exlmNormalize';

  getUserCode(): string {
    return `
${WORKGROUP_SUM_WGSL}
fn main(index : i32) {
  let row = index / ${WORKGROUP};
  let tid = u32(index % ${WORKGROUP});
  let width = uniforms.width;
  let inRange = row < uniforms.rows;
  let start = row * width;
  var sum = 0.0;
  if (inRange) {
    for (var c = i32(tid); c < width; c = c + ${WORKGROUP}) {
      sum = sum + x[start + c];
    }
  }
  let mean = workgroupSum(sum, tid) / f32(width);
  var squares = 0.0;
  if (inRange) {
    for (var c = i32(tid); c < width; c = c + ${WORKGROUP}) {
      let centered = x[start + c] - mean;
      squares = squares + centered * centered;
    }
  }
  let scale = inverseSqrt(workgroupSum(squares, tid) / f32(width) + uniforms.eps);
  if (inRange) {
    for (var c = i32(tid); c < width; c = c + ${WORKGROUP}) {
      result[start + c] = (x[start + c] - mean) * scale;
    }
  }
}
`;
  }
}

const normalize: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const eps = attrs?.eps;
  if (typeof eps !== 'number') throw new Error(`${NORMALIZE_KERNEL} needs a number eps`);
  return runRowProgram(backend, (shape, rows) => new NormalizeProgram(shape, rows), x, [
    { type: 'float32', data: [eps] },
  ]);
};

export const normalizeWebGpuConfig: KernelConfig = {
  kernelName: NORMALIZE_KERNEL,
  backendName: 'webgpu',
  kernelFunc: normalize,
};
