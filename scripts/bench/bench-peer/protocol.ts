// What the bench:peer page (scripts/bench/bench-peer/page.ts) exposes on `window`, and what it
// returns to scripts/bench/bench-peer.ts. Plain data only: page.evaluate carries JSON-like values
// (and -Infinity).
import type { OpTiming } from './profile';

/** Runtimes side by side: ours (src/model on tfjs) and onnxruntime-web on the exported graph. */
export type PeerRuntime = 'tfjs' | 'ort';
/** tfjs backend / onnxruntime-web execution provider: both have these two. */
export type PeerBackend = 'wasm' | 'webgpu';

/** The model and the one input every measurement uses. */
export interface PeerSpec {
  /** Folder name under /models/ (our runtime's files). */
  model: string;
  /** URL of the exported .onnx file. */
  onnxUrl: string;
  /** The masked text (ExlmModel reads it; its expansion must be the input below). */
  text: string;
  /** Source ids, [CLS] first and [SEP] last. */
  ids: number[];
  /** The expanded input (docs/design.md): T entries each, and the L state indices. */
  tokens: number[];
  pos1: number[];
  pos2: number[];
  states: number[];
}

/** One forward pass's outputs, row-major: log P_u [L, V] and links [L, L] (-Infinity off the DAG). */
export interface PeerOutputs {
  logProbs: number[];
  links: number[];
}

export interface PeerInfo {
  crossOriginIsolated: boolean;
  /** Threads each runtime runs WebAssembly on. */
  tfjsThreads: number;
  ortThreads: number;
  tfjsVersion: string;
  ortVersion: string;
  /** The WebGPU adapter, as the browser describes it; null without WebGPU. */
  gpuAdapter: string | null;
}

/** bench:peer --profile: the ops of each profiled forward pass, per runtime. */
export interface PeerProfile {
  /** tfjs' kernels as tf.profile reports them (kernelName, input shapes, kernelTimeMs). */
  tfjs: OpTiming[][];
  /** onnxruntime-web's nodes from its session profile; null where it was not taken (why). */
  ort: OpTiming[][] | null;
  ortSkipped: string | null;
  /** Wall ms of each profiled pass, inputs to outputs read back (what profiling adds shows
   *  against the timed median). */
  tfjsPassMs: number[];
  ortPassMs: number[] | null;
  /** tfjs' WebGPU compute dispatches in one forward pass; null on other backends. */
  dispatches: number | null;
}

export interface PeerBench {
  info(): Promise<PeerInfo>;
  /** Starts `runtime` on `backend` in a fresh page and computes the first result: ms from the
   *  call (backend start, model files fetched, weights or session built) to the outputs read back.
   *  Once per page: a tfjs backend starts once. */
  start(runtime: PeerRuntime, backend: PeerBackend, spec: PeerSpec): Promise<number>;
  /** Loads both runtimes on `backend` for timing; null when one of them started, else why not. */
  prepare(
    backend: PeerBackend,
    spec: PeerSpec,
  ): Promise<{ tfjs: string | null; ort: string | null }>;
  /** One forward pass of `runtime` (after prepare): ms from the inputs to the outputs read back. */
  run(runtime: PeerRuntime): Promise<number>;
  /** After prepare and warm-up runs: `passes` profiled forward passes of each runtime (tfjs on
   *  the prepared backend; onnxruntime-web on wasm only, in a profiling session of its own that
   *  first runs `warmup` passes unprofiled by us). */
  profile(passes: number, warmup: number): Promise<PeerProfile>;
  /** Outputs of both runtimes' forward passes, and of ExlmModel.inspect(spec.text). */
  outputs(): Promise<{
    tfjs: PeerOutputs | null;
    ort: PeerOutputs | null;
    runtime: PeerOutputs | null;
  }>;
}

declare global {
  interface Window {
    __peer?: PeerBench;
  }
}
