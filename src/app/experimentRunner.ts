// The controller's part for the mask-ratio experiment: it follows the experiment intents in the
// store (startExperiment, cancelExperiment), reads the built-in sample once, runs the experiment in
// the worker with a progress callback and writes what happened back. The worker runs it one
// masking at a time, so ordinary analyses keep going meanwhile. The twin joins when it is loaded:
// the open experiment panel asks for it (selectTwinNeeded), and a run first waits for the model
// commands already queued (that load among them). While the panel is open and no run goes, it
// keeps an estimate of a run's time for the backend and models in use (experimentEstimate): a
// short timing in the worker once per backend and pair of models, then the measure of each run on
// the sample.
import {
  ESTIMATE_RATIO,
  ESTIMATE_SENTENCES,
  EXPERIMENT_RATIOS,
  EXPERIMENT_SEED,
  type ExperimentProgress,
  SENTENCE_REPEATS,
} from '../model/maskRatio';
import type { BackendName } from '../core/backends';
import {
  type ExperimentHelper,
  experimentWorkerCount,
  HelperWorkerError,
} from '../runtime/client/experimentHelpers';
import { type ExperimentSample, fetchExperimentSample } from '../runtime/client/experimentSample';
import { runShardedExperiment } from '../runtime/client/experimentShards';
import type { ModelClient } from '../runtime/client/modelClient';
import type { ExperimentReply, ExperimentSentence } from '../runtime/protocol';
import { estimateFits, experimentBusy, experimentModels } from '../state/slices/experimentSlice';
import type { PlaygroundState, PlaygroundStore } from '../state/store';

export interface ExperimentRunnerOptions {
  store: PlaygroundStore;
  client: ModelClient;
  readSample?: () => Promise<ExperimentSample>;
  /** Resolves once the model and backend commands queued so far have run. */
  commandsIdle: () => Promise<void>;
  /** Starts `count` more workers on `backend` with `models` loaded, for a run on the sample on a
   *  CPU backend (experimentHelpers.ts); without it every run goes in the page's worker alone. */
  startHelpers?: (
    count: number,
    backend: BackendName,
    models: string[],
  ) => Promise<ExperimentHelper[]>;
  /** Logical cores (navigator.hardwareConcurrency). */
  cores?: () => number;
  now?: () => number;
}

export interface ExperimentRunner {
  follow(s: PlaygroundState, prev: PlaygroundState): void;
  /** Resolves when the current run, if any, has ended (tests). */
  idle(): Promise<void>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the panel says when a helper worker failed mid-run ("The experiment stopped: ..."): what
 *  happened, what stays, and that a new run goes in the page's worker alone. */
function helperFailureText(error: HelperWorkerError, workers: number, drawn: boolean): string {
  return (
    `one of its ${workers} workers failed (${error.reason}) and the others were cancelled` +
    (drawn ? '; the points already drawn stay' : '') +
    ". Run it again: the next run goes in the page's own worker alone."
  );
}

export function createExperimentRunner({
  store,
  client,
  readSample = () => fetchExperimentSample(),
  commandsIdle,
  startHelpers,
  cores = () => globalThis.navigator?.hardwareConcurrency ?? 1,
  now = () => performance.now(),
}: ExperimentRunnerOptions): ExperimentRunner {
  const state = () => store.getState();
  /** The workers a run on the sample uses on `backend` (the page's own included). */
  const workersFor = (backend: BackendName | null): number =>
    startHelpers === undefined || helperFailed ? 1 : experimentWorkerCount(backend, cores());
  /** Whether a helper worker has failed mid-run: later runs go in the page's worker alone. */
  let helperFailed = false;
  /** The helpers of the newest run, if any (for a cancel). */
  let helpers: ModelClient[] = [];
  let sample: Promise<ExperimentSample> | null = null;
  /** The run the worker is computing, if any. */
  let running: number | null = null;
  let current: Promise<void> = Promise.resolve();

  function loadSample(): Promise<ExperimentSample> {
    sample ??= readSample().catch((error: unknown) => {
      sample = null; // try again on the next run
      throw error;
    });
    return sample;
  }

  async function sentencesFor(runId: number): Promise<ExperimentSentence[]> {
    const { kind, limit, words } = state().experiment;
    if (kind === 'sentence') {
      if (words.length === 0) throw new Error('The editor is empty: type a sentence first.');
      return [{ words }];
    }
    const { sentences } = await loadSample();
    return state().experiment.runId === runId ? sentences.slice(0, limit ?? undefined) : [];
  }

  async function run(runId: number): Promise<void> {
    /** This run's helpers (none unless it runs on the sample in several workers). */
    let own: ExperimentHelper[] = [];
    try {
      await commandsIdle();
      const sentences = await sentencesFor(runId);
      const s = state();
      if (s.experiment.runId !== runId) return; // a newer run took over
      if (s.experiment.cancelRequested) {
        s.experimentFinished(runId, { status: 'cancelled', models: [], elapsedMs: 0 });
        return;
      }
      const models = experimentModels(s);
      if (models.length === 0) {
        throw new Error('The model is not loaded yet: run the experiment once it is.');
      }
      const repeats = s.experiment.kind === 'sentence' ? SENTENCE_REPEATS : 1;
      running = runId;
      s.experimentStarted(runId, { models, sentences: sentences.length, repeats });
      const started = now();
      const workers = s.experiment.kind === 'sample' ? workersFor(s.activeBackend) : 1;
      if (workers > 1) {
        own = await startHelpers!(workers - 1, s.activeBackend!, models);
        helpers = own;
      }
      const request = {
        runId,
        models,
        sentences,
        ratios: EXPERIMENT_RATIOS,
        repeats,
        seed: EXPERIMENT_SEED,
      };
      const onProgress = (progress: ExperimentProgress) => state().experimentProgress(progress);
      let reply: ExperimentReply;
      if (own.length === 0) {
        reply = await client.api.runExperiment(request, client.proxy(onProgress));
      } else if (state().experiment.cancelRequested) {
        reply = { runId, status: 'cancelled', models: [], elapsedMs: now() - started };
      } else {
        // The helpers' start counts in the run's time.
        const sharded = await runShardedExperiment([client, ...own], request, onProgress);
        reply = { ...sharded, elapsedMs: now() - started };
      }
      state().experimentFinished(runId, reply);
      const backend = state().activeBackend;
      const maskings = sentences.length * repeats * EXPERIMENT_RATIOS.length;
      if (reply.status === 'done' && s.experiment.kind === 'sample' && backend !== null) {
        state().setExperimentEstimate({
          phase: 'ready',
          backend,
          models,
          msPerMasking: reply.elapsedMs / maskings,
          source: 'run',
          ...(own.length > 0 ? { workers: own.length + 1 } : {}),
          sampleSentences: (await loadSample()).sentences.length,
        });
      }
    } catch (error) {
      if (error instanceof HelperWorkerError) {
        helperFailed = true;
        state().experimentFailed(
          runId,
          helperFailureText(
            error,
            own.length + 1,
            state().experiment.results.some((r) => r.points.length > 0),
          ),
        );
        // The estimate shared the time out over workers the next run will not have.
        state().setExperimentEstimate(null);
      } else state().experimentFailed(runId, errorText(error));
    } finally {
      if (running === runId) running = null;
      own.forEach((helper) => helper.terminate());
      if (helpers === own) helpers = [];
    }
  }

  /** Whether the estimate should be timed now: the panel is open, the models it would use are
   *  settled (the twin loaded or failed), no run goes, and there is none for them here. */
  function timingDue(s: PlaygroundState): boolean {
    const backend = s.activeBackend;
    const models = experimentModels(s);
    const twinSettled =
      s.modelNames.mlm === null || ['ready', 'error'].includes(s.modelLoad.mlm.phase);
    return (
      s.openViews.includes('experiment') &&
      backend !== null &&
      models.length > 0 &&
      twinSettled &&
      !experimentBusy(s.experiment) &&
      !estimateFits(s.experimentEstimate, backend, models)
    );
  }

  /** Times a few sentences of the sample in the worker for the estimate. A timing that fails is
   *  not tried again for the same backend and models (the page then says nothing of the time). */
  async function timeRun(): Promise<void> {
    const s = state();
    const backend = s.activeBackend!;
    const models = experimentModels(s);
    s.setExperimentEstimate({ phase: 'timing', backend, models });
    try {
      await commandsIdle();
      const { sentences } = await loadSample();
      const msPerMasking = await client.api.timeExperiment({
        models,
        sentences: sentences.slice(0, ESTIMATE_SENTENCES),
        ratio: ESTIMATE_RATIO,
        seed: EXPERIMENT_SEED,
      });
      // Only if nothing moved meanwhile (another backend, a run that measured it better).
      const now = state().experimentEstimate;
      if (now?.phase === 'timing' && estimateFits(now, backend, models)) {
        state().setExperimentEstimate({
          phase: 'ready',
          backend,
          models,
          msPerMasking,
          source: 'timing',
          sampleSentences: sentences.length,
          ...(workersFor(backend) > 1 ? { workers: workersFor(backend) } : {}),
        });
      }
    } catch {
      // The estimate is a courtesy: the run itself reports what goes wrong.
      if (estimateFits(state().experimentEstimate, backend, models)) {
        state().setExperimentEstimate({ phase: 'failed', backend, models });
      }
    }
  }

  function cancel(runId: number): void {
    for (const worker of [client, ...helpers]) {
      worker.api.cancelExperiment(runId).catch(() => undefined);
    }
  }

  return {
    follow(s, prev) {
      const now = s.experiment;
      const before = prev.experiment;
      if (now.runId !== before.runId && now.status === 'starting') {
        if (running !== null) cancel(running);
        current = run(now.runId);
      }
      if (now.cancelRequested && !before.cancelRequested && running === now.runId) {
        cancel(now.runId);
      }
      if (timingDue(s)) void timeRun();
    },
    idle: async () => {
      let seen: Promise<void> | null = null;
      while (seen !== current) {
        seen = current;
        await seen;
      }
    },
  };
}
