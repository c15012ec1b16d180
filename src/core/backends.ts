// The tfjs backends by name, in the order the playground prefers them: WebGPU first because it is
// what the page is for, then WebGL, WASM and the plain-JavaScript CPU backend, the last resort that
// always works. Names and labels only; choosing and activating a backend is the worker's job.

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_ORDER)[number];

/** What an environment (a worker or the page) can run. */
export type BackendSupport = Record<BackendName, boolean>;

/** How the page names each backend for people. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value);
}

/** Parses a user-given backend name, failing with a message that lists the valid ones. */
export function parseBackendName(value: string): BackendName {
  if (isBackendName(value)) return value;
  throw new Error(`Unknown backend "${value}": use one of ${BACKEND_ORDER.join(', ')}.`);
}
