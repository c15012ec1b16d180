// The page's handle on the model worker: starts it and wraps its API with comlink. The rest of the
// page sees only ModelClient, so tests can hand the controller a fake one.
import * as Comlink from 'comlink';

import type { ModelWorkerApi, RuntimeListener } from '../protocol';

export interface ModelClient {
  api: ModelWorkerApi;
  /** Wraps a listener so the worker can call it back across the thread boundary. */
  listen(listener: RuntimeListener): RuntimeListener;
  /** Wraps a callback (experiment progress) so the worker can call it across the boundary. */
  proxy<T extends object>(callback: T): T;
  terminate(): void;
}

export function startModelWorker(): ModelClient {
  const worker = new Worker(new URL('../worker/model.worker.ts', import.meta.url), {
    type: 'module',
  });
  const remote = Comlink.wrap<ModelWorkerApi>(worker);
  return {
    api: remote,
    listen: (listener) => Comlink.proxy(listener),
    proxy: (callback) => Comlink.proxy(callback),
    terminate: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
