// The controller's part for the mask-ratio experiment: it follows the experiment intents in the
// store (startExperiment, cancelExperiment), reads the built-in sample once, runs the experiment in
// the worker with a progress callback and writes what happened back. The worker runs it one
// masking at a time, so ordinary analyses keep going meanwhile. The twin joins when it is loaded:
// the open experiment panel asks for it (selectTwinNeeded), and a run first waits for the model
// commands already queued (that load among them).
import {
  EXPERIMENT_RATIOS,
  EXPERIMENT_SEED,
  type ExperimentProgress,
  SENTENCE_REPEATS,
} from '../model/maskRatio';
import { type ExperimentSample, fetchExperimentSample } from '../runtime/client/experimentSample';
import type { ModelClient } from '../runtime/client/modelClient';
import type { ExperimentSentence } from '../runtime/protocol';
import type { PlaygroundState, PlaygroundStore } from '../state/store';

export interface ExperimentRunnerOptions {
  store: PlaygroundStore;
  client: ModelClient;
  readSample?: () => Promise<ExperimentSample>;
  /** Resolves once the model and backend commands queued so far have run. */
  commandsIdle: () => Promise<void>;
}

export interface ExperimentRunner {
  follow(s: PlaygroundState, prev: PlaygroundState): void;
  /** Resolves when the current run, if any, has ended (tests). */
  idle(): Promise<void>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createExperimentRunner({
  store,
  client,
  readSample = () => fetchExperimentSample(),
  commandsIdle,
}: ExperimentRunnerOptions): ExperimentRunner {
  const state = () => store.getState();
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
    try {
      await commandsIdle();
      const sentences = await sentencesFor(runId);
      const s = state();
      if (s.experiment.runId !== runId) return; // a newer run took over
      if (s.experiment.cancelRequested) {
        s.experimentFinished(runId, { status: 'cancelled', models: [], elapsedMs: 0 });
        return;
      }
      const { exlm, mlm } = s.modelNames;
      if (exlm === null || s.modelLoad.exlm.phase !== 'ready') {
        throw new Error('The model is not loaded yet: run the experiment once it is.');
      }
      const models = mlm !== null && s.modelLoad.mlm.phase === 'ready' ? [exlm, mlm] : [exlm];
      const repeats = s.experiment.kind === 'sentence' ? SENTENCE_REPEATS : 1;
      running = runId;
      s.experimentStarted(runId, { models, sentences: sentences.length, repeats });
      const onProgress = client.proxy((progress: ExperimentProgress) => {
        state().experimentProgress(progress);
      });
      const reply = await client.api.runExperiment(
        { runId, models, sentences, ratios: EXPERIMENT_RATIOS, repeats, seed: EXPERIMENT_SEED },
        onProgress,
      );
      state().experimentFinished(runId, reply);
    } catch (error) {
      state().experimentFailed(runId, errorText(error));
    } finally {
      if (running === runId) running = null;
    }
  }

  function cancel(runId: number): void {
    client.api.cancelExperiment(runId).catch(() => undefined);
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
