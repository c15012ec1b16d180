// The page's handle on the model worker: starts it and wraps its API with comlink.
import * as Comlink from 'comlink';

import type { ModelWorkerApi, RuntimeListener } from './protocol';

export interface ModelClient {
  api: Comlink.Remote<ModelWorkerApi>;
  /** Wraps a listener so the worker can call it back across the thread boundary. */
  listen(listener: RuntimeListener): RuntimeListener;
  terminate(): void;
}

export function startModelWorker(): ModelClient {
  const worker = new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<ModelWorkerApi>(worker);
  return {
    api,
    listen: (listener) => Comlink.proxy(listener),
    terminate: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
