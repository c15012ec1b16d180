// The mask-ratio experiment (src/model/maskRatio.ts): the views state intents (startExperiment,
// cancelExperiment); the controller follows them, runs the experiment in the worker and reports
// back through the setters, which keep only what concerns the newest run.
import type { StateCreator } from 'zustand';

import { splitWords } from '../../core/words';
import type { ExperimentModelResult, ExperimentProgress } from '../../model/maskRatio';
import type { PlaygroundState } from '../store';

/** 'sample': the held-out test sentences shipped with the page; 'sentence': the editor's sentence,
 *  masked at random many times per ratio. */
export type ExperimentKind = 'sample' | 'sentence';

export interface ExperimentIntent {
  kind: ExperimentKind;
  /** 'sample' only: the first `limit` sentences of the sample (all when absent). */
  limit?: number;
}

export type ExperimentStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'error';

export interface ExperimentState {
  /** Bumped by every startExperiment: the controller starts a run when it changes. */
  runId: number;
  kind: ExperimentKind;
  limit: number | null;
  /** The words of the editor's sentence when the run was asked for ('sentence' runs). */
  words: string[];
  status: ExperimentStatus;
  /** Cancel was asked for and the run has not stopped yet. */
  cancelRequested: boolean;
  /** What the run covers, once it has started: model names (the ExLM first), sentences, maskings
   *  per sentence and ratio. */
  models: string[];
  sentences: number;
  repeats: number;
  progress: ExperimentProgress | null;
  /** Per model, the ratios finished so far. */
  results: ExperimentModelResult[];
  elapsedMs: number | null;
  error: string | null;
}

export interface ExperimentSlice {
  experiment: ExperimentState;
  startExperiment: (intent: ExperimentIntent) => void;
  cancelExperiment: () => void;
  /** Controller: the run `runId` has started with these models and sizes. */
  experimentStarted: (
    runId: number,
    scope: { models: string[]; sentences: number; repeats: number },
  ) => void;
  experimentProgress: (progress: ExperimentProgress) => void;
  experimentFinished: (
    runId: number,
    outcome: {
      status: 'done' | 'cancelled';
      models: ExperimentModelResult[];
      elapsedMs: number;
    },
  ) => void;
  experimentFailed: (runId: number, message: string) => void;
}

export const INITIAL_EXPERIMENT: ExperimentState = {
  runId: 0,
  kind: 'sample',
  limit: null,
  words: [],
  status: 'idle',
  cancelRequested: false,
  models: [],
  sentences: 0,
  repeats: 0,
  progress: null,
  results: [],
  elapsedMs: null,
  error: null,
};

function pointCount(results: readonly ExperimentModelResult[]): number {
  return results.reduce((n, r) => n + r.points.length, 0);
}

/** True while a run is starting or running. */
export function experimentBusy(experiment: ExperimentState): boolean {
  return experiment.status === 'starting' || experiment.status === 'running';
}

export const createExperimentSlice: StateCreator<PlaygroundState, [], [], ExperimentSlice> = (
  set,
  get,
) => {
  /** Applies `change` to the experiment only while `runId` is the newest run. */
  const update = (runId: number, change: Partial<ExperimentState>) => {
    if (get().experiment.runId !== runId) return;
    set((s) => ({ experiment: { ...s.experiment, ...change } }));
  };
  return {
    experiment: INITIAL_EXPERIMENT,
    startExperiment: ({ kind, limit }) =>
      set((s) => ({
        experiment: {
          ...INITIAL_EXPERIMENT,
          runId: s.experiment.runId + 1,
          kind,
          limit: kind === 'sample' && limit !== undefined && limit >= 1 ? Math.floor(limit) : null,
          words: splitWords(s.text)
            .filter((word) => !word.ignored)
            .map((word) => word.text),
          status: 'starting',
        },
      })),
    cancelExperiment: () => {
      const { experiment } = get();
      if (!experimentBusy(experiment) || experiment.cancelRequested) return;
      update(experiment.runId, { cancelRequested: true });
    },
    experimentStarted: (runId, scope) => update(runId, { status: 'running', ...scope }),
    // A report that arrives after the run's answer changes nothing; the results change (and the
    // charts redraw) only when a ratio has finished.
    experimentProgress: (progress) => {
      const { status, results } = get().experiment;
      if (status !== 'running') return;
      const finished = pointCount(progress.models) !== pointCount(results);
      update(progress.runId, finished ? { progress, results: progress.models } : { progress });
    },
    experimentFinished: (runId, { status, models, elapsedMs }) =>
      update(runId, { status, results: models, elapsedMs, cancelRequested: false }),
    experimentFailed: (runId, message) =>
      update(runId, { status: 'error', error: message, cancelRequested: false }),
  };
};
