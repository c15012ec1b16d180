import { describe, expect, it } from 'vitest';

import type { AutoPlan } from '../../core/autoBackend';
import { autoBackendText } from './autoBackendText';

const SKIPPED = [{ backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' }] as const;
const PLAN: AutoPlan = {
  choice: null,
  toTime: ['wasm', 'webgl'],
  skipped: [...SKIPPED],
  adapters: { webgpu: null, webgl: null },
};

describe('the line about "best available"', () => {
  it("says nothing for the user's own choice or a real GPU", () => {
    expect(autoBackendText(null)).toBeNull();
    expect(
      autoBackendText({
        phase: 'chosen',
        choice: { backend: 'webgpu', by: 'gpu', timings: [], skipped: [] },
      }),
    ).toBeNull();
  });

  it('says that the backends are being timed', () => {
    expect(autoBackendText({ phase: 'timing', plan: PLAN })).toBe(
      'Timing the backends here: WebAssembly, WebGL…',
    );
    expect(autoBackendText({ phase: 'due', plan: PLAN })).toBe(
      'The backends will be timed here: WebAssembly, WebGL.',
    );
  });

  it('gives the times fastest first, then what was not timed and why', () => {
    expect(
      autoBackendText({
        phase: 'chosen',
        choice: {
          backend: 'wasm',
          by: 'timing',
          timings: [
            { backend: 'webgl', ms: 205.4, runsMs: [205.4] },
            { backend: 'wasm', ms: 14.6, runsMs: [14.6] },
            { backend: 'webgpu', ms: 1420, runsMs: [1420] },
          ],
          skipped: [],
        },
      }),
    ).toBe('Fastest: WebAssembly 15 ms, WebGL 205 ms, WebGPU 1.4 s');
    expect(
      autoBackendText({
        phase: 'chosen',
        choice: {
          backend: 'wasm',
          by: 'timing',
          timings: [
            { backend: 'webgl', error: 'context lost' },
            { backend: 'wasm', ms: 15, runsMs: [15] },
          ],
          skipped: [...SKIPPED],
        },
      }),
    ).toBe(
      'Fastest: WebAssembly 15 ms, WebGL failed (context lost); WebGPU not timed (software: SwiftShader)',
    );
  });

  it('says when one candidate was left, or none could be timed', () => {
    expect(
      autoBackendText({
        phase: 'chosen',
        choice: { backend: 'wasm', by: 'only', timings: [], skipped: [...SKIPPED] },
      }),
    ).toBe('Only candidate: WebAssembly; WebGPU not timed (software: SwiftShader)');
    expect(
      autoBackendText({
        phase: 'chosen',
        choice: {
          backend: 'cpu',
          by: 'timing',
          timings: [{ backend: 'wasm', error: 'no memory' }],
          skipped: [{ backend: 'webgpu', reason: 'no-adapter', adapter: '' }],
        },
      }),
    ).toBe(
      'No backend could be timed (WebAssembly failed (no memory)); CPU (plain JavaScript) is used; WebGPU has no adapter',
    );
  });
});
