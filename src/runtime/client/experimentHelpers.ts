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

/**
 * Starts `count` model workers on `backend` with `models` loaded (each warmed up on `warmupText`),
 * all at once. A worker that cannot start or load is ended and left out (the run then goes on in
 * fewer); the caller ends the others after the run.
 */
export async function startExperimentHelpers(
  count: number,
  backend: BackendName,
  models: readonly HelperModel[],
  warmupText: string,
  start: () => ModelClient = startModelWorker,
): Promise<ModelClient[]> {
  const helpers = await Promise.all(
    Array.from({ length: count }, async () => {
      let client: ModelClient | null = null;
      try {
        client = start();
        const listener = client.listen({ backendChanged: () => {}, modelFailed: () => {} });
        const report = await client.api.start(backend, listener);
        if (report.backend !== backend) throw new Error(`the helper runs on ${report.backend}`);
        for (const { name, location } of models) {
          await client.api.loadModel(name, location, warmupText);
        }
        return client;
      } catch {
        client?.terminate();
        return null;
      }
    }),
  );
  return helpers.filter((helper): helper is ModelClient => helper !== null);
}
