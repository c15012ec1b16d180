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

/** Starts the model worker; `onError` hears of an error of the worker itself (a script that
 *  failed to load, an uncaught error, a message it could not read), which comlink never turns
 *  into a rejected call: the calls in flight then wait for ever. */
export function startModelWorker(onError?: (message: string) => void): ModelClient {
  const worker = new Worker(new URL('../worker/model.worker.ts', import.meta.url), {
    type: 'module',
  });
  if (onError !== undefined) {
    worker.addEventListener('error', (event) =>
      onError(event.message || 'its script could not load or run'),
    );
    worker.addEventListener('messageerror', () => onError('a message from it could not be read'));
  }
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
