// The experiment runner with helper workers: a run on the sample on wasm starts one helper per
// core beyond the page's worker, shares the sentences with it, reports the merged reply and the
// time including the helpers' start, reaches the helpers with a cancel and ends them after the run;
// a helper that fails mid-run ends the run with a message, and the next run goes in one worker.
import { describe, expect, it, vi } from 'vitest';

import type { ExperimentModelResult, ExperimentProgress } from '../model/maskRatio';
import { type ExperimentHelper, HelperWorkerError } from '../runtime/client/experimentHelpers';
import type { ModelInfo } from '../model/types';
import type { ExperimentSample } from '../runtime/client/experimentSample';
import type { ExperimentReply, ExperimentRequest, ModelWorkerApi } from '../runtime/protocol';
import { createPlaygroundStore } from '../state/store';
import { createExperimentRunner } from './experimentRunner';

const SAMPLE: ExperimentSample = {
  source: { split: 'test' },
  sentences: [1, 2, 3, 4, 5, 6].map((n) => ({ words: ['word', String(n)], maskable: [0, 1] })),
};
const RESULT: ExperimentModelResult[] = [{ model: 'exlm', architecture: 'exlm', points: [] }];

/** A worker whose run waits until released (or cancelled), then answers; `fail` makes it fail
 *  itself as a dead worker does (its calls never answer, its `failed` rejects). */
function fakeClient() {
  const requests: ExperimentRequest[] = [];
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined);
  let dead = false;
  const cancelled: number[] = [];
  const waiting: (() => void)[] = [];
  const api = {
    runExperiment: async (request: ExperimentRequest): Promise<ExperimentReply> => {
      requests.push(request);
      await new Promise<void>((resolve) => waiting.push(resolve));
      if (dead) await new Promise(() => {});
      const status = cancelled.includes(request.runId) ? 'cancelled' : 'done';
      return { runId: request.runId, status, models: RESULT, elapsedMs: 1 };
    },
    cancelExperiment: async (runId: number) => {
      cancelled.push(runId);
      waiting.forEach((resolve) => resolve());
    },
  } as unknown as ModelWorkerApi;
  const client: ExperimentHelper = {
    api,
    listen: (listener) => listener,
    proxy: <T extends object>(callback: T) => callback,
    terminate: vi.fn(),
    failed,
  };
  return {
    client,
    requests,
    cancelled,
    release: () => waiting.forEach((r) => r()),
    fail: (reason: string) => {
      dead = true;
      fail(new HelperWorkerError(reason));
    },
  };
}

/** A result with one finished point, as a share reports it after its first ratio. */
const RESULT_POINT: ExperimentModelResult[] = [
  {
    model: 'exlm',
    architecture: 'exlm',
    points: [{ ratio: 0.05 } as ExperimentModelResult['points'][number]],
  },
];

function progressWith(runId: number, models: ExperimentModelResult[]): ExperimentProgress {
  return { runId, ratio: 0.05, ratioIndex: 1, ratioCount: 10, done: 0, perRatio: 3, models };
}

function setup(cores: number, backend: 'wasm' | 'webgpu') {
  const store = createPlaygroundStore();
  const state = () => store.getState();
  state().setModelNames({ exlm: 'exlm', mlm: null });
  state().setModelLoad('exlm', { phase: 'ready', info: {} as ModelInfo, loadMs: 1 });
  state().setActiveBackend(backend, null);
  const main = fakeClient();
  const helper = fakeClient();
  const startHelpers = vi.fn(async () => [helper.client]);
  let clock = 0;
  const runner = createExperimentRunner({
    store,
    client: main.client,
    readSample: async () => SAMPLE,
    commandsIdle: async () => {},
    startHelpers,
    cores: () => cores,
    now: () => (clock += 100),
  });
  store.subscribe((s, prev) => runner.follow(s, prev));
  return { state, main, helper, startHelpers, runner };
}

describe('the experiment runner with helper workers', () => {
  it('shares a run on the sample on wasm with a helper per further core', async () => {
    const { state, main, helper, startHelpers, runner } = setup(2, 'wasm');
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(helper.requests).toHaveLength(1));
    expect(startHelpers).toHaveBeenCalledWith(1, 'wasm', ['exlm']);
    expect(main.requests[0]!.sentences).toHaveLength(3);
    expect(helper.requests[0]).toMatchObject({ firstSentence: 3 });
    main.release();
    helper.release();
    await runner.idle();
    expect(state().experiment).toMatchObject({ status: 'done', results: RESULT });
    // From before the helpers started to the end.
    expect(state().experiment.elapsedMs).toBe(100);
    expect(state().experimentEstimate).toMatchObject({ source: 'run', workers: 2 });
    expect(helper.client.terminate).toHaveBeenCalled();
    expect(main.client.terminate).not.toHaveBeenCalled();
  });

  it('cancels every worker of the run', async () => {
    const { state, main, helper, runner } = setup(2, 'wasm');
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(helper.requests).toHaveLength(1));
    state().cancelExperiment();
    await runner.idle();
    expect([main.cancelled, helper.cancelled]).toEqual([[1], [1]]);
    expect(state().experiment.status).toBe('cancelled');
    expect(helper.client.terminate).toHaveBeenCalled();
  });

  it('fails with a message when a helper fails mid-run, keeps what was drawn, then runs alone', async () => {
    const { state, main, helper, startHelpers, runner } = setup(2, 'wasm');
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(helper.requests).toHaveLength(1));
    // The first ratio is on the chart when the helper dies.
    state().experimentProgress(progressWith(1, RESULT_POINT));
    helper.fail('Uncaught RuntimeError: Aborted()');
    await runner.idle();
    expect(state().experiment.status).toBe('error');
    expect(state().experiment.error).toBe(
      'one of its 2 workers failed (Uncaught RuntimeError: Aborted()) and the others were ' +
        "cancelled; the points already drawn stay. Run it again: the next run goes in the page's " +
        'own worker alone.',
    );
    expect(state().experiment.results).toEqual(RESULT_POINT);
    expect(main.cancelled).toEqual([1]);
    expect(helper.client.terminate).toHaveBeenCalled();
    expect(main.client.terminate).not.toHaveBeenCalled();
    // The next run: the page's worker alone, on every sentence.
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(2));
    expect(startHelpers).toHaveBeenCalledTimes(1);
    expect(main.requests[1]!.sentences).toHaveLength(6);
    main.release();
    await runner.idle();
    expect(state().experiment.status).toBe('done');
  });

  it.each([
    [1, 'wasm'],
    [8, 'webgpu'],
  ] as const)('runs alone on %i core(s) on %s', async (cores, backend) => {
    const { state, main, startHelpers, runner } = setup(cores, backend);
    state().startExperiment({ kind: 'sample' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(1));
    expect(startHelpers).not.toHaveBeenCalled();
    expect(main.requests[0]!.sentences).toHaveLength(6);
    main.release();
    await runner.idle();
    expect(state().experiment.status).toBe('done');
  });
});
