// The controller's part for the mask-ratio experiment (src/app/experimentRunner.ts), against a
// fake worker: the intents in the store become worker calls, progress and results come back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CatalogEntry } from '../core/catalog';
import type { ExperimentModelResult, ExperimentProgress } from '../model/maskRatio';
import type { Analysis, ModelInfo } from '../model/types';
import type { ExperimentSample } from '../runtime/client/experimentSample';
import type { ModelClient } from '../runtime/client/modelClient';
import type {
  AnalyzeRequest,
  ExperimentReply,
  ExperimentRequest,
  ExperimentTimingRequest,
  ModelWorkerApi,
} from '../runtime/protocol';
import { createPlaygroundStore, type PlaygroundStore } from '../state/store';
import { type PlaygroundController, createController } from './controller';

const CATALOG: CatalogEntry[] = [
  { name: 'exlm-en-small', architecture: 'exlm', expansion: 4, domain: 'text', trainingSteps: 1 },
  { name: 'mlm-en-small', architecture: 'mlm', expansion: 1, domain: 'text', trainingSteps: 1 },
];
const info = { config: { architecture: 'exlm' } } as unknown as ModelInfo;
const SAMPLE: ExperimentSample = {
  source: { split: 'test' },
  sentences: [1, 2, 3, 4].map((n) => ({ words: ['word', String(n)], maskable: [0, 1] })),
};
const RESULT: ExperimentModelResult[] = [
  { model: 'exlm-en-small', architecture: 'exlm', points: [] },
];

/** A worker whose experiment reports one step of progress, then waits for the test (or a cancel). */
class FakeWorker implements ModelWorkerApi {
  readonly experiments: ExperimentRequest[] = [];
  readonly cancelled: number[] = [];
  readonly analyses: AnalyzeRequest[] = [];
  private finish: (() => void) | null = null;
  async start() {
    return {
      backend: 'wasm' as const,
      support: { webgpu: false, webgl: false, wasm: true, cpu: true },
      failures: [],
      auto: null,
    };
  }
  async switchBackend(): Promise<never> {
    throw new Error('not used');
  }
  async timeBackends(): Promise<never> {
    throw new Error('not used');
  }
  async loadModel(name: string) {
    return { name, info, loadMs: 1, warmupMs: 1 };
  }
  async unloadModel() {}
  async analyze(request: AnalyzeRequest) {
    this.analyses.push(request);
    const analyses = request.models.map((model) => ({ model }) as unknown as Analysis);
    return { status: 'done' as const, seq: request.seq, analyses, truncation: null };
  }
  async runExperiment(
    request: ExperimentRequest,
    onProgress: (progress: ExperimentProgress) => void,
  ): Promise<ExperimentReply> {
    this.experiments.push(request);
    onProgress({
      runId: request.runId,
      ratio: request.ratios[0]!,
      ratioIndex: 0,
      ratioCount: request.ratios.length,
      done: 1,
      perRatio: request.sentences.length * request.repeats,
      models: [],
    });
    await new Promise<void>((resolve) => (this.finish = resolve));
    const status = this.cancelled.includes(request.runId) ? 'cancelled' : 'done';
    return { runId: request.runId, status, models: RESULT, elapsedMs: 5 };
  }
  async cancelExperiment(runId: number) {
    this.cancelled.push(runId);
    this.release();
  }
  readonly timings: ExperimentTimingRequest[] = [];
  async timeExperiment(request: ExperimentTimingRequest) {
    this.timings.push(request);
    return 4;
  }
  release() {
    this.finish?.();
  }
  async loseGpuDevice() {
    return false;
  }
  async stats() {
    return { backend: null, numTensors: 0, numBytes: 0, jsHeapBytes: null, analyses: 0 };
  }
}

let store: PlaygroundStore;
let worker: FakeWorker;
let controller: PlaygroundController;
let sampleReads = 0;
const state = () => store.getState();

beforeEach(async () => {
  store = createPlaygroundStore();
  worker = new FakeWorker();
  sampleReads = 0;
  const client: ModelClient = {
    api: worker,
    listen: (listener) => listener,
    proxy: (callback) => callback,
    terminate: vi.fn(),
  };
  controller = createController(store, client, {
    readCatalog: async () => CATALOG,
    readExperimentSample: async () => {
      sampleReads += 1;
      return SAMPLE;
    },
    debounceMs: 0,
  });
  state().toggleView('experiment');
  await controller.start();
  await controller.idle();
});

afterEach(() => controller.stop());

describe('the controller and the mask-ratio experiment', () => {
  it('loads the twin for the open panel and runs the sample through both models', async () => {
    expect(state().modelLoad.mlm.phase).toBe('ready');
    state().startExperiment({ kind: 'sample', limit: 3 });
    await vi.waitFor(() => expect(worker.experiments).toHaveLength(1));
    const request = worker.experiments[0]!;
    expect(request.models).toEqual(['exlm-en-small', 'mlm-en-small']);
    expect(request.sentences).toEqual(SAMPLE.sentences.slice(0, 3));
    expect(request.repeats).toBe(1);
    expect(request.ratios).toHaveLength(10);
    expect(state().experiment).toMatchObject({ status: 'running', sentences: 3, repeats: 1 });
    expect(state().experiment.progress).toMatchObject({ done: 1, perRatio: 3 });
    worker.release();
    await vi.waitFor(() => expect(state().experiment.status).toBe('done'));
    expect(state().experiment).toMatchObject({ results: RESULT, elapsedMs: 5, error: null });
    // The sample is read once per page.
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(worker.experiments).toHaveLength(2));
    expect(worker.experiments[1]!.sentences).toHaveLength(4);
    expect(sampleReads).toBe(1);
    worker.release();
  });

  it('times a few sentences for the estimate once the panel is open, then goes by the runs', async () => {
    await vi.waitFor(() => expect(state().experimentEstimate?.phase).toBe('ready'));
    expect(worker.timings).toEqual([
      {
        models: ['exlm-en-small', 'mlm-en-small'],
        sentences: SAMPLE.sentences,
        ratio: 0.4,
        seed: 2025,
      },
    ]);
    expect(state().experimentEstimate).toEqual({
      phase: 'ready',
      backend: 'wasm',
      models: ['exlm-en-small', 'mlm-en-small'],
      msPerMasking: 4,
      source: 'timing',
      sampleSentences: 4,
    });
    // A finished run on the sample measures it better: 5 ms for 3 sentences x 10 ratios.
    state().startExperiment({ kind: 'sample', limit: 3 });
    await vi.waitFor(() => expect(worker.experiments).toHaveLength(1));
    worker.release();
    await vi.waitFor(() => expect(state().experimentEstimate).toMatchObject({ source: 'run' }));
    expect(state().experimentEstimate).toMatchObject({ msPerMasking: 5 / 30, sampleSentences: 4 });
    // Nothing is timed again for the same backend and models.
    state().setText('another [MASK] .');
    await controller.idle();
    expect(worker.timings).toHaveLength(1);
  });

  it("masks the editor's own words many times for 'Run on my sentence'", async () => {
    state().setText('the cat sat');
    state().startExperiment({ kind: 'sentence', limit: 2 });
    await vi.waitFor(() => expect(worker.experiments).toHaveLength(1));
    expect(worker.experiments[0]).toMatchObject({
      sentences: [{ words: ['the', 'cat', 'sat'] }],
      repeats: 20,
    });
    expect(state().experiment.limit).toBeNull();
    worker.release();
  });

  it('passes a cancel on to the worker and shows the run as cancelled', async () => {
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(state().experiment.status).toBe('running'));
    state().cancelExperiment();
    expect(state().experiment.cancelRequested).toBe(true);
    await vi.waitFor(() => expect(state().experiment.status).toBe('cancelled'));
    expect(worker.cancelled).toEqual([state().experiment.runId]);
    expect(state().experiment.cancelRequested).toBe(false);
  });

  it('keeps ordinary analyses going while the experiment runs', async () => {
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(state().experiment.status).toBe('running'));
    const before = worker.analyses.length;
    state().setText('a new [MASK] here');
    await vi.waitFor(() => expect(worker.analyses.length).toBe(before + 1));
    expect(state().experiment.status).toBe('running');
    worker.release();
  });

  it('says why a run cannot start', async () => {
    state().setText('   ');
    state().startExperiment({ kind: 'sentence' });
    await vi.waitFor(() => expect(state().experiment.status).toBe('error'));
    expect(state().experiment.error).toMatch(/editor is empty/);
    expect(worker.experiments).toHaveLength(0);
  });
});
