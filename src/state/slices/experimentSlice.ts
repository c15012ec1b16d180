// The mask-ratio experiment (src/model/maskRatio.ts): the views state intents (startExperiment,
// cancelExperiment); the controller follows them, runs the experiment in the worker and reports
// back through the setters, which keep only what concerns the newest run.
import type { StateCreator } from 'zustand';

import type { BackendName } from '../../core/backends';
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

/** How long a run takes on a backend with a set of models, as milliseconds per masking (every
 *  model's analysis of it): from a short timing in the worker, or from the last run, whose
 *  measure is the better one. 'timing' while the worker times it, 'failed' when it could not. */
export type ExperimentEstimate =
  | { phase: 'timing' | 'failed'; backend: BackendName; models: string[] }
  | {
      phase: 'ready';
      backend: BackendName;
      models: string[];
      msPerMasking: number;
      source: 'timing' | 'run';
      /** Sentences in the whole sample (the size of a run on "all"). */
      sampleSentences: number;
      /** The workers a run on the sample shares its maskings between, when more than one (CPU
       *  backends, experimentHelpers.ts): a timing's msPerMasking is one worker's, a run's is the
       *  whole run's. */
      workers?: number;
    };

export interface ExperimentSlice {
  experiment: ExperimentState;
  /** Kept across runs; null until the experiment panel has been opened with a model loaded. */
  experimentEstimate: ExperimentEstimate | null;
  setExperimentEstimate: (estimate: ExperimentEstimate | null) => void;
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

/** The models a run would use now: the ExLM, and its twin when it is loaded. */
export function experimentModels(s: Pick<PlaygroundState, 'modelNames' | 'modelLoad'>): string[] {
  const { exlm, mlm } = s.modelNames;
  if (exlm === null || s.modelLoad.exlm.phase !== 'ready') return [];
  return mlm !== null && s.modelLoad.mlm.phase === 'ready' ? [exlm, mlm] : [exlm];
}

/** Whether `estimate` is for this backend and these models (in order). */
export function estimateFits(
  estimate: ExperimentEstimate | null,
  backend: BackendName | null,
  models: readonly string[],
): boolean {
  return (
    estimate !== null &&
    estimate.backend === backend &&
    estimate.models.length === models.length &&
    estimate.models.every((name, i) => name === models[i])
  );
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
    experimentEstimate: null,
    setExperimentEstimate: (experimentEstimate) => set({ experimentEstimate }),
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
