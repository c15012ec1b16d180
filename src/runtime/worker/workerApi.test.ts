import { describe, expect, it, vi } from 'vitest';

import type { BackendName } from '../../core/backends';
import type { Analysis, AnalyzeOptions, ModelInfo } from '../../model/types';
import { type SentenceScore, sentenceScoreOf } from '../../model/evalMetrics';
import { EXPERIMENT_RATIOS, type ExperimentProgress, maskCount } from '../../model/maskRatio';
import type { ExperimentRequest, ModelLocation, RuntimeListener } from '../protocol';
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
  /** The texts of each analyzeBatch call, in order. */
  readonly batches: string[][] = [];
  /** The options of each analysis, in order. */
  readonly options: AnalyzeOptions[] = [];
  async analyze(text: string, options: AnalyzeOptions): Promise<Analysis> {
    this.analyzed.push(text);
    this.options.push(options);
    return { model: this.name, text } as unknown as Analysis;
  }
  async analyzeBatch(texts: readonly string[], options: AnalyzeOptions): Promise<Analysis[]> {
    this.batches.push([...texts]);
    const analyses: Analysis[] = [];
    for (const text of texts) analyses.push(await this.analyze(text, options));
    return analyses;
  }
  async scoreSlots(texts: readonly string[], topK: number): Promise<SentenceScore[]> {
    return (await this.analyzeBatch(texts, { topK })).map(sentenceScoreOf);
  }
  countTokens(text: string): number {
    return text.split(/\s+/).filter(Boolean).length + 2;
  }
  pieceIds(text: string): number[] {
    return text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => word.length + 10);
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
    // A real GPU under WebGPU, and no WebGL: "best available" takes WebGPU without timing.
    probeAdapters: async () => ({ webgpu: { kind: 'hardware', name: 'a GPU' }, webgl: null }),
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
    expect(loaded.map((m) => m.options.at(-1)?.bestFills)).toEqual([false, false]);
    // The best fills, when asked for, are the first model's only (the twin's are never shown).
    const request = { seq: 2, text: 'a', models: ['exlm', 'mlm'], topK: 1, attention: false };
    await api.analyze({ ...request, bestFills: true });
    expect(loaded.map((m) => m.options.at(-1)?.bestFills)).toEqual([true, false]);
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
    // Without WebGPU, WebAssembly is the one candidate left to "best available".
    expect(effects.activateBackend).toHaveBeenLastCalledWith(ALL, 'wasm', ['webgpu']);
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

/** Ids of the experiment models' tiny vocabulary; a word outside it is two pieces. */
const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'on', 'mat', '.'];

/** A model for the mask-ratio experiment: every slot guesses `guesses` (words of VOCAB, best
 *  first), with an entropy equal to the number of [MASK]s in the text, so uncertainty grows with
 *  the ratio. */
class GuessingModel extends FakeModel {
  override readonly info: ModelInfo;
  constructor(
    name: string,
    architecture: 'exlm' | 'mlm',
    readonly guesses: string[],
  ) {
    super(name);
    this.info = { config: { max_positions: 64, architecture } } as unknown as ModelInfo;
  }
  override pieceIds(text: string): number[] {
    return text
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((word) => (VOCAB.includes(word) ? [VOCAB.indexOf(word)] : [90, 91]));
  }
  override async analyze(text: string, options: AnalyzeOptions): Promise<Analysis> {
    this.analyzed.push(text);
    const masks = text.split(' ').filter((word) => word === '[MASK]').length;
    const top = this.guesses.map((token) => ({ id: VOCAB.indexOf(token), token, prob: 0.1 }));
    return {
      model: this.name,
      masks: Array.from({ length: masks }, () => ({
        position: 0,
        top: top.slice(0, options.topK),
        entropy: masks,
      })),
      elapsedMs: 2,
    } as unknown as Analysis;
  }
}

async function experimentSetup(overrides: Partial<WorkerEffects> = {}) {
  const made: GuessingModel[] = [];
  const { api, listener } = setup({
    ...overrides,
    loadModel: async (name) => {
      // The ExLM always guesses right on a sentence of "the"s; the twin only in its top-5.
      const model =
        name === 'exlm'
          ? new GuessingModel(name, 'exlm', ['the', 'cat', 'sat'])
          : new GuessingModel(name, 'mlm', ['cat', 'sat', 'on', 'mat', 'the', '.']);
      made.push(model);
      return model;
    },
  });
  await api.start(null, listener);
  await api.loadModel('exlm', AT('exlm'), 'w');
  await api.loadModel('mlm', AT('mlm'), 'w');
  for (const model of made) model.analyzed.length = 0; // forget the warm-up runs
  return { api, made };
}

const THE_SENTENCE = {
  words: Array<string>(10).fill('the'),
  maskable: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
};

function experiment(overrides: Partial<ExperimentRequest> = {}): ExperimentRequest {
  return {
    runId: 1,
    models: ['exlm', 'mlm'],
    sentences: [THE_SENTENCE, THE_SENTENCE],
    ratios: EXPERIMENT_RATIOS,
    repeats: 1,
    seed: 3,
    ...overrides,
  };
}

/** Four sentences of different lengths, every word maskable. */
const SENTENCES = [6, 3, 5, 4].map((length) => ({
  words: Array<string>(length).fill('the'),
  maskable: Array.from({ length }, (_, i) => i),
}));

describe('the mask-ratio experiment in the worker', () => {
  it('tallies top-1, top-5 and entropy per model and ratio, and reports its progress', async () => {
    const { api, made } = await experimentSetup();
    const progress: ExperimentProgress[] = [];
    const reply = await api.runExperiment(experiment(), (p) => progress.push(p));
    expect(reply.status).toBe('done');
    expect(reply.models.map((m) => [m.model, m.architecture])).toEqual([
      ['exlm', 'exlm'],
      ['mlm', 'mlm'],
    ]);
    const [exlm, mlm] = reply.models;
    expect(exlm?.points.map((p) => p.ratio)).toEqual(EXPERIMENT_RATIOS);
    EXPERIMENT_RATIOS.forEach((ratio, i) => {
      const masks = maskCount(10, ratio);
      expect(exlm?.points[i]).toMatchObject({ sentences: 2, masks: 2 * masks, words: 20, top1: 1 });
      expect(mlm?.points[i]).toMatchObject({ masks: 2 * masks, top1: 0, top5: 1 });
      // The fake's entropy is the number of masks: the same for every masking at a ratio.
      expect(exlm?.points[i]?.entropy).toBe(masks);
      expect(exlm?.points[i]?.entropySpread).toMatchObject({ min: masks, max: masks });
      // Each masking's own numbers, in the run's order, for the bootstrap.
      expect(mlm?.points[i]?.maskings).toEqual({
        masks: [masks, masks],
        top1: [0, 0],
        top5: [masks, masks],
        entropy: [masks * masks, masks * masks],
      });
    });
    // Both models saw the same maskings: 2 sentences x 10 ratios each, one batch per ratio.
    expect(made.map((m) => m.analyzed.length)).toEqual([20, 20]);
    expect(made[0]?.analyzed).toEqual(made[1]?.analyzed);
    expect(made[0]?.batches.map((batch) => batch.length)).toEqual(Array<number>(10).fill(2));
    // Progress after every batch, each ratio ending with its finished points.
    await vi.waitFor(() => expect(progress).toHaveLength(10));
    expect(progress.map((p) => [p.ratioIndex, p.done])).toEqual(
      EXPERIMENT_RATIOS.map((_, i) => [i, 2]),
    );
    expect(progress[0]?.models[0]?.points).toHaveLength(1);
    expect(progress.at(-1)?.models[1]?.points).toHaveLength(10);
  });

  it('batches maskings of about the same length, and scores them as one by one', async () => {
    const { api, made } = await experimentSetup();
    const request = experiment({ sentences: SENTENCES, batchSize: 2 });
    const batched = await api.runExperiment(request, () => {});
    // Shortest first: the 3- and 4-word sentences share a batch, then the 5- and 6-word ones.
    const lengths = made[0]!.batches.map((batch) => batch.map((text) => text.split(' ').length));
    expect(lengths.slice(0, 2)).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(made[0]!.batches).toHaveLength(2 * EXPERIMENT_RATIOS.length);
    made[0]!.batches.length = 0;
    const single = await api.runExperiment({ ...request, runId: 2, batchSize: 1 }, () => {});
    expect(made[0]!.batches).toEqual([]);
    // The same numbers either way, masking by masking in the sentences' order.
    expect(single.models).toEqual(batched.models);
    expect(batched.models[0]?.points[0]?.maskings.masks).toEqual([1, 1, 1, 1]);
  });

  it('masks the same words again for the same seed, and other words for another', async () => {
    const { api, made } = await experimentSetup();
    const sentence = {
      words: 'the cat sat on the mat .'.split(' '),
      maskable: [0, 1, 2, 3, 4, 5, 6],
    };
    const run = async (seed: number) => {
      made[0]!.analyzed.length = 0;
      await api.runExperiment(experiment({ sentences: [sentence], seed, repeats: 3 }), () => {});
      return [...made[0]!.analyzed];
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
    expect(first).toHaveLength(30);
  });

  it('stops between two batches when cancelled, keeping the ratios it finished', async () => {
    const { api, made } = await experimentSetup();
    const request = experiment({ runId: 7, sentences: SENTENCES, batchSize: 2 });
    const reply = await api.runExperiment(request, (p) => {
      if (p.ratioIndex === 1 && p.done === 2) void api.cancelExperiment(7);
    });
    expect(reply.status).toBe('cancelled');
    expect(reply.models[0]?.points).toHaveLength(1);
    expect(made[0]!.analyzed.length).toBeLessThan(4 * 3);
    // Another run goes on as usual.
    expect((await api.runExperiment(experiment({ runId: 8 }), () => {})).status).toBe('done');
  });

  it('lets an analysis asked for during the run go before the remaining batches', async () => {
    const { api, made } = await experimentSetup();
    let asked: Promise<unknown> | null = null;
    const run = api.runExperiment(experiment({ sentences: SENTENCES, batchSize: 2 }), (p) => {
      if (p.ratioIndex === 0 && p.done === 2 && asked === null) {
        asked = api.analyze({
          seq: 1,
          text: 'the [MASK]',
          models: ['exlm'],
          topK: 1,
          attention: false,
        });
      }
    });
    await run;
    await asked;
    const analyzed = made[0]!.analyzed;
    expect(analyzed.indexOf('the [MASK]')).toBeGreaterThan(0);
    expect(analyzed.indexOf('the [MASK]')).toBeLessThan(analyzed.length - 10);
  });

  it('finds the maskable words itself: one-piece words, never a typed [MASK], which stays masked', async () => {
    const { api, made } = await experimentSetup();
    // "elephant" is two pieces for these models; the typed [MASK] has a slot that is not scored.
    const words = ['the', 'elephant', '[MASK]', 'sat'];
    const reply = await api.runExperiment(
      experiment({ models: ['exlm'], sentences: [{ words }], repeats: 5 }),
      () => {},
    );
    for (const text of made[0]!.analyzed) {
      const masked = text.split(' ');
      expect(masked[1]).toBe('elephant');
      expect(masked[2]).toBe('[MASK]');
    }
    // At 80% of the two maskable words both are masked: 2 scored slots per masking.
    expect(reply.models[0]?.points.at(-1)).toMatchObject({ sentences: 5, masks: 10 });
    expect(reply.models[0]?.points[0]).toMatchObject({ sentences: 5, masks: 5 });
  });

  it('times a batch of maskings for the estimate, the faster of two after a warm-up', async () => {
    let clock = 0;
    const { api, made } = await experimentSetup({ now: () => clock });
    for (const model of made) {
      const analyze = model.analyze.bind(model);
      model.analyze = async (text, options) => {
        clock += 10; // 10 ms per analysis
        return analyze(text, options);
      };
    }
    const ms = await api.timeExperiment({
      models: ['exlm', 'mlm'],
      sentences: SENTENCES,
      ratio: 0.4,
      seed: 3,
    });
    expect(ms).toBe(20); // both models, per masking
    expect(made[0]!.batches).toHaveLength(3); // the warm-up and two timed batches
  });

  it('names a model that is not loaded', async () => {
    const { api } = await experimentSetup();
    await expect(api.runExperiment(experiment({ models: ['nope'] }), () => {})).rejects.toThrow(
      'Model "nope" is not loaded.',
    );
  });
});
