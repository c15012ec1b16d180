import { describe, expect, it } from 'vitest';

import { BACKEND_ORDER, parseBackendName } from '../../core/backends';
import { backendCandidates, detectBackendSupport } from './backendChoice';

const ALL = { webgpu: true, webgl: true, wasm: true, cpu: true };

describe('backendCandidates', () => {
  it('follows the design order when nothing is preferred', () => {
    expect(backendCandidates(ALL)).toEqual([...BACKEND_ORDER]);
  });
  it('puts a supported preference first and keeps the rest as fallbacks', () => {
    expect(backendCandidates(ALL, 'wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });
  it('ignores an unsupported preference', () => {
    expect(backendCandidates({ ...ALL, webgpu: false }, 'webgpu')).toEqual([
      'webgl',
      'wasm',
      'cpu',
    ]);
  });
  it('skips excluded backends (those that failed)', () => {
    expect(backendCandidates(ALL, null, ['webgpu', 'webgl'])).toEqual(['wasm', 'cpu']);
    expect(
      backendCandidates({ webgpu: true, webgl: false, wasm: false, cpu: false }, null, ['webgpu']),
    ).toEqual([]);
  });
});

describe('detectBackendSupport', () => {
  it('reads WebGPU, OffscreenCanvas and WebAssembly from the environment', () => {
    expect(detectBackendSupport({})).toEqual({
      webgpu: false,
      webgl: false,
      wasm: false,
      cpu: true,
    });
    expect(
      detectBackendSupport({ navigator: { gpu: {} }, OffscreenCanvas: class {}, WebAssembly: {} }),
    ).toEqual(ALL);
  });
});

describe('parseBackendName', () => {
  it('accepts valid names and lists them when rejecting', () => {
    expect(parseBackendName('wasm')).toBe('wasm');
    expect(() => parseBackendName('metal')).toThrow('use one of webgpu, webgl, wasm, cpu');
  });
});
