import { describe, expect, it } from 'vitest';

import { classifyWebGlRenderer, classifyWebGpuAdapter } from './adapterKind';

const gpu = (facts: Partial<Parameters<typeof classifyWebGpuAdapter>[0]>) =>
  classifyWebGpuAdapter({
    vendor: '',
    architecture: '',
    device: '',
    description: '',
    isFallbackAdapter: false,
    ...facts,
  });

describe('classifyWebGpuAdapter', () => {
  it("knows Chromium's SwiftShader adapter by its architecture and its fallback flag", () => {
    // What headless Chromium 156 reports with --use-webgpu-adapter=swiftshader.
    expect(gpu({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true })).toEqual(
      { kind: 'software', name: 'SwiftShader' },
    );
    expect(gpu({ description: 'SwiftShader Device (Subzero)' })).toEqual({
      kind: 'software',
      name: 'SwiftShader',
    });
  });

  it('knows the other software rasterisers by name', () => {
    expect(gpu({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).name).toBe(
      'llvmpipe',
    );
    expect(gpu({ description: 'Microsoft Basic Render Driver' })).toEqual({
      kind: 'software',
      name: 'Microsoft Basic Render Driver',
    });
    expect(gpu({ device: 'lavapipe' }).kind).toBe('software');
  });

  it('takes a fallback adapter for software even when its name says nothing', () => {
    expect(gpu({ vendor: 'acme', isFallbackAdapter: true })).toEqual({
      kind: 'software',
      name: 'acme',
    });
  });

  it('takes a named adapter that is not a fallback for a real GPU', () => {
    expect(gpu({ vendor: 'nvidia', architecture: 'ampere' })).toEqual({
      kind: 'hardware',
      name: 'nvidia ampere',
    });
    expect(gpu({ vendor: 'apple', description: 'Apple M2' })).toEqual({
      kind: 'hardware',
      name: 'Apple M2',
    });
  });

  it('cannot tell an adapter that keeps its identity to itself', () => {
    expect(gpu({})).toEqual({ kind: 'unknown', name: '' });
    expect(gpu({ vendor: '  ' })).toEqual({ kind: 'unknown', name: '' });
  });
});

describe('classifyWebGlRenderer', () => {
  it('knows the software renderers', () => {
    // Headless Chromium's ANGLE on SwiftShader, as this machine reports it.
    expect(
      classifyWebGlRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toEqual({ kind: 'software', name: 'SwiftShader' });
    expect(classifyWebGlRenderer('Google SwiftShader').name).toBe('SwiftShader');
    expect(classifyWebGlRenderer('llvmpipe (LLVM 12.0.0, 256 bits)').name).toBe('llvmpipe');
    expect(
      classifyWebGlRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0)'),
    ).toEqual({ kind: 'software', name: 'Microsoft Basic Render Driver' });
    expect(classifyWebGlRenderer('Apple Software Renderer').name).toBe('Apple Software Renderer');
    expect(classifyWebGlRenderer('Software Rasterizer')).toEqual({
      kind: 'software',
      name: 'a software renderer',
    });
  });

  it('takes any other named renderer for a real GPU', () => {
    const name = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';
    expect(classifyWebGlRenderer(name)).toEqual({ kind: 'hardware', name });
    expect(classifyWebGlRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)').kind).toBe('hardware');
  });

  it('cannot tell a masked or missing renderer', () => {
    expect(classifyWebGlRenderer(null)).toEqual({ kind: 'unknown', name: '' });
    expect(classifyWebGlRenderer('WebKit WebGL')).toEqual({ kind: 'unknown', name: '' });
    expect(classifyWebGlRenderer('')).toEqual({ kind: 'unknown', name: '' });
  });
});
