// log-softmax over the last axis (src/model/ops.ts, logSoftmax) as one WebGPU dispatch: a workgroup
// per row finds the row's max, sums exp(x - max), and writes x - max - log(sum), where the
// composite runs six dispatches (Max, Sub, Exp, Sum, Log, Sub) over the [L, V] logits.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { LOG_SOFTMAX_KERNEL } from '../../../model/ops';
import { WORKGROUP, WORKGROUP_SUM_WGSL, FlatProgram, runRowProgram } from './webgpuProgram';

/** new LogSoftmaxProgram(shape, rows): a workgroup per row. */
export class LogSoftmaxProgram extends FlatProgram {
  variableNames = ['logits'];
  uniforms = 'rows : i32, width : i32,';
  // runWebGPUProgram extends the key with the shapes' ranks and dtypes.
  shaderKey = 'exlmLogSoftmax';

  getUserCode(): string {
    return `
${WORKGROUP_SUM_WGSL}
fn main(index : i32) {
  let row = index / ${WORKGROUP};
  let tid = u32(index % ${WORKGROUP});
  let width = uniforms.width;
  let inRange = row < uniforms.rows;
  let start = row * width;
  var rowMax = -3.402823e+38;
  if (inRange) {
    for (var c = i32(tid); c < width; c = c + ${WORKGROUP}) {
      rowMax = max(rowMax, logits[start + c]);
    }
  }
  rowMax = workgroupMax(rowMax, tid);
  var sum = 0.0;
  if (inRange) {
    for (var c = i32(tid); c < width; c = c + ${WORKGROUP}) {
      sum = sum + exp(logits[start + c] - rowMax);
    }
  }
  let logSum = log(workgroupSum(sum, tid));
  if (inRange) {
    for (var c = i32(tid); c < width; c = c + ${WORKGROUP}) {
      result[start + c] = logits[start + c] - rowMax - logSum;
    }
  }
}
`;
  }
}

const logSoftmax: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  return runRowProgram(backend, (shape, rows) => new LogSoftmaxProgram(shape, rows), x);
};

export const logSoftmaxWebGpuConfig: KernelConfig = {
  kernelName: LOG_SOFTMAX_KERNEL,
  backendName: 'webgpu',
  kernelFunc: logSoftmax,
};
