import { describe, expect, it, vi } from 'vitest';

import type { BackendName } from '../../core/backends';
import type { Analysis, AnalyzeOptions, ModelInfo } from '../../model/types';
import type { ModelLocation, RuntimeListener } from '../protocol';
import type { LoadedModel } from './modelPort';
import { type WorkerEffects, createWorkerApi } from './workerApi';

const ALL = { webgpu: true, webgl: true, wasm: true, cpu: true };

/** A promise the test resolves by hand, to hold a job in the worker's queue. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A model that counts one token per word (plus [CLS] and [SEP]) and records its analyses. */
class FakeModel implements LoadedModel {
  readonly analyzed: string[] = [];
  disposed = false;
  // Only max_positions is read by the worker; the rest of ModelInfo does not matter here.
  readonly info = { config: { max_positions: 6 } } as unknown as ModelInfo;
  constructor(readonly name: string) {}
  async analyze(text: string, _options: AnalyzeOptions): Promise<Analysis> {
    this.analyzed.push(text);
    return { model: this.name, text } as unknown as Analysis;
  }
  countTokens(text: string): number {
    return text.split(/\s+/).filter(Boolean).length + 2;
  }
  dispose(): void {
    this.disposed = true;
  }
}

function setup(overrides: Partial<WorkerEffects> = {}) {
  const loaded: FakeModel[] = [];
  const gpuLoss = deferred<string>();
  let backend: BackendName = 'webgpu';
  const effects: WorkerEffects = {
    support: ALL,
    activateBackend: vi.fn(async (_support, preferred, exclude) => {
      backend =
        (['webgpu', 'wasm'] as const).find(
          (name) => !exclude.includes(name) && (preferred === null || preferred === name),
        ) ?? 'cpu';
      return { backend, failures: [] };
    }),
    loadModel: vi.fn(async (name: string) => {
      const model = new FakeModel(name);
      loaded.push(model);
      return model;
    }),
    warmUp: async (run) => {
      await run();
    },
    gpuDeviceLost: () => (backend === 'webgpu' ? gpuLoss.promise : null),
    destroyGpuDevice: () => backend === 'webgpu',
    now: () => 0,
    memory: () => ({ numTensors: 7, numBytes: 100, jsHeapBytes: null }),
    ...overrides,
  };
  const listener: RuntimeListener = { backendChanged: vi.fn(), modelFailed: vi.fn() };
  return { api: createWorkerApi(effects), effects, loaded, listener, gpuLoss };
}

const AT = (name: string): ModelLocation => ({ kind: 'url', urlPrefix: `/models/${name}/` });

describe('the model worker', () => {
  it('starts on the preferred backend and loads a model, warmed up', async () => {
    const { api, effects, loaded, listener } = setup();
    expect((await api.start('wasm', listener)).backend).toBe('wasm');
    expect(effects.activateBackend).toHaveBeenCalledWith(ALL, 'wasm', []);
    const report = await api.loadModel('m', AT('m'), 'a [MASK]');
    expect(report.name).toBe('m');
    expect(loaded[0]?.analyzed).toEqual(['a [MASK]']); // the warm-up run
  });

  it('skips analyses superseded while they waited, without computing them', async () => {
    const hold = deferred<void>();
    const models: FakeModel[] = [];
    const { api, listener } = setup({
      loadModel: async (name) => {
        if (name === 'slow') await hold.promise;
        const model = new FakeModel(name);
        models.push(model);
        return model;
      },
    });
    await api.start(null, listener);
    await api.loadModel('m', AT('m'), 'w');
    // Hold the queue with a slow load, then send two analyses: only the newer one runs.
    const slowLoad = api.loadModel('slow', AT('slow'), 'w');
    const first = api.analyze({ seq: 1, text: 'one', models: ['m'], topK: 1, attention: false });
    const second = api.analyze({ seq: 2, text: 'two', models: ['m'], topK: 1, attention: false });
    hold.resolve();
    await slowLoad;
    expect(await first).toEqual({ status: 'superseded', seq: 1 });
    expect((await second).status).toBe('done');
    expect(models[0]?.analyzed).toEqual(['w', 'two']);
  });

  it('runs the twin on the same text and cuts text over the limit at a word', async () => {
    const { api, loaded, listener } = setup();
    await api.start(null, listener);
    await api.loadModel('exlm', AT('exlm'), 'w');
    await api.loadModel('mlm', AT('mlm'), 'w');
    const reply = await api.analyze({
      seq: 1,
      text: 'a b c d e f',
      models: ['exlm', 'mlm'],
      topK: 1,
      attention: false,
    });
    if (reply.status !== 'done') throw new Error('expected a result');
    expect(reply.truncation).toEqual({ limitTokens: 6, keptText: 'a b c d', cutText: 'e f' });
    expect(reply.analyses.map((a) => a.model)).toEqual(['exlm', 'mlm']);
    expect(loaded.map((m) => m.analyzed.at(-1))).toEqual(['a b c d', 'a b c d']);
  });

  it('names a model that is not loaded', async () => {
    const { api, listener } = setup();
    await api.start(null, listener);
    await expect(
      api.analyze({ seq: 1, text: 'x', models: ['nope'], topK: 1, attention: false }),
    ).rejects.toThrow('Model "nope" is not loaded.');
  });

  it('disposes a model whose warm-up fails and keeps working', async () => {
    const { api, loaded, listener } = setup({
      warmUp: async () => {
        throw new Error('shader failed');
      },
    });
    await api.start(null, listener);
    await expect(api.loadModel('m', AT('m'), 'w')).rejects.toThrow('shader failed');
    expect(loaded[0]?.disposed).toBe(true);
    expect(await api.unloadModel('m')).toBeUndefined();
  });

  it('falls back after a lost WebGPU device, reloads the models and tells the page', async () => {
    const { api, effects, loaded, listener, gpuLoss } = setup();
    expect((await api.start(null, listener)).backend).toBe('webgpu');
    await api.loadModel('m', AT('m'), 'w');
    gpuLoss.resolve('driver reset');
    await vi.waitFor(() => expect(listener.backendChanged).toHaveBeenCalled());
    const [change, reason] = vi.mocked(listener.backendChanged).mock.calls[0] ?? [];
    expect(change?.backend.backend).toBe('wasm');
    expect(change?.models.map((r) => r.name)).toEqual(['m']);
    expect(reason).toBe('The WebGPU device was lost (driver reset).');
    expect(effects.activateBackend).toHaveBeenLastCalledWith(ALL, null, ['webgpu']);
    expect(loaded[0]?.disposed).toBe(true); // the old copy
    expect(loaded[1]?.disposed).toBe(false); // the reloaded one
  });

  it('reports a model that cannot be reloaded after a backend switch, keeps the others', async () => {
    let calls = 0;
    const { api, listener } = setup({
      loadModel: async (name) => {
        calls += 1;
        if (name === 'bad' && calls > 2) throw new Error('shard missing');
        return new FakeModel(name);
      },
    });
    await api.start(null, listener);
    await api.loadModel('good', AT('good'), 'w');
    await api.loadModel('bad', AT('bad'), 'w');
    const change = await api.switchBackend('wasm');
    expect(change.backend.backend).toBe('wasm');
    expect(change.models.map((r) => r.name)).toEqual(['good']);
    expect(listener.modelFailed).toHaveBeenCalledWith('bad', 'shard missing');
  });

  it('reports its backend, memory and how many analyses it ran', async () => {
    const { api, listener } = setup();
    await api.start('wasm', listener);
    await api.loadModel('m', AT('m'), 'w');
    await api.analyze({ seq: 1, text: 'x', models: ['m'], topK: 1, attention: false });
    expect(await api.stats()).toEqual({
      backend: 'wasm',
      analyses: 1,
      numTensors: 7,
      numBytes: 100,
      jsHeapBytes: null,
    });
  });

  it('destroys the GPU device only on WebGPU', async () => {
    const { api, listener } = setup();
    await api.start('wasm', listener);
    expect(await api.loseGpuDevice()).toBe(false);
  });
});
