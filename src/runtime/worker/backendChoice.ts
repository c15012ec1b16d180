// Which tfjs backend the worker tries, in which order (BACKEND_ORDER in src/core, the preferred one
// first). Choosing is a pure function so it can be unit tested; feature detection lives in
// detectBackendSupport, which only reads the environment it is given.
import { BACKEND_ORDER, type BackendName, type BackendSupport } from '../../core/backends';

/**
 * The backends to try, best first: the preferred one (when given and supported), then the rest of
 * BACKEND_ORDER that the environment supports, skipping any in `exclude` (backends that already
 * failed this session). Empty only when nothing at all is supported.
 */
export function backendCandidates(
  support: BackendSupport,
  preferred: BackendName | null = null,
  exclude: readonly BackendName[] = [],
): BackendName[] {
  const usable = BACKEND_ORDER.filter((name) => support[name] && !exclude.includes(name));
  if (preferred === null || !usable.includes(preferred)) return usable;
  return [preferred, ...usable.filter((name) => name !== preferred)];
}

/** The environment probed by detectBackendSupport: a subset of a WorkerGlobalScope or Window. */
export interface BackendEnvironment {
  navigator?: { gpu?: unknown };
  OffscreenCanvas?: unknown;
  WebAssembly?: unknown;
}

/**
 * Feature detection, cheap and synchronous: an API being present is necessary, not sufficient
 * (WebGPU may still fail to give an adapter), so activation falls back along the candidates.
 */
export function detectBackendSupport(env: BackendEnvironment): BackendSupport {
  return {
    webgpu: env.navigator?.gpu !== undefined,
    // Inside a worker tfjs' WebGL backend draws on an OffscreenCanvas.
    webgl: typeof env.OffscreenCanvas === 'function',
    wasm: typeof env.WebAssembly === 'object' && env.WebAssembly !== null,
    cpu: true,
  };
}
