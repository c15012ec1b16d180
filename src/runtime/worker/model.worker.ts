// The model worker: owns tfjs, the backend and the loaded models, so typing never waits on the
// model. The dispatch lives in workerApi.ts; this file wires in the real effects and exposes it.
import * as tf from '@tensorflow/tfjs-core';
import * as Comlink from 'comlink';

import { probeAdapters } from './adapterProbe';
import { type BackendEnvironment, detectBackendSupport } from './backendChoice';
import { loadModel } from './modelPort';
import { activateBackend, destroyGpuDevice, gpuDeviceLost } from './tfBackend';
import { warmUp } from './warmup';
import { createWorkerApi } from './workerApi';

Comlink.expose(
  createWorkerApi({
    support: detectBackendSupport(self as unknown as BackendEnvironment),
    activateBackend,
    probeAdapters,
    loadModel,
    warmUp,
    gpuDeviceLost,
    destroyGpuDevice,
    now: () => performance.now(),
    memory: () => {
      const { numTensors, numBytes } = tf.memory();
      // Chromium's non-standard heap size, present in workers too.
      const heap = (performance as { memory?: { usedJSHeapSize: number } }).memory;
      return { numTensors, numBytes, jsHeapBytes: heap?.usedJSHeapSize ?? null };
    },
  }),
);
