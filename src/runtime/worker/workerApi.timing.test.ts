// "Best available" in the worker: the adapters decide at start, and timeBackends times the
// candidates on a loaded model and settles on the fastest. The clock is fake: each backend's
// analysis advances it by that backend's cost, so the timings are exact.
import { describe, expect, it, vi } from 'vitest';

import type { AdapterReport, AutoBackendState } from '../../core/autoBackend';
import type { BackendName } from '../../core/backends';
import type { Analysis, ModelInfo } from '../../model/types';
import type { ModelLocation, RuntimeListener } from '../protocol';
import type { LoadedModel } from './modelPort';
import { type WorkerEffects, createWorkerApi } from './workerApi';

const ALL = { webgpu: true, webgl: true, wasm: true, cpu: true };
const SOFTWARE: AdapterReport = {
  webgpu: { kind: 'software', name: 'SwiftShader' },
  webgl: { kind: 'software', name: 'SwiftShader' },
};
const GPU: AdapterReport = {
  webgpu: { kind: 'hardware', name: 'NVIDIA GeForce RTX 3060' },
  webgl: { kind: 'hardware', name: 'ANGLE (NVIDIA GeForce RTX 3060)' },
};
const AT = (name: string): ModelLocation => ({ kind: 'url', urlPrefix: `/models/${name}/` });
const REQUEST = { model: 'exlm', text: 'a [MASK] .', topK: 5, attention: false };

interface Loaded {
  name: string;
  backend: BackendName;
  analyzed: string[];
  disposed: boolean;
}

function setup(options: {
  adapters: AdapterReport;
  costMs?: Partial<Record<BackendName, number>>;
  failing?: BackendName[];
}) {
  const cost = { webgpu: 1400, webgl: 205, wasm: 15, cpu: 900, ...options.costMs };
  let clock = 0;
  let backend: BackendName | null = null;
  const loaded: Loaded[] = [];
  const effects: WorkerEffects = {
    support: ALL,
    probeAdapters: vi.fn(async () => options.adapters),
    activateBackend: vi.fn(async (_support, preferred, exclude) => {
      const order: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
      const candidates = [
        ...(preferred === null ? [] : [preferred]),
        ...order.filter((name) => name !== preferred),
      ].filter((name) => !exclude.includes(name));
      const failures = [];
      for (const name of candidates) {
        if (!options.failing?.includes(name)) {
          backend = name;
          return { backend: name, failures };
        }
        failures.push({ backend: name, reason: `${name} is broken here` });
      }
      throw new Error('No tfjs backend could start.');
    }),
    loadModel: vi.fn(async (name: string): Promise<LoadedModel> => {
      const on = backend!;
      const entry: Loaded = { name, backend: on, analyzed: [], disposed: false };
      loaded.push(entry);
      return {
        info: { config: { max_positions: 64 } } as unknown as ModelInfo,
        analyze: async (text) => {
          entry.analyzed.push(text);
          clock += cost[on];
          return { model: name, text } as unknown as Analysis;
        },
        analyzeBatch: async () => {
          throw new Error('not used');
        },
        scoreSlots: async () => {
          throw new Error('not used');
        },
        countTokens: (text) => text.split(' ').length + 2,
        pieceIds: () => [],
        dispose: () => {
          entry.disposed = true;
        },
      };
    }),
    warmUp: async (run) => {
      await run();
    },
    gpuDeviceLost: () => null,
    destroyGpuDevice: () => false,
    now: () => clock,
    memory: () => ({ numTensors: 0, numBytes: 0, jsHeapBytes: null }),
  };
  const listener: RuntimeListener = { backendChanged: vi.fn(), modelFailed: vi.fn() };
  const live = () => loaded.filter((entry) => !entry.disposed);
  return { api: createWorkerApi(effects), effects, loaded, live, listener };
}

describe('"best available" in the worker', () => {
  it('takes WebGPU on a real GPU, without timing', async () => {
    const { api, effects, listener } = setup({ adapters: GPU });
    const report = await api.start(null, listener);
    expect(report.backend).toBe('webgpu');
    expect(report.auto).toEqual({
      phase: 'chosen',
      choice: { backend: 'webgpu', by: 'gpu', timings: [], skipped: [] },
    });
    expect(effects.activateBackend).toHaveBeenCalledWith(ALL, 'webgpu', []);
  });

  it('on a software adapter starts on WebAssembly and says the timing is due', async () => {
    const { api, listener } = setup({ adapters: SOFTWARE });
    const report = await api.start(null, listener);
    expect(report.backend).toBe('wasm');
    expect(report.auto).toMatchObject({ phase: 'due', plan: { toTime: ['wasm', 'webgl'] } });
  });

  it('never asks the adapters when the user named a backend', async () => {
    const { api, effects, listener } = setup({ adapters: SOFTWARE });
    const report = await api.start('webgpu', listener);
    expect(report).toMatchObject({ backend: 'webgpu', auto: null });
    expect(effects.probeAdapters).not.toHaveBeenCalled();
  });

  it('times each candidate after a warm-up run, settles on the fastest and reloads every model', async () => {
    const { api, loaded, live, listener } = setup({ adapters: SOFTWARE });
    await api.start(null, listener);
    await api.loadModel('exlm', AT('exlm'), 'first text');
    await api.loadModel('mlm', AT('mlm'), 'first text');
    const change = await api.timeBackends(REQUEST);
    const auto = change.backend.auto;
    expect(change.backend.backend).toBe('wasm');
    expect(auto?.phase).toBe('chosen');
    const choice = auto?.phase === 'chosen' ? auto.choice : null;
    expect(choice).toEqual({
      backend: 'wasm',
      by: 'timing',
      timings: [
        { backend: 'wasm', ms: 15, runsMs: [15, 15, 15] },
        { backend: 'webgl', ms: 205, runsMs: [205, 205, 205] },
      ],
      skipped: [{ backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' }],
    });
    // On WebGL: the load's warm-up on the same text, then three timed runs.
    const onWebGl = loaded.find((entry) => entry.backend === 'webgl');
    expect(onWebGl?.analyzed).toEqual([REQUEST.text, REQUEST.text, REQUEST.text, REQUEST.text]);
    expect(loaded.filter((entry) => entry.name === 'mlm' && entry.backend === 'webgl')).toEqual([]);
    // Back on wasm with both models, nothing left on WebGL.
    expect(live().map((entry) => `${entry.name}@${entry.backend}`)).toEqual([
      'exlm@wasm',
      'mlm@wasm',
    ]);
    expect(change.models.map((report) => report.name)).toEqual(['exlm', 'mlm']);
    expect((await api.stats()).backend).toBe('wasm');
  });

  it('moves to a faster WebGL and keeps its timed copy of the model', async () => {
    const { api, live, listener } = setup({ adapters: SOFTWARE, costMs: { webgl: 5 } });
    await api.start(null, listener);
    await api.loadModel('exlm', AT('exlm'), 'w');
    await api.loadModel('mlm', AT('mlm'), 'w');
    const change = await api.timeBackends(REQUEST);
    expect(change.backend.backend).toBe('webgl');
    expect(change.models.map((report) => report.name)).toEqual(['mlm']);
    expect(live().map((entry) => `${entry.name}@${entry.backend}`)).toEqual([
      'exlm@webgl',
      'mlm@webgl',
    ]);
  });

  it('goes back to the timed choice for "best available" after the user chose another', async () => {
    const { api, effects, listener } = setup({ adapters: SOFTWARE, costMs: { webgl: 5 } });
    await api.start(null, listener);
    await api.loadModel('exlm', AT('exlm'), 'w');
    await api.timeBackends(REQUEST);
    expect((await api.switchBackend('wasm')).backend.auto).toBeNull();
    const back = await api.switchBackend(null);
    expect(back.backend.backend).toBe('webgl');
    expect(back.backend.auto).toMatchObject({ phase: 'chosen', choice: { by: 'timing' } });
    expect(effects.probeAdapters).toHaveBeenCalledTimes(1);
  });

  it('records a candidate that cannot start and picks among the others', async () => {
    const { api, listener } = setup({ adapters: SOFTWARE, failing: ['webgl'] });
    await api.start(null, listener);
    await api.loadModel('exlm', AT('exlm'), 'w');
    const change = await api.timeBackends(REQUEST);
    expect(change.backend.backend).toBe('wasm');
    const auto: AutoBackendState | null = change.backend.auto;
    const timings = auto?.phase === 'chosen' ? auto.choice.timings : [];
    expect(timings).toEqual([
      { backend: 'wasm', ms: 15, runsMs: [15, 15, 15] },
      { backend: 'webgl', error: 'No tfjs backend could start.' },
    ]);
  });

  it('times WebGPU too when its adapter says nothing', async () => {
    const { api, listener } = setup({
      adapters: { webgpu: { kind: 'unknown', name: '' }, webgl: null },
    });
    await api.start(null, listener);
    await api.loadModel('exlm', AT('exlm'), 'w');
    const change = await api.timeBackends(REQUEST);
    const auto = change.backend.auto;
    const timed = auto?.phase === 'chosen' ? auto.choice.timings.map((t) => t.backend) : [];
    expect(timed).toEqual(['wasm', 'webgpu']);
    expect(change.backend.backend).toBe('wasm');
  });

  it('names a model that is not loaded', async () => {
    const { api, listener } = setup({ adapters: SOFTWARE });
    await api.start(null, listener);
    await expect(api.timeBackends(REQUEST)).rejects.toThrow('Model "exlm" is not loaded.');
  });
});
