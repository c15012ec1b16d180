// Extra model workers for one run of the mask-ratio experiment on the sample, on a backend that
// computes on the CPU (wasm, cpu: one core per worker, so the cores share the run;
// runShardedExperiment). Each holds its own copy of the models and is ended after the run, so a
// page that is not running the experiment holds one worker only.
import type { BackendName } from '../../core/backends';
import type { ModelLocation } from '../protocol';
import { type ModelClient, startModelWorker } from './modelClient';

/** Backends whose work runs on the worker's own thread: more workers use more cores. */
const CPU_BACKENDS: ReadonlySet<BackendName> = new Set(['wasm', 'cpu']);

/** Workers at most for one run, the page's own included: each loads its own models, and past a
 *  few cores the shares get short. */
export const MAX_EXPERIMENT_WORKERS = 4;

/** How many workers a run on the sample uses on `backend` with `cores` logical cores (the
 *  browser's navigator.hardwareConcurrency): one per core up to MAX_EXPERIMENT_WORKERS on a CPU
 *  backend, else one (GPU backends share one device). */
export function experimentWorkerCount(backend: BackendName | null, cores: number): number {
  if (backend === null || !CPU_BACKENDS.has(backend)) return 1;
  return Math.max(1, Math.min(MAX_EXPERIMENT_WORKERS, Math.floor(cores)));
}

export interface HelperModel {
  name: string;
  location: ModelLocation;
}

/** What a helper worker reported when it stopped mid-run (its 'error' event): the run cannot
 *  get its share back. */
export class HelperWorkerError extends Error {
  constructor(readonly reason: string) {
    super(`a helper worker of the run stopped: ${reason}`);
    this.name = 'HelperWorkerError';
  }
}

/** A helper worker and its end: `failed` rejects with a HelperWorkerError as soon as the worker
 *  reports an error of its own, so that a run can stop instead of waiting for a reply comlink
 *  will never give. */
export interface ExperimentHelper extends ModelClient {
  failed: Promise<never>;
}

/** Starts a model worker that tells `onError` of an error of the worker itself. */
type StartHelperWorker = (onError: (message: string) => void) => ModelClient;

/** Rejects on the first `onError` call (and is marked handled: a helper that fails while nobody
 *  races it, after its share is done, ends with the run all the same). */
function failureSignal(): { failed: Promise<never>; onError: (message: string) => void } {
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined);
  return { failed, onError: (message) => fail(new HelperWorkerError(message)) };
}

/**
 * Starts `count` model workers on `backend` with `models` loaded (each warmed up on `warmupText`),
 * all at once. A worker that cannot start or load (a rejected call, or an error of the worker
 * itself while it starts) is ended and left out (the run then goes on in fewer); the caller ends
 * the others after the run.
 */
export async function startExperimentHelpers(
  count: number,
  backend: BackendName,
  models: readonly HelperModel[],
  warmupText: string,
  start: StartHelperWorker = startModelWorker,
): Promise<ExperimentHelper[]> {
  const helpers = await Promise.all(
    Array.from({ length: count }, async (): Promise<ExperimentHelper | null> => {
      const { failed, onError } = failureSignal();
      let client: ModelClient | null = null;
      try {
        const started = start(onError);
        client = started;
        const load = async () => {
          const listener = started.listen({ backendChanged: () => {}, modelFailed: () => {} });
          const report = await started.api.start(backend, listener);
          if (report.backend !== backend) throw new Error(`the helper runs on ${report.backend}`);
          for (const { name, location } of models) {
            await started.api.loadModel(name, location, warmupText);
          }
        };
        await Promise.race([load(), failed]);
        return { ...started, failed };
      } catch {
        client?.terminate();
        return null;
      }
    }),
  );
  return helpers.filter((helper): helper is ExperimentHelper => helper !== null);
}
