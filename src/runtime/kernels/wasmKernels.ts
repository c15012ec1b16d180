// The model's own kernels for tfjs-backend-wasm (src/model/ops.ts names them; the model runs the
// composite of tfjs kernels on a backend without them). Registered by whoever starts the wasm
// backend: the model worker (worker/tfBackend.ts), bench:peer's page, the tests.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';

import { attentionConfig } from './attention';
import { attentionBlockConfig, feedForwardConfig } from './blocks';
import { headsMatMulConfig } from './headsMatMul';
import { logSoftmaxConfig } from './logSoftmax';
import { addNormalizeConfig, normalizeConfig } from './normalize';
import { scaledGeluConfig } from './scaledGelu';

const CONFIGS = [
  scaledGeluConfig,
  headsMatMulConfig,
  normalizeConfig,
  attentionConfig,
  logSoftmaxConfig,
  addNormalizeConfig,
  attentionBlockConfig,
  feedForwardConfig,
];

/** Registers the kernels for the wasm backend; idempotent. They need nothing from the backend
 *  at registration, so this may run before or after tf.setBackend('wasm'). */
export function registerWasmKernels(): void {
  for (const config of CONFIGS)
    if (getKernel(config.kernelName, config.backendName) === undefined) registerKernel(config);
}

/** Removes them again, so the model runs its composites (bench:experiment times both in one
 *  process); idempotent. */
export function unregisterWasmKernels(): void {
  for (const config of CONFIGS)
    if (getKernel(config.kernelName, config.backendName) !== undefined)
      unregisterKernel(config.kernelName, config.backendName);
}
