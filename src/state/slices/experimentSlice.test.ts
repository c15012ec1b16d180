import { describe, expect, it } from 'vitest';

import { RatioTally } from '../../model/evalMetrics';
import { selectTwinNeeded } from '../selectors';
import { createPlaygroundStore } from '../store';

const progress = (runId: number, done: number) => ({
  runId,
  ratio: 0.05,
  ratioIndex: 0,
  ratioCount: 10,
  done,
  perRatio: 5,
  models: [],
});

describe('the experiment slice', () => {
  it('starts a run with its kind, size and the editor words at that moment', () => {
    const store = createPlaygroundStore();
    store.getState().setText('the cat sat .');
    store.getState().startExperiment({ kind: 'sample', limit: 5 });
    expect(store.getState().experiment).toMatchObject({
      runId: 1,
      kind: 'sample',
      limit: 5,
      status: 'starting',
      words: ['the', 'cat', 'sat', '.'],
    });
    store.getState().startExperiment({ kind: 'sample', limit: 0 });
    expect(store.getState().experiment).toMatchObject({ runId: 2, limit: null });
  });

  it('keeps only the newest run: reports of an older one change nothing', () => {
    const store = createPlaygroundStore();
    store.getState().startExperiment({ kind: 'sample' });
    store.getState().startExperiment({ kind: 'sentence' });
    store.getState().experimentStarted(1, { models: ['old'], sentences: 9, repeats: 1 });
    store.getState().experimentFailed(1, 'old run');
    expect(store.getState().experiment).toMatchObject({
      runId: 2,
      status: 'starting',
      error: null,
    });
    store.getState().experimentStarted(2, { models: ['m'], sentences: 1, repeats: 20 });
    store.getState().experimentProgress(progress(2, 3));
    expect(store.getState().experiment).toMatchObject({ status: 'running', progress: { done: 3 } });
    store.getState().experimentFinished(2, { status: 'done', models: [], elapsedMs: 10 });
    // A progress report that arrives after the answer is dropped.
    store.getState().experimentProgress(progress(2, 4));
    expect(store.getState().experiment).toMatchObject({ status: 'done', progress: { done: 3 } });
  });

  it('replaces the results (and so redraws the charts) only when a ratio has finished', () => {
    const store = createPlaygroundStore();
    store.getState().startExperiment({ kind: 'sample' });
    store.getState().experimentStarted(1, { models: ['m'], sentences: 5, repeats: 1 });
    const none = { model: 'm', architecture: 'exlm' as const, points: [] };
    store.getState().experimentProgress({ ...progress(1, 1), models: [none] });
    const before = store.getState().experiment.results;
    store.getState().experimentProgress({ ...progress(1, 2), models: [{ ...none }] });
    expect(store.getState().experiment.results).toBe(before);
    expect(store.getState().experiment.progress?.done).toBe(2);
    const spread = { min: 1, q25: 1, median: 1, q75: 1, max: 1 };
    const maskings = { masks: [], top1: [], top5: [], entropy: [] };
    const point = { ...new RatioTally(0.05).result(), words: 10, entropySpread: spread, maskings };
    store
      .getState()
      .experimentProgress({ ...progress(1, 5), models: [{ ...none, points: [point] }] });
    expect(store.getState().experiment.results[0]?.points).toHaveLength(1);
  });

  it('asks to cancel only a run that is going', () => {
    const store = createPlaygroundStore();
    store.getState().cancelExperiment();
    expect(store.getState().experiment.cancelRequested).toBe(false);
    store.getState().startExperiment({ kind: 'sample' });
    store.getState().cancelExperiment();
    expect(store.getState().experiment.cancelRequested).toBe(true);
    store.getState().experimentFinished(1, { status: 'cancelled', models: [], elapsedMs: 1 });
    expect(store.getState().experiment).toMatchObject({
      status: 'cancelled',
      cancelRequested: false,
    });
  });

  it('needs the twin while the experiment panel is open', () => {
    const store = createPlaygroundStore();
    store.getState().setOpenViews(['predictions']);
    expect(selectTwinNeeded(store.getState())).toBe(false);
    store.getState().toggleView('experiment');
    expect(selectTwinNeeded(store.getState())).toBe(true);
  });
});
