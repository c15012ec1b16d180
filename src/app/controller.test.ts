import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AutoBackendState, AutoChoice } from '../core/autoBackend';
import type { BackendName } from '../core/backends';
import type { CatalogEntry } from '../core/catalog';
import type { Analysis, ModelInfo } from '../model/types';
import type { ModelClient } from '../runtime/client/modelClient';
import type {
  AnalyzeReply,
  AnalyzeRequest,
  BackendReport,
  ExperimentReply,
  ExperimentRequest,
  ModelLoadReport,
  ModelLocation,
  ModelWorkerApi,
  RuntimeListener,
  TimingRequest,
} from '../runtime/protocol';
import { selectModelInput } from '../state/selectors';
import { createPlaygroundStore, type PlaygroundStore } from '../state/store';
import { type PlaygroundController, createController } from './controller';

const DEBOUNCE_MS = 50;
const ALL = { webgpu: true, webgl: true, wasm: true, cpu: true };

const entry = (name: string, architecture: 'exlm' | 'mlm'): CatalogEntry => ({
  name,
  architecture,
  expansion: architecture === 'exlm' ? 4 : 1,
  domain: 'text',
  trainingSteps: 1000,
});
const CATALOG = [
  entry('exlm-en-small', 'exlm'),
  entry('mlm-en-small', 'mlm'),
  entry('other', 'exlm'),
];

// Only the fields the controller and store read matter; the rest of these objects is irrelevant.
const info = { config: { architecture: 'exlm' } } as unknown as ModelInfo;
const analysisOf = (model: string, text: string) => ({ model, text }) as unknown as Analysis;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A worker stand-in: records every call; a test can hold an analysis or fail a load. */
class FakeWorker implements ModelWorkerApi {
  readonly calls: string[] = [];
  readonly requests: AnalyzeRequest[] = [];
  /** Where each load read its model from, in order. */
  readonly locations: { name: string; location: ModelLocation }[] = [];
  listener: RuntimeListener | null = null;
  failLoad = new Set<string>();
  failStart = false;
  holdAnalyses = false;
  held: { request: AnalyzeRequest; release: () => void }[] = [];

  /** What "best available" reports: null (a real GPU: WebGPU, nothing to say) unless a test
   *  gives it a software adapter's due timing; the timing's choice once it ran. */
  auto: AutoBackendState | null = null;
  /** The backend the timing finds fastest. */
  timingWinner: BackendName = 'wasm';
  readonly timings: { request: TimingRequest; analysesBefore: number }[] = [];

  report(backend: BackendName, auto: AutoBackendState | null = null): BackendReport {
    return { backend, support: ALL, failures: [], auto };
  }
  /** Where "best available" runs: the chosen backend, else the first to time, else WebGPU. */
  autoReport(): BackendReport {
    const auto = this.auto;
    if (auto === null) return this.report('webgpu');
    const backend = auto.phase === 'chosen' ? auto.choice.backend : auto.plan.toTime[0]!;
    return this.report(backend, auto);
  }
  async start(preferred: BackendName | null, listener: RuntimeListener) {
    this.calls.push(`start ${preferred ?? 'auto'}`);
    if (this.failStart) throw new Error('no backend at all');
    this.listener = listener;
    return preferred === null ? this.autoReport() : this.report(preferred);
  }
  async switchBackend(preferred: BackendName | null) {
    this.calls.push(`switch ${preferred ?? 'auto'}`);
    const models = this.loaded.map((name) => this.loadReport(name));
    return { backend: preferred === null ? this.autoReport() : this.report(preferred), models };
  }
  async timeBackends(request: TimingRequest) {
    this.calls.push(`time ${request.model}`);
    this.timings.push({ request, analysesBefore: this.requests.length });
    const choice: AutoChoice = {
      backend: this.timingWinner,
      by: 'timing',
      timings: [
        { backend: 'wasm', ms: this.timingWinner === 'wasm' ? 15 : 300, runsMs: [15, 15, 16] },
        { backend: 'webgl', ms: this.timingWinner === 'webgl' ? 15 : 205, runsMs: [205] },
      ],
      skipped: [{ backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' }],
    };
    this.auto = { phase: 'chosen', choice };
    return { backend: this.report(this.timingWinner, this.auto), models: [] };
  }
  loaded: string[] = [];
  loadReport(name: string): ModelLoadReport {
    return { name, info, loadMs: 1, warmupMs: 1 };
  }
  /** A load that waits for the test to open its gate. */
  loadGates = new Map<string, Promise<void>>();
  async loadModel(name: string, location: ModelLocation) {
    this.calls.push(`load ${name}`);
    this.locations.push({ name, location });
    await this.loadGates.get(name);
    if (this.failLoad.has(name)) throw new Error(`cannot read ${name}/weights.json`);
    this.loaded.push(name);
    return this.loadReport(name);
  }
  async unloadModel(name: string) {
    this.calls.push(`unload ${name}`);
    this.loaded = this.loaded.filter((n) => n !== name);
  }
  /** The models loaded when each analysis request arrived. */
  readonly loadedAtRequest: string[][] = [];
  async analyze(request: AnalyzeRequest): Promise<AnalyzeReply> {
    this.requests.push(request);
    this.loadedAtRequest.push([...this.loaded]);
    if (this.holdAnalyses) {
      const gate = deferred<void>();
      this.held.push({ request, release: () => gate.resolve() });
      await gate.promise;
    }
    return {
      status: 'done',
      seq: request.seq,
      analyses: request.models.map((m) => analysisOf(m, request.text)),
      truncation: null,
    };
  }
  async loseGpuDevice() {
    return true;
  }
  async runExperiment(request: ExperimentRequest): Promise<ExperimentReply> {
    return { runId: request.runId, status: 'done', models: [], elapsedMs: 0 };
  }
  async cancelExperiment() {}
  async timeExperiment() {
    return 1;
  }
  async stats() {
    const backend = null;
    return {
      backend,
      numTensors: 0,
      numBytes: 0,
      jsHeapBytes: null,
      analyses: this.requests.length,
    };
  }
}

let store: PlaygroundStore;
let worker: FakeWorker;
let controller: PlaygroundController;

function startController(catalog: CatalogEntry[] = CATALOG): Promise<void> {
  const client: ModelClient = {
    api: worker,
    listen: (listener) => listener,
    proxy: (callback) => callback,
    terminate: vi.fn(),
  };
  controller = createController(store, client, {
    readCatalog: async () => catalog,
    debounceMs: DEBOUNCE_MS,
    now: () => 0,
  });
  return controller.start();
}

/** Lets the debounce run out and every pending promise settle. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
  await controller.idle();
  await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
}

const state = () => store.getState();

beforeEach(() => {
  vi.useFakeTimers();
  store = createPlaygroundStore();
  worker = new FakeWorker();
});

afterEach(() => {
  controller.stop();
  vi.useRealTimers();
});

describe('the controller', () => {
  it('reads the catalog, starts the runtime, loads the shipped pair and analyses', async () => {
    await startController();
    await settle();
    expect(worker.calls).toEqual(['start auto', 'load exlm-en-small', 'load mlm-en-small']);
    expect(state().modelNames).toEqual({ exlm: 'exlm-en-small', mlm: 'mlm-en-small' });
    expect(state().modelLoad.mlm.phase).toBe('ready');
    // The first prediction goes ahead of the twin's load; Compare fills once the twin is ready.
    expect(worker.requests.map((r) => r.models)).toEqual([
      ['exlm-en-small'],
      ['exlm-en-small', 'mlm-en-small'],
    ]);
    expect(worker.loadedAtRequest[0]).toEqual(['exlm-en-small']);
    expect(state().results?.input).toBe(selectModelInput(state()));
    expect(state().results?.mlm).not.toBeNull();
  });

  it("switches modes: the mode's pair replaces the other, and each mode analyses its own input", async () => {
    const smiles = (name: string, architecture: 'exlm' | 'mlm'): CatalogEntry => ({
      ...entry(name, architecture),
      domain: 'molecules',
    });
    await startController([
      ...CATALOG,
      smiles('exlm-smiles-small', 'exlm'),
      smiles('mlm-smiles-small', 'mlm'),
    ]);
    await settle();
    state().setMode('molecules');
    await settle();
    expect(worker.calls.slice(3)).toEqual([
      'unload exlm-en-small',
      'unload mlm-en-small',
      'load exlm-smiles-small',
      'load mlm-smiles-small',
    ]);
    expect(worker.requests.at(-1)).toMatchObject({
      text: 'CC(=O)Oc1ccccc1C(=O)[MASK]',
      models: ['exlm-smiles-small', 'mlm-smiles-small'],
    });
    // A SMILES a check blocks never reaches the model.
    const count = worker.requests.length;
    state().setDocument('the cat sat', [1]);
    await settle();
    expect(worker.requests).toHaveLength(count);
    expect(state().results).toBeNull();
    // A text model asked for in molecule mode: the mode's own pair stays, and the page says why.
    state().requestModel('exlm-en-small');
    await settle();
    expect(state().modelNames.exlm).toBe('exlm-smiles-small');
    expect(state().notices.at(-1)?.text).toBe(
      'The model "exlm-en-small" reads English text, not the input of Molecules mode; showing "exlm-smiles-small" instead. Switch modes to use it.',
    );
    state().setMode('text');
    await settle();
    expect(state().modelNames.exlm).toBe('exlm-en-small');
    expect(worker.requests.at(-1)?.text).toBe('he lives in new [MASK] .');
  });

  it('loads the twin only once Compare opens, then analyses with both', async () => {
    state().toggleView('compare');
    await startController();
    await settle();
    expect(worker.calls).toEqual(['start auto', 'load exlm-en-small']);
    expect(state().modelLoad.mlm.phase).toBe('idle');
    expect(worker.requests.map((r) => r.models)).toEqual([['exlm-en-small']]);
    state().toggleView('compare');
    await settle();
    expect(worker.calls.at(-1)).toBe('load mlm-en-small');
    expect(state().modelLoad.mlm.phase).toBe('ready');
    expect(worker.requests.at(-1)?.models).toEqual(['exlm-en-small', 'mlm-en-small']);
  });

  it('debounces typing into one analysis of the last text', async () => {
    await startController();
    await settle();
    for (const text of ['a b', 'a bi', 'a big', 'a big cat']) {
      state().setText(text);
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 5);
    }
    state().toggleMask(2);
    await settle();
    const typed = worker.requests.slice(2).map((r) => r.text);
    expect(typed).toEqual(['a big [MASK]']);
  });

  it('keeps only the newest answer when an older one arrives late', async () => {
    await startController();
    await settle();
    worker.holdAnalyses = true;
    state().setDocument('one two', [0]);
    await settle();
    state().setDocument('three four', [1]);
    await settle();
    const [older, newer] = worker.held;
    newer?.release();
    await settle();
    older?.release();
    await settle();
    expect(state().results?.input).toBe('three [MASK]');
    expect(state().analyzing).toBe(false);
  });

  it('leaves the twin out while Compare is closed, and analyses nothing without words', async () => {
    await startController();
    await settle();
    state().toggleView('compare');
    await settle();
    expect(worker.requests.at(-1)?.models).toEqual(['exlm-en-small']);
    const count = worker.requests.length;
    state().setText('   ');
    await settle();
    expect(worker.requests).toHaveLength(count);
    expect(state().results).toBeNull();
  });

  it('follows a backend request from the store and analyses again on the new backend', async () => {
    await startController();
    await settle();
    const before = worker.requests.length;
    state().requestBackend('wasm');
    await settle();
    expect(worker.calls.at(-1)).toBe('switch wasm');
    expect(state().activeBackend).toBe('wasm');
    expect(state().modelLoad.exlm.phase).toBe('ready');
    expect(worker.requests.length).toBe(before + 1);
  });

  it('shows the fallback after a lost device and analyses again', async () => {
    await startController();
    await settle();
    const before = worker.requests.length;
    worker.listener?.backendChanged(
      {
        backend: worker.report('wasm'),
        models: [worker.loadReport('exlm-en-small'), worker.loadReport('mlm-en-small')],
      },
      'The WebGPU device was lost (driver reset).',
    );
    await settle();
    expect(state().activeBackend).toBe('wasm');
    expect(state().backendNotice).toContain('The WebGPU device was lost (driver reset).');
    expect(state().backendNotice).toContain('The model runs on WebAssembly instead.');
    expect(worker.requests.length).toBe(before + 1);
  });

  it('reports a model that fails to load, keeps the page working, and retries on request', async () => {
    worker.failLoad.add('mlm-en-small');
    await startController();
    await settle();
    expect(state().modelLoad.exlm.phase).toBe('ready');
    expect(state().modelLoad.mlm).toEqual({
      phase: 'error',
      message: 'cannot read mlm-en-small/weights.json',
    });
    expect(state().runtimeError).toBeNull();
    expect(worker.requests.at(-1)?.models).toEqual(['exlm-en-small']);
    worker.failLoad.clear();
    state().retryModels();
    await settle();
    expect(state().modelLoad.mlm.phase).toBe('ready');
    expect(worker.requests.at(-1)?.models).toEqual(['exlm-en-small', 'mlm-en-small']);
  });

  it('tells a runtime that cannot start apart from a model that cannot load', async () => {
    worker.failStart = true;
    await startController();
    await settle();
    expect(state().runtimeError).toBe('The model runtime could not start: no backend at all');
    expect(state().modelLoad.exlm.phase).toBe('idle');
  });

  it('switches to a requested model, unloading the old pair', async () => {
    await startController();
    await settle();
    state().requestModel('other');
    await settle();
    expect(worker.calls.slice(-3)).toEqual([
      'unload exlm-en-small',
      'unload mlm-en-small',
      'load other',
    ]);
    expect(state().modelNames).toEqual({ exlm: 'other', mlm: null });
    expect(worker.requests.at(-1)?.models).toEqual(['other']);
  });

  it('says when a linked model is missing and shows the default instead', async () => {
    state().requestModel('gone');
    await startController();
    await settle();
    expect(state().modelNames.exlm).toBe('exlm-en-small');
    expect(state().notices.map((n) => n.text)).toEqual([
      'The model "gone" was not found under /models/; showing "exlm-en-small" instead.',
    ]);
  });

  it('says when the model list cannot be read', async () => {
    const client: ModelClient = {
      api: worker,
      listen: (l) => l,
      proxy: (callback) => callback,
      terminate: vi.fn(),
    };
    controller = createController(store, client, {
      readCatalog: async () => {
        throw new Error('/models/index.json answered 404 Not Found');
      },
      debounceMs: DEBOUNCE_MS,
    });
    await controller.start();
    await settle();
    expect(state().notices[0]?.text).toBe(
      'The list of models could not be read: /models/index.json answered 404 Not Found',
    );
    expect(state().modelNames.exlm).toBe('tiny-random');
  });

  describe('with a model folder from disk', () => {
    const LOCAL = 'my-model (from disk)';
    const blob = (text: string) => new Blob([text]);
    const openFolder = (name = 'my-model', extra: string[] = []) =>
      state().openLocalModel({
        folderName: name,
        files: ['config.json', 'tokenizer.json', 'weights.json', ...extra].map((file) => ({
          path: `${name}/${file}`,
          file: blob(`${name}/${file}`),
        })),
      });

    it('loads it from its files, alone, without a twin', async () => {
      await startController();
      await settle();
      openFolder();
      await settle();
      expect(worker.calls.slice(-3)).toEqual([
        'unload exlm-en-small',
        'unload mlm-en-small',
        `load ${LOCAL}`,
      ]);
      const last = worker.locations.at(-1);
      expect(last?.name).toBe(LOCAL);
      expect(last?.location.kind).toBe('files');
      const files = last?.location.kind === 'files' ? last.location.files : new Map();
      expect([...files.keys()].sort()).toEqual(['config.json', 'tokenizer.json', 'weights.json']);
      expect(files.get('weights.json')).toBe(state().localModel?.files.get('weights.json'));
      expect(state().modelNames).toEqual({ exlm: LOCAL, mlm: null });
      expect(state().modelLoad).toEqual({
        exlm: expect.objectContaining({ phase: 'ready' }),
        mlm: { phase: 'idle' },
      });
      expect(state().notices).toEqual([]);
      state().toggleView('compare');
      await settle();
      expect(worker.requests.at(-1)?.models).toEqual([LOCAL]);
    });

    it('reports a failed load in the model line, and retries from the same files', async () => {
      await startController();
      await settle();
      worker.failLoad.add(LOCAL);
      openFolder();
      await settle();
      expect(state().modelLoad.exlm).toEqual({
        phase: 'error',
        message: `cannot read ${LOCAL}/weights.json`,
      });
      worker.failLoad.clear();
      state().retryModels();
      await settle();
      expect(state().modelLoad.exlm.phase).toBe('ready');
      expect(worker.locations.at(-1)).toMatchObject({ name: LOCAL, location: { kind: 'files' } });
    });

    it('goes back to URL loading for a served model, and can load the folder again', async () => {
      await startController();
      await settle();
      openFolder();
      await settle();
      state().requestModel('exlm-en-small');
      await settle();
      expect(worker.calls.slice(-3)).toEqual([
        `unload ${LOCAL}`,
        'load exlm-en-small',
        'load mlm-en-small',
      ]);
      expect(worker.locations.slice(-2).map((l) => l.location)).toEqual([
        { kind: 'url', urlPrefix: expect.stringMatching(/models\/exlm-en-small\/$/) },
        { kind: 'url', urlPrefix: expect.stringMatching(/models\/mlm-en-small\/$/) },
      ]);
      expect(state().modelNames).toEqual({ exlm: 'exlm-en-small', mlm: 'mlm-en-small' });
      expect(state().localModel?.name).toBe(LOCAL);

      // Still offered: picking it again loads the same files, with no "not found" notice.
      state().requestModel(LOCAL);
      await settle();
      expect(worker.locations.at(-1)).toMatchObject({ name: LOCAL, location: { kind: 'files' } });
      expect(state().modelNames).toEqual({ exlm: LOCAL, mlm: null });
      expect(state().notices).toEqual([]);
    });

    it('loads again when another folder of the same name is opened', async () => {
      await startController();
      await settle();
      openFolder();
      await settle();
      const loads = worker.locations.length;
      openFolder('my-model', ['group1-shard1of1.bin']);
      await settle();
      expect(worker.locations).toHaveLength(loads + 1);
      const last = worker.locations.at(-1)?.location;
      expect(last?.kind === 'files' && last.files.has('group1-shard1of1.bin')).toBe(true);
    });
  });

  describe('"best available" on a software adapter', () => {
    const DUE: AutoBackendState = {
      phase: 'due',
      plan: {
        choice: null,
        toTime: ['wasm', 'webgl'],
        skipped: [{ backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' }],
        adapters: {
          webgpu: { kind: 'software', name: 'SwiftShader' },
          webgl: { kind: 'software', name: 'SwiftShader' },
        },
      },
    };

    it('times the backends after the first prediction and before the twin loads', async () => {
      worker.auto = DUE;
      await startController();
      await settle();
      expect(worker.calls).toEqual([
        'start auto',
        'load exlm-en-small',
        'time exlm-en-small',
        'load mlm-en-small',
      ]);
      // The prediction went out first, and the timing ran on its text.
      expect(worker.timings).toHaveLength(1);
      expect(worker.timings[0]?.analysesBefore).toBe(1);
      expect(worker.timings[0]?.request).toMatchObject({
        model: 'exlm-en-small',
        text: worker.requests[0]?.text,
        topK: worker.requests[0]?.topK,
      });
      expect(state().activeBackend).toBe('wasm');
      expect(state().autoBackend).toMatchObject({ phase: 'chosen', choice: { backend: 'wasm' } });
      // Still on the backend it started on: no second analysis for the ExLM alone.
      expect(worker.requests.map((r) => r.models)).toEqual([
        ['exlm-en-small'],
        ['exlm-en-small', 'mlm-en-small'],
      ]);
    });

    it('analyses again when the timing moves the page to another backend', async () => {
      worker.auto = DUE;
      worker.timingWinner = 'webgl';
      state().toggleView('compare');
      await startController();
      await settle();
      expect(state().activeBackend).toBe('webgl');
      expect(worker.requests).toHaveLength(2);
      expect(worker.requests[1]?.text).toBe(worker.requests[0]?.text);
    });

    it('shows that the timing runs while it runs', async () => {
      worker.auto = DUE;
      const phases: string[] = [];
      store.subscribe((s) => {
        const phase = s.autoBackend?.phase ?? 'none';
        if (phases.at(-1) !== phase) phases.push(phase);
      });
      await startController();
      await settle();
      expect(phases).toEqual(['none', 'due', 'timing', 'chosen']);
    });

    it("never times over the user's own choice, and goes back to the timed choice", async () => {
      worker.auto = DUE;
      state().requestBackend('webgpu');
      await startController();
      await settle();
      expect(worker.calls).not.toContain('time exlm-en-small');
      expect(state().activeBackend).toBe('webgpu');
      expect(state().autoBackend).toBeNull();

      // Back to "best available": the timing is due now, once.
      state().requestBackend(null);
      await settle();
      expect(worker.calls.filter((call) => call.startsWith('time'))).toHaveLength(1);
      expect(state().activeBackend).toBe('wasm');
      state().requestBackend('webgl');
      await settle();
      expect(state().autoBackend).toBeNull();
      state().requestBackend(null);
      await settle();
      expect(worker.calls.filter((call) => call.startsWith('time'))).toHaveLength(1);
      expect(state().autoBackend).toMatchObject({ phase: 'chosen', choice: { by: 'timing' } });
    });

    it('takes a real GPU without timing anything', async () => {
      await startController();
      await settle();
      expect(worker.calls.some((call) => call.startsWith('time'))).toBe(false);
      expect(state().activeBackend).toBe('webgpu');
      expect(state().autoBackend).toBeNull();
    });
  });
});
