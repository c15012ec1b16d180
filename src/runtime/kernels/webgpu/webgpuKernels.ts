// The model's own kernels for tfjs-backend-webgpu (src/model/ops.ts names them; the model runs the
// composite of tfjs kernels on a backend without them): WGSL programs that do in one or two
// dispatches what the composites do in several. Registered by whoever starts the webgpu backend:
// the model worker (worker/tfBackend.ts), bench:peer's page, the e2e kernel check.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';

import { attentionWebGpuConfig } from './attention';
import { logSoftmaxWebGpuConfig } from './logSoftmax';
import { normalizeWebGpuConfig } from './normalize';
import { scaledGeluWebGpuConfig } from './scaledGelu';

const CONFIGS = [
  scaledGeluWebGpuConfig,
  normalizeWebGpuConfig,
  attentionWebGpuConfig,
  logSoftmaxWebGpuConfig,
];

/** Registers the kernels for the webgpu backend; idempotent. They need nothing from the backend
 *  at registration, so this may run before or after tf.setBackend('webgpu'). */
export function registerWebGpuKernels(): void {
  for (const config of CONFIGS)
    if (getKernel(config.kernelName, config.backendName) === undefined) registerKernel(config);
}

/** Removes them again, so the model runs its composites (the kernel check compares both in one
 *  page); idempotent. */
export function unregisterWebGpuKernels(): void {
  for (const config of CONFIGS)
    if (getKernel(config.kernelName, config.backendName) !== undefined)
      unregisterKernel(config.kernelName, config.backendName);
}
