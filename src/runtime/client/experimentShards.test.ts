// The experiment split between workers: the shares' runs (the worker's own runExperiment, on fake
// models whose scores vary from masking to masking) merge into exactly the reply of one run of the
// whole, progress adds up, and a failing share or a helper worker that fails itself stops the
// others.
import { describe, expect, it } from 'vitest';

import type { SentenceScore } from '../../model/evalMetrics';
import { EXPERIMENT_RATIOS, type ExperimentProgress } from '../../model/maskRatio';
import type { ModelInfo } from '../../model/types';
import type { ExperimentRequest, ModelWorkerApi } from '../protocol';
import { type ExperimentHost, runExperiment } from '../worker/experimentRun';
import type { LoadedModel } from '../worker/modelPort';
import { HelperWorkerError } from './experimentHelpers';
import { type ExperimentWorker, runShardedExperiment, shareSentences } from './experimentShards';

const WORDS = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'dog', 'ran', 'far', 'home', 'big'];

/** A number from a text, so that scores differ between maskings but not between runs. */
function hashOf(text: string): number {
  let hash = 7;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
  return hash;
}

/** A model whose slots guess words from a hash of the text, with an entropy from it too. */
function fakeModel(name: string, architecture: 'exlm' | 'mlm'): LoadedModel {
  const ids = (text: string) =>
    text
      .split(' ')
      .filter(Boolean)
      .flatMap((word) => (WORDS.includes(word) ? [10 + WORDS.indexOf(word)] : [90, 91]));
  const score = (text: string): SentenceScore => {
    const hash = hashOf(`${name} ${text}`);
    const masks = text.split(' ').filter((word) => word === '[MASK]').length;
    return {
      slots: Array.from({ length: masks }, (_, i) => ({
        top: [0, 1, 2, 3, 4].map((k) => 10 + ((hash + i * 3 + k * 5) % WORDS.length)),
        entropy: ((hash * (i + 1)) % 977) / 97.3,
      })),
      ms: 3,
    };
  };
  return {
    info: { config: { max_positions: 16, architecture } } as unknown as ModelInfo,
    analyze: () => Promise.reject(new Error('not used')),
    analyzeBatch: () => Promise.reject(new Error('not used')),
    scoreSlots: async (texts) => texts.map(score),
    countTokens: (text) => ids(text).length + 2,
    pieceIds: ids,
    dispose: () => {},
  };
}

/** A worker that runs the experiment in this thread, as the model worker does. */
function fakeWorker(failAt: number | null = null): ExperimentWorker & { cancelled: number[] } {
  const models = new Map([
    ['exlm', fakeModel('exlm', 'exlm')],
    ['mlm', fakeModel('mlm', 'mlm')],
  ]);
  const cancelled: number[] = [];
  let batches = 0;
  const host: ExperimentHost = {
    model: (name) => models.get(name)!,
    enqueue: async (job) => {
      if (failAt !== null && ++batches > failAt) throw new Error('out of memory');
      return job();
    },
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
    cancelled: (runId) => cancelled.includes(runId),
    analysesRun: () => {},
    now: () => 0,
  };
  const api = {
    runExperiment: (request: ExperimentRequest, onProgress: (p: ExperimentProgress) => void) =>
      runExperiment(request, onProgress, host),
    cancelExperiment: async (runId: number) => {
      cancelled.push(runId);
    },
  } as unknown as ModelWorkerApi;
  return { api, proxy: (callback) => callback, cancelled };
}

/** Sentences of 3 to 12 words, some with a word the models read as two pieces; the sixth has
 *  nothing to mask and the twelfth is too long for the models: both are skipped. */
const SENTENCES = Array.from({ length: 23 }, (_, s) => ({
  words:
    s === 5
      ? ['x-y', 'zz', 'x-y']
      : Array.from(
          { length: s === 11 ? 20 : 3 + ((s * 7) % 10) },
          (_, i) => WORDS[(s + i * 4) % WORDS.length]!,
        ),
}));

function request(overrides: Partial<ExperimentRequest> = {}): ExperimentRequest {
  return {
    runId: 4,
    models: ['exlm', 'mlm'],
    sentences: SENTENCES,
    ratios: EXPERIMENT_RATIOS,
    repeats: 2,
    seed: 11,
    batchSize: 4,
    ...overrides,
  };
}

describe('shareSentences', () => {
  it('splits in order into shares of about as many words, none empty', () => {
    const sentences = [10, 10, 10, 10, 1, 1, 1, 1].map((n) => ({ words: Array(n).fill('a') }));
    const shares = shareSentences(sentences, 2);
    expect(shares.map((s) => s.length)).toEqual([2, 6]);
    expect(shares.flat()).toEqual(sentences);
    expect(shareSentences(sentences.slice(0, 3), 4).map((s) => s.length)).toEqual([1, 1, 1]);
    expect(shareSentences(sentences, 1)).toEqual([sentences]);
    const many = shareSentences(sentences, 5);
    expect(many).toHaveLength(5);
    expect(many.every((share) => share.length > 0)).toBe(true);
  });
});

describe('runShardedExperiment', () => {
  it.each([2, 3, 4])('in %i workers gives exactly the reply of one', async (count) => {
    const whole = await runExperiment(request(), () => {}, fakeWorkerHost());
    const workers = Array.from({ length: count }, () => fakeWorker());
    const progress: ExperimentProgress[] = [];
    const sharded = await runShardedExperiment(workers, request(), (p) => progress.push(p));
    expect(sharded.status).toBe('done');
    expect(sharded.models).toEqual(whole.models);
    // The skipped maskings keep their index in the whole run.
    expect(sharded.models[0]!.points[0]!.skipped).toEqual([10, 11, 22, 23]);
    // Progress only moves forward, over every ratio, and ends with every point.
    const counts = progress.map((p) => p.ratioIndex * p.perRatio + p.done);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      ratioIndex: EXPERIMENT_RATIOS.length - 1,
      done: SENTENCES.length * 2,
      perRatio: SENTENCES.length * 2,
    });
    expect(progress.at(-1)!.models).toEqual(whole.models);
  });

  it('fails with the error of a failing share and cancels the others', async () => {
    const workers = [fakeWorker(), fakeWorker(3), fakeWorker()];
    await expect(runShardedExperiment(workers, request(), () => {})).rejects.toThrow(
      'out of memory',
    );
    expect(workers.map((w) => w.cancelled)).toEqual([[4], [4], [4]]);
  });

  it('fails when a helper worker fails itself, though its call never settles', async () => {
    // As with comlink: the dead worker's run never answers; only its error event says so.
    let fail: (error: Error) => void = () => {};
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    const cancelled: number[] = [];
    const dead: ExperimentWorker = {
      api: {
        runExperiment: (_: ExperimentRequest, onProgress: (p: ExperimentProgress) => void) => {
          onProgress({ ...fakeProgressStart(), runId: 4 });
          setTimeout(() => fail(new HelperWorkerError('Aborted(OOM)')), 5);
          return new Promise(() => {});
        },
        cancelExperiment: (runId: number) => {
          cancelled.push(runId);
          return new Promise(() => {});
        },
      } as unknown as ModelWorkerApi,
      proxy: (callback) => callback,
      failed,
    };
    const living = [fakeWorker(), fakeWorker()];
    const workers = [living[0]!, dead, living[1]!];
    const progress: ExperimentProgress[] = [];
    const run = runShardedExperiment(workers, request(), (p) => progress.push(p));
    await expect(run).rejects.toThrow(HelperWorkerError);
    await expect(run).rejects.toThrow('a helper worker of the run stopped: Aborted(OOM)');
    // Every worker was told to stop, and the living ones had stopped before the run failed.
    expect(living.map((w) => w.cancelled)).toEqual([[4], [4]]);
    expect(cancelled).toEqual([4]);
    expect(progress.length).toBeGreaterThan(0);
  });
});

/** A first progress report of a share: nothing done yet. */
function fakeProgressStart(): ExperimentProgress {
  return {
    runId: 0,
    ratio: EXPERIMENT_RATIOS[0]!,
    ratioIndex: 0,
    ratioCount: EXPERIMENT_RATIOS.length,
    done: 0,
    perRatio: 1,
    models: [],
  };
}

/** The host of one fake worker, for a run of the whole in this thread. */
function fakeWorkerHost(): ExperimentHost {
  const models = new Map([
    ['exlm', fakeModel('exlm', 'exlm')],
    ['mlm', fakeModel('mlm', 'mlm')],
  ]);
  return {
    model: (name) => models.get(name)!,
    enqueue: (job) => job(),
    yieldToMessages: async () => {},
    cancelled: () => false,
    analysesRun: () => {},
    now: () => 0,
  };
}
