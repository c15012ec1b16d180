// The WebGPU kernels' programs as the backend would receive them, recorded by a stand-in for its
// runWebGPUProgram (Node has no WebGPU): shapes, dispatches, uniforms, and the messages for inputs
// they cannot take. Their arithmetic is checked in Chromium on SwiftShader, against the composites
// and the golden outputs (e2e/webgpu-kernels.spec.ts).
import {
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
  getKernel,
} from '@tensorflow/tfjs-core';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ATTENTION_KERNEL,
  LOG_SOFTMAX_KERNEL,
  NORMALIZE_KERNEL,
  SCALED_GELU_KERNEL,
} from '../../../model/ops';
import type { ProgramUniform } from './webgpuProgram';
import { registerWebGpuKernels, unregisterWebGpuKernels } from './webgpuKernels';

interface Recorded {
  program: WebGPUProgram;
  inputs: TensorInfo[];
  uniforms: ProgramUniform[];
}

/** Runs kernel `name` of the webgpu backend against a recorder; returns its outputs and runs. */
function record(name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}) {
  const runs: Recorded[] = [];
  const backend = {
    runWebGPUProgram(program: WebGPUProgram, ins: TensorInfo[], dtype: string, u = []) {
      runs.push({ program, inputs: ins, uniforms: u });
      return { dataId: {}, shape: program.outputShape, dtype } as TensorInfo;
    },
  };
  const kernel = getKernel(name, 'webgpu');
  if (kernel === undefined) throw new Error(`${name} is not registered for webgpu`);
  const kernelFunc = kernel.kernelFunc as KernelFunc;
  const outputs = kernelFunc({ inputs, backend: backend as never, attrs });
  return { outputs: ([] as TensorInfo[]).concat(outputs), runs };
}

const info = (shape: number[]): TensorInfo => ({ dataId: {}, shape, dtype: 'float32' });

describe('the model kernels for webgpu', () => {
  beforeAll(registerWebGpuKernels);
  afterAll(unregisterWebGpuKernels);

  it('registers and removes its kernels idempotently', () => {
    registerWebGpuKernels();
    for (const name of [NORMALIZE_KERNEL, SCALED_GELU_KERNEL, ATTENTION_KERNEL, LOG_SOFTMAX_KERNEL])
      expect(getKernel(name, 'webgpu')?.backendName).toBe('webgpu');
    unregisterWebGpuKernels();
    unregisterWebGpuKernels();
    expect(getKernel(NORMALIZE_KERNEL, 'webgpu')).toBeUndefined();
    registerWebGpuKernels();
  });

  it('normalize: one program, a workgroup per row, rows, width and eps as uniforms', () => {
    const { outputs, runs } = record(NORMALIZE_KERNEL, { x: info([1, 39, 192]) }, { eps: 1e-5 });
    expect(runs).toHaveLength(1);
    const { program, uniforms } = runs[0]!;
    expect(program.outputShape).toEqual([1, 39, 192]);
    expect(program.dispatch).toEqual([39, 1, 1]);
    expect(uniforms.map((u) => u.data[0])).toEqual([39, 192, 1e-5]);
    expect(outputs[0]!.shape).toEqual([1, 39, 192]);
  });

  it('normalize needs its eps', () => {
    expect(() => record(NORMALIZE_KERNEL, { x: info([2, 4]) })).toThrow(/needs a number eps/);
  });

  it('logSoftmax: one program, a workgroup per row of the [L, V] logits', () => {
    const { outputs, runs } = record(LOG_SOFTMAX_KERNEL, { x: info([20, 8000]) });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.program.dispatch).toEqual([20, 1, 1]);
    expect(runs[0]!.uniforms.map((u) => u.data[0])).toEqual([20, 8000]);
    expect(outputs[0]!.shape).toEqual([20, 8000]);
  });

  it('scaledGelu: one program, an invocation per element', () => {
    const { runs } = record(SCALED_GELU_KERNEL, { x: info([1, 39, 768]) });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.program.dispatch).toEqual([Math.ceil((39 * 768) / 64), 1, 1]);
    expect(runs[0]!.program.getUserCode()).toContain('erfApprox');
  });

  const qkv = (rows: number, heads: number, dh: number) => ({
    qk: info([1, rows, 2 * heads * dh]),
    cos: info([1, rows, 2 * heads * dh]),
    sin: info([1, rows, 2 * heads * dh]),
    v: info([1, rows, heads * dh]),
  });

  it('attention: the weights then the mixed values, from the weights it made', () => {
    const inputs = { ...qkv(2 * 40, 4, 48), keyMask: info([8, 1, 40]) };
    const { outputs, runs } = record(ATTENTION_KERNEL, inputs, { batch: 2, heads: 4 });
    expect(runs).toHaveLength(2);
    const [weights, mixed] = runs;
    expect(weights!.program.outputShape).toEqual([8, 40, 40]);
    expect(weights!.program.dispatch).toEqual([8 * 5, 1, 1]); // a workgroup per 8 query rows
    expect(weights!.inputs).toEqual([inputs.qk, inputs.cos, inputs.sin, inputs.keyMask]);
    expect(weights!.uniforms.map((u) => u.data[0])).toEqual([2, 4, 40, 48]);
    expect(mixed!.program.outputShape).toEqual([1, 80, 192]);
    expect(mixed!.inputs[1]).toBe(inputs.v);
    expect(outputs.map((o) => o.shape)).toEqual([
      [1, 80, 192],
      [8, 40, 40],
    ]);
    // The mask is part of the program, and so of its key.
    const open = record(ATTENTION_KERNEL, qkv(80, 4, 48), { batch: 2, heads: 4 }).runs[0]!;
    expect(open.inputs).toHaveLength(3);
    expect(open.program.shaderKey).not.toBe(weights!.program.shaderKey);
  });

  it('attention refuses inputs it cannot split into heads, saying what it got', () => {
    expect(() => record(ATTENTION_KERNEL, qkv(10, 2, 8), { batch: 3, heads: 2 })).toThrow(
      /got qk \[1, 10, 32\], v \[1, 10, 16\], batch 3, heads 2/,
    );
    expect(() => record(ATTENTION_KERNEL, qkv(10, 2, 6), { batch: 1, heads: 2 })).toThrow(
      /dh a multiple of 4/,
    );
    const inputs = { ...qkv(10, 2, 8), keyMask: info([2, 1, 5]) };
    expect(() => record(ATTENTION_KERNEL, inputs, { batch: 1, heads: 2 })).toThrow(
      /keyMask must be \[2, 1, 10\]/,
    );
  });
});
