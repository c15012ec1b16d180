// Shader warm-up at model load. On WebGPU, tfjs compiles each shader the first time it runs, one
// after another; with WEBGPU_ENGINE_COMPILE_ONLY set it only creates the pipelines (in parallel),
// and checkCompileCompletionAsync waits for all of them. One real run afterwards fills the buffer
// pools, so the user's first analysis is not the slow one.
import * as tf from '@tensorflow/tfjs-core';

interface CompilingBackend {
  checkCompileCompletionAsync(): Promise<void>;
}

export async function warmUp(run: () => Promise<unknown>): Promise<void> {
  if (tf.getBackend() === 'webgpu') {
    const before = tf.memory().numTensors;
    tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
    try {
      await run();
    } catch {
      // Expected: reading results back is impossible in compile-only mode (tfjs returns no data),
      // so the run stops at its first read-back, after the encoder's shaders have been created.
    } finally {
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
    }
    await (tf.backend() as unknown as CompilingBackend).checkCompileCompletionAsync();
    const leaked = tf.memory().numTensors - before;
    if (leaked > 0) console.warn(`warm-up: ${leaked} tensors left by the compile-only pass`);
  }
  await run();
}
