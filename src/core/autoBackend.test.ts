import { describe, expect, it } from 'vitest';

import { type AdapterReport, fastestOf, planAutoBackend, withoutBroken } from './autoBackend';

const ALL = { webgpu: true, webgl: true, wasm: true, cpu: true };
const GPU = { kind: 'hardware', name: 'NVIDIA GeForce RTX 3060' } as const;
const SWIFTSHADER = { kind: 'software', name: 'SwiftShader' } as const;
const UNKNOWN = { kind: 'unknown', name: '' } as const;
const adapters = (
  webgpu: AdapterReport['webgpu'],
  webgl: AdapterReport['webgl'],
): AdapterReport => ({ webgpu, webgl });

describe('planAutoBackend', () => {
  it('takes WebGPU on a real GPU without timing anything', () => {
    const plan = planAutoBackend(ALL, adapters(GPU, SWIFTSHADER));
    expect(plan.choice).toEqual({ backend: 'webgpu', by: 'gpu', timings: [], skipped: [] });
    expect(plan.toTime).toEqual([]);
  });

  it('takes WebGL on a real GPU where WebGPU is missing', () => {
    const plan = planAutoBackend({ ...ALL, webgpu: false }, adapters(null, GPU));
    expect(plan.choice).toMatchObject({ backend: 'webgl', by: 'gpu' });
  });

  it('on a software WebGPU adapter times WebAssembly and WebGL, and says why not WebGPU', () => {
    const plan = planAutoBackend(ALL, adapters(SWIFTSHADER, SWIFTSHADER));
    expect(plan.choice).toBeNull();
    expect(plan.toTime).toEqual(['wasm', 'webgl']);
    expect(plan.skipped).toEqual([
      { backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' },
    ]);
  });

  it('times WebGPU too when its adapter cannot be told', () => {
    expect(planAutoBackend(ALL, adapters(UNKNOWN, GPU)).toTime).toEqual([
      'wasm',
      'webgl',
      'webgpu',
    ]);
    expect(planAutoBackend(ALL, adapters(UNKNOWN, null)).toTime).toEqual(['wasm', 'webgpu']);
  });

  it('times WebGL on a real GPU when WebGPU is there but software', () => {
    const plan = planAutoBackend(ALL, adapters(SWIFTSHADER, GPU));
    expect(plan.toTime).toEqual(['wasm', 'webgl']);
  });

  it('takes the one candidate left without timing, and keeps what it skipped', () => {
    const plan = planAutoBackend({ ...ALL, webgl: false }, adapters(SWIFTSHADER, null));
    expect(plan.choice).toEqual({
      backend: 'wasm',
      by: 'only',
      timings: [],
      skipped: [{ backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' }],
    });
  });

  it('says when WebGPU has no adapter, and never times the CPU backend beside WebAssembly', () => {
    const plan = planAutoBackend(ALL, adapters(null, SWIFTSHADER));
    expect(plan.skipped).toEqual([{ backend: 'webgpu', reason: 'no-adapter', adapter: '' }]);
    expect(plan.toTime).toEqual(['wasm', 'webgl']);
    const noWasm = planAutoBackend({ ...ALL, wasm: false }, adapters(SWIFTSHADER, SWIFTSHADER));
    expect(noWasm.toTime).toEqual(['webgl', 'cpu']);
  });

  it('falls back to the CPU backend when nothing else is there', () => {
    const none = { webgpu: false, webgl: false, wasm: false, cpu: true };
    expect(planAutoBackend(none, adapters(null, null)).choice).toMatchObject({
      backend: 'cpu',
      by: 'only',
    });
  });

  it('leaves out a backend that broke this session', () => {
    const support = withoutBroken(ALL, ['webgpu']);
    expect(support).toEqual({ webgpu: false, webgl: true, wasm: true, cpu: true });
    expect(planAutoBackend(support, adapters(GPU, GPU)).choice).toMatchObject({
      backend: 'webgl',
      by: 'gpu',
    });
  });
});

describe('the timing', () => {
  it('picks the fastest median, the first timed on a tie, and ignores failures', () => {
    expect(
      fastestOf([
        { backend: 'wasm', ms: 15, runsMs: [15] },
        { backend: 'webgl', ms: 205, runsMs: [205] },
      ]),
    ).toBe('wasm');
    expect(
      fastestOf([
        { backend: 'wasm', error: 'no WebAssembly' },
        { backend: 'webgl', ms: 205, runsMs: [205] },
        { backend: 'webgpu', ms: 1400, runsMs: [1400] },
      ]),
    ).toBe('webgl');
    expect(
      fastestOf([
        { backend: 'wasm', ms: 15, runsMs: [15] },
        { backend: 'webgl', ms: 15, runsMs: [15] },
      ]),
    ).toBe('wasm');
    expect(fastestOf([{ backend: 'webgl', error: 'context lost' }])).toBeNull();
    expect(fastestOf([])).toBeNull();
  });
});
