// Options read once from the page address's query string (not the hash, which is the shareable
// document): `?backend=wasm` starts on that backend, for benchmarks and for users whose WebGPU
// misbehaves; `?dev=1` turns on the development options (the model picker also offers the
// random-weight test models). A bad value is reported, never fatal.
import { BACKEND_ORDER, type BackendName, isBackendName } from '../../core/backends';

export interface StartupOptions {
  backend: BackendName | null;
  /** Development options: `?dev=1` (or `?dev`, `?dev=true`). */
  dev: boolean;
  problems: string[];
}

const DEV_ON = ['', '1', 'true', 'yes', 'on'];
const DEV_OFF = ['0', 'false', 'no', 'off'];

function readDev(raw: string | null, problems: string[]): boolean {
  if (raw === null) return false;
  const value = raw.toLowerCase();
  if (DEV_ON.includes(value)) return true;
  if (!DEV_OFF.includes(value)) {
    problems.push(
      `The address asks for dev=${raw}, which is neither on nor off (use dev=1 or dev=0); the development options stay off.`,
    );
  }
  return false;
}

function readBackend(raw: string | null, problems: string[]): BackendName | null {
  if (raw === null || raw === '' || raw === 'auto') return null;
  if (isBackendName(raw)) return raw;
  const valid = BACKEND_ORDER.join(', ');
  problems.push(
    `The address asks for backend "${raw}", which does not exist (use one of ${valid}, or auto); the best available backend is used.`,
  );
  return null;
}

export function readStartupOptions(search: string): StartupOptions {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const backend = readBackend(params.get('backend'), problems);
  const dev = readDev(params.get('dev'), problems);
  return { backend, dev, problems };
}
