// The model's GELU, z (1 + erf z) (src/model/ops.ts, scaledGelu), as one WebGPU dispatch, where
// tfjs runs three (Erf, Add, Mul). erf is the rational approximation the wasm kernel uses (Eigen's,
// within 6.5e-8 of erf in float64; ../erf.ts), so both backends' kernels compute the same function.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

import { SCALED_GELU_KERNEL } from '../../../model/ops';
import { type ProgramRunner, WORKGROUP, FlatProgram, sizeOf } from './webgpuProgram';

/** WGSL erf(x): Eigen's generic_fast_erf_float, an odd polynomial of degree 13 over an even one of
 *  degree 8 on x clamped to [-4, 4] (the constants of ../erf.ts). */
export const ERF_WGSL = `
fn erfApprox(v : f32) -> f32 {
  let c = clamp(v, -4.0, 4.0);
  let c2 = c * c;
  var p = -2.72614225801306e-10;
  p = p * c2 + 2.77068142495902e-8;
  p = p * c2 - 2.10102402082508e-6;
  p = p * c2 - 5.69250639462346e-5;
  p = p * c2 - 7.34990630326855e-4;
  p = p * c2 - 2.95459980854025e-3;
  p = p * c2 - 1.60960333262415e-2;
  var q = -1.45660718464996e-5;
  q = q * c2 - 2.13374055278905e-4;
  q = q * c2 - 1.68282697438203e-3;
  q = q * c2 - 7.37332916720468e-3;
  q = q * c2 - 1.42647390514189e-2;
  return c * p / q;
}
`;

export class ScaledGeluProgram extends FlatProgram {
  variableNames = ['z'];
  size = true; // uniforms.size: the element count
  // runWebGPUProgram extends the key with the shapes' ranks and dtypes.
  shaderKey = 'exlmScaledGelu';

  /** An invocation per element. */
  constructor(shape: number[]) {
    super(shape, Math.ceil(sizeOf(shape) / WORKGROUP));
  }

  getUserCode(): string {
    return `
${ERF_WGSL}
fn main(index : i32) {
  if (index < uniforms.size) {
    let v = z[index];
    result[index] = v * (1.0 + erfApprox(v));
  }
}
`;
  }
}

const scaledGelu: KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  const program = new ScaledGeluProgram(x.shape);
  return (backend as unknown as ProgramRunner).runWebGPUProgram(program, [x], 'float32');
};

export const scaledGeluWebGpuConfig: KernelConfig = {
  kernelName: SCALED_GELU_KERNEL,
  backendName: 'webgpu',
  kernelFunc: scaledGelu,
};
