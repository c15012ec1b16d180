// "Best available": which backend the page runs on when the user has not named one. A real GPU under
// WebGPU is taken at once, as it is what the page is for and nothing else comes close. A software
// adapter (Chromium's SwiftShader, Mesa's llvmpipe, Windows' Basic Render Driver) emulates the GPU
// on the CPU, and there WebGPU and WebGL are many times slower than WebAssembly; when the adapter is
// software or cannot be told, the worker times the candidates on the loaded model and the fastest
// wins. The plan and the pick are pure, so they are unit tested; probing and timing live in the
// worker, the sentence that explains the pick in the status view.
import type { BackendName, BackendSupport } from './backends';

/** What the browser says about the GPU under a backend: a real one, an emulation on the CPU, or
 *  nothing that tells the two apart. */
export type AdapterKind = 'hardware' | 'software' | 'unknown';

export interface AdapterInfo {
  kind: AdapterKind;
  /** What it is called, for people ("SwiftShader", "NVIDIA GeForce RTX 3060"); "" when unsaid. */
  name: string;
}

/** The adapters under the two GPU backends; null where the backend has none (no API, no adapter). */
export interface AdapterReport {
  webgpu: AdapterInfo | null;
  webgl: AdapterInfo | null;
}

/** A backend that "best available" leaves out of the timing, and why. */
export interface SkippedBackend {
  backend: BackendName;
  /** 'software': its adapter emulates the GPU on the CPU, far slower than WebAssembly there;
   *  'no-adapter': the API exists but the browser gives no adapter. */
  reason: 'software' | 'no-adapter';
  /** The adapter's name, when known ("SwiftShader"). */
  adapter: string;
}

/** How one backend did in the timing. */
export type BackendTiming =
  | {
      backend: BackendName;
      /** The median of the timed analyses (the warm-up run excluded), in ms. */
      ms: number;
      /** Every timed analysis, in ms, in the order they ran. */
      runsMs: number[];
    }
  | { backend: BackendName; error: string };

export interface AutoPlan {
  /** The choice the adapters alone make (a real GPU, or a single candidate left); null when the
   *  backends in `toTime` must be timed. */
  choice: AutoChoice | null;
  /** The backends to time, in order (the page starts on the first); empty when `choice` is set. */
  toTime: BackendName[];
  skipped: SkippedBackend[];
  adapters: AdapterReport;
}

/** What "best available" settled on, and what it was based on. */
export interface AutoChoice {
  backend: BackendName;
  /** 'gpu': a real GPU under WebGPU (or WebGL, where WebGPU is missing), taken without timing;
   *  'only': the one candidate left once software adapters were skipped; 'timing': the fastest
   *  of the timed candidates. */
  by: 'gpu' | 'only' | 'timing';
  timings: BackendTiming[];
  skipped: SkippedBackend[];
}

/** Where "best available" stands, for the page: timing still due (the worker runs on the first
 *  candidate meanwhile), running, or settled. */
export type AutoBackendState =
  { phase: 'due' | 'timing'; plan: AutoPlan } | { phase: 'chosen'; choice: AutoChoice };

/** Analyses timed per candidate, after one untimed warm-up run: the median of three shrugs off
 *  one run slowed by something else on the machine, and costs little on the fast backends. */
export const TIMED_RUNS = 3;

/** The order candidates are timed in: WebAssembly first (the page starts there, and on a machine
 *  without a real GPU it gives the first prediction soonest), the GPU emulations after it. */
const TIMING_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

/**
 * What "best available" does with these adapters: take a real GPU at once, or time the backends
 * that could be fastest. WebGPU on a known software adapter is not timed (its shaders compile for
 * seconds on the CPU, and then each analysis takes a second or more); WebGL is, even on software,
 * as it starts in well under a second; the plain-JavaScript CPU backend only when WebAssembly is
 * missing, as it never beats it.
 */
export function planAutoBackend(support: BackendSupport, adapters: AdapterReport): AutoPlan {
  const webgpu = support.webgpu ? adapters.webgpu : null;
  const webgl = support.webgl ? adapters.webgl : null;
  const untimed = (
    backend: BackendName,
    by: AutoChoice['by'],
    skipped: SkippedBackend[] = [],
  ): AutoPlan => ({
    choice: { backend, by, timings: [], skipped },
    toTime: [],
    skipped,
    adapters,
  });
  if (webgpu?.kind === 'hardware') return untimed('webgpu', 'gpu');
  if (webgpu === null && webgl?.kind === 'hardware') return untimed('webgl', 'gpu');

  const skipped: SkippedBackend[] = [];
  if (support.webgpu && webgpu === null) {
    skipped.push({ backend: 'webgpu', reason: 'no-adapter', adapter: '' });
  }
  if (webgpu?.kind === 'software') {
    skipped.push({ backend: 'webgpu', reason: 'software', adapter: webgpu.name });
  }
  const worthTiming: Record<BackendName, boolean> = {
    wasm: support.wasm,
    webgl: webgl !== null,
    webgpu: webgpu?.kind === 'unknown',
    cpu: !support.wasm,
  };
  const toTime = TIMING_ORDER.filter((name) => worthTiming[name]);
  if (toTime.length > 1) return { choice: null, toTime, skipped, adapters };
  return untimed(toTime[0] ?? 'cpu', 'only', skipped);
}

/** The fastest timed backend (lowest median; a tie goes to the one timed first); null when every
 *  candidate failed (the worker then falls back along BACKEND_ORDER, as without timing). */
export function fastestOf(timings: readonly BackendTiming[]): BackendName | null {
  let best: { backend: BackendName; ms: number } | null = null;
  for (const timing of timings) {
    if ('error' in timing) continue;
    if (best === null || timing.ms < best.ms) best = { backend: timing.backend, ms: timing.ms };
  }
  return best?.backend ?? null;
}

/** The plan without the backends that broke this session (a lost WebGPU device): as if the
 *  browser did not offer them. */
export function withoutBroken(
  support: BackendSupport,
  broken: readonly BackendName[],
): BackendSupport {
  const usable = (name: BackendName) => support[name] && !broken.includes(name);
  return {
    webgpu: usable('webgpu'),
    webgl: usable('webgl'),
    wasm: usable('wasm'),
    cpu: usable('cpu'),
  };
}
