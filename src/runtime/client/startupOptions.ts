// Options read once from the page address's query string (not the hash, which is the shareable
// document): `?backend=wasm` starts on that backend, for benchmarks and for users whose WebGPU
// misbehaves. A bad value is reported, never fatal.
import { BACKEND_ORDER, type BackendName, isBackendName } from '../../core/backends';

export interface StartupOptions {
  backend: BackendName | null;
  problems: string[];
}

export function readStartupOptions(search: string): StartupOptions {
  const params = new URLSearchParams(search);
  const raw = params.get('backend');
  if (raw === null || raw === '' || raw === 'auto') return { backend: null, problems: [] };
  if (isBackendName(raw)) return { backend: raw, problems: [] };
  const valid = BACKEND_ORDER.join(', ');
  return {
    backend: null,
    problems: [
      `The address asks for backend "${raw}", which does not exist (use one of ${valid}, or auto); the best available backend is used.`,
    ],
  };
}
