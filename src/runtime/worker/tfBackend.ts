// Activates a tfjs backend inside the model worker. Each backend package is imported only when it
// is tried, so a page that runs on WebGPU never downloads the WASM glue and the other way round.
import * as tf from '@tensorflow/tfjs-core';

import type { BackendName, BackendSupport } from '../../core/backends';
import type { BackendFailure } from '../protocol';
import { registerWasmKernels } from '../kernels/wasmKernels';
import { registerWebGpuKernels } from '../kernels/webgpu/webgpuKernels';
import { backendCandidates } from './backendChoice';

// vite.config.ts serves tfjs-backend-wasm's .wasm binaries under /wasm/ (dev, preview and build),
// so nothing is fetched from a CDN. The threaded build is switched off below.
const WASM_PATH = `${import.meta.env.BASE_URL}wasm/`;

/** Registers the tfjs backend package for `name` (idempotent: module imports run once). */
async function registerBackendPackage(name: BackendName): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      // The model's own WGSL kernels (src/runtime/kernels/webgpu): fewer dispatches per pass.
      registerWebGpuKernels();
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(WASM_PATH);
      // Single-threaded SIMD, although the page is cross-origin isolated. tfjs would pick its
      // threaded SIMD build here, and that build cannot start in this worker, for two reasons
      // (both reproduced in headless Chromium, with a Vite build of a module worker that imports
      // tfjs-backend-wasm as this one does, served cross-origin isolated):
      // 1. tfjs hands each pthread worker the Emscripten factory as the source text
      //    `wasmFactoryThreadedSimd.toString()`: the inner function alone, without the closure
      //    that holds `_scriptDir`. Unminified, its uses of `_scriptDir` sit behind `typeof`
      //    guards; the bundle's minifier renames it to `e` and drops the guards, so every pthread
      //    worker dies with "ReferenceError: e is not defined".
      // 2. That source and the pthread worker script both reach the worker as blob: URLs (tfjs
      //    wraps them in Blobs; neither can be configured), and our CSP (scripts/build/csp.ts:
      //    worker-src 'self', no blob: in script-src) refuses them: the 8 pool workers are never
      //    created and tf.setBackend('wasm') never settles.
      // With both fixed (toString() of the factory replaced by the file's own source, imported
      // with Vite's ?raw, and blob: added to worker-src and script-src) the threaded build runs.
      // tfjs then gives XNNPACK min(8, navigator.hardwareConcurrency / 2) threads (1 on a 2-core
      // machine), which the dense layers' matmuls use, and the attention's too (the model's own
      // attention kernel runs them through XNNPACK head by head, src/runtime/kernels). Until the
      // CSP allows blob:, this stays off: without the flag, the
      // backend would hang instead of failing over to the next one.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // The model's own kernels for wasm (src/runtime/kernels): its GELU in one kernel, attention's
      // batched matmuls through XNNPACK.
      registerWasmKernels();
      return;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

export interface ActivatedBackend {
  backend: BackendName;
  failures: BackendFailure[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Tries one backend; throws unless tfjs really runs on it afterwards. */
async function tryBackend(name: BackendName): Promise<void> {
  await registerBackendPackage(name);
  // setBackend resolves false (rather than throwing) when the factory fails, e.g. no GPU adapter.
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs could not initialise the ${name} backend`);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tfjs is on ${tf.getBackend()} instead`);
}

/**
 * Activates the first backend that works among the candidates (preferred first, then the design's
 * order), skipping `exclude`. Reports the one really in use and why the better ones failed.
 */
export async function activateBackend(
  support: BackendSupport,
  preferred: BackendName | null,
  exclude: readonly BackendName[] = [],
): Promise<ActivatedBackend> {
  const failures: BackendFailure[] = unsupportedPreference(support, preferred, exclude);
  for (const name of backendCandidates(support, preferred, exclude)) {
    try {
      await tryBackend(name);
      return { backend: name, failures };
    } catch (error) {
      failures.push({ backend: name, reason: errorText(error) });
    }
  }
  const tried = failures.map((f) => `${f.backend}: ${f.reason}`).join('; ');
  throw new Error(`No tfjs backend could start (${tried}).`);
}

/** A preferred backend that cannot be tried counts as a failure worth telling the user about. */
function unsupportedPreference(
  support: BackendSupport,
  preferred: BackendName | null,
  exclude: readonly BackendName[],
): BackendFailure[] {
  if (preferred === null) return [];
  if (!support[preferred]) return [{ backend: preferred, reason: 'not available in this browser' }];
  if (exclude.includes(preferred)) {
    return [
      {
        backend: preferred,
        reason: 'it failed earlier in this session (reload the page to try it again)',
      },
    ];
  }
  return [];
}

/** The part of a GPUDevice we use (the project does not pull in the WebGPU type package). */
interface LosableDevice {
  lost: Promise<{ message: string; reason?: string }>;
  destroy(): void;
}

/** Resolves with a message when the active WebGPU device is lost; null on other backends. */
export function gpuDeviceLost(): Promise<string> | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const device = (tf.backend() as unknown as { device?: LosableDevice }).device;
  if (device === undefined) return null;
  return device.lost.then((info) => info.message || info.reason || 'no reason given');
}

/** Destroys the active WebGPU device, as a driver reset would (e2e tests of the fallback).
 *  Returns false when not on WebGPU. */
export function destroyGpuDevice(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  const device = (tf.backend() as unknown as { device?: LosableDevice }).device;
  if (device === undefined) return false;
  device.destroy();
  return true;
}
