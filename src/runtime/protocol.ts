// The typed message API between the page and the model worker (carried by comlink). Everything
// here is plain data: results are the model's Analysis objects (typed arrays, no tensors).
import type { AutoBackendState } from '../core/autoBackend';
import type { BackendName, BackendSupport } from '../core/backends';
import type { Truncation } from '../core/truncation';
import type { ExperimentModelResult, ExperimentProgress } from '../model/maskRatio';
import type { Analysis, ModelInfo } from '../model/types';

/** One failed attempt, kept so the page can say why it is not on the backend it wanted. */
export interface BackendFailure {
  backend: BackendName;
  reason: string;
}

export interface BackendReport {
  /** The backend tfjs really runs on now. */
  backend: BackendName;
  /** What the worker's environment offers (feature detection). */
  support: BackendSupport;
  /** Better backends that were tried and failed, with the reason, best first. */
  failures: BackendFailure[];
  /** How "best available" chose, or that timing is still due; null when the user named one. */
  auto: AutoBackendState | null;
}

/** Where a model folder's files come from: served by the page's own origin, or handed over by the
 *  user (a folder opened from disk; Blobs cross the thread boundary without copying). */
export type ModelLocation =
  { kind: 'url'; urlPrefix: string } | { kind: 'files'; files: ReadonlyMap<string, Blob> };

export interface ModelLoadReport {
  name: string;
  info: ModelInfo;
  /** Fetch + parse + upload of the weights, in ms. */
  loadMs: number;
  /** Shader compilation and the first run, in ms. */
  warmupMs: number;
}

export interface AnalyzeRequest {
  /** Sequence number from the store: a newer request supersedes every older one. */
  seq: number;
  /** The masked text (literal [MASK] tokens). */
  text: string;
  /** Loaded model names to run on the same text (the ExLM first, then its MLM twin). */
  models: string[];
  topK: number;
  attention: boolean;
  /** List the first model's N best joint fills (Analysis.bestFills), which the molecule page's
   *  structure view shows; default false (the twin's are never shown). */
  bestFills?: boolean;
}

export type AnalyzeReply =
  | {
      status: 'done';
      seq: number;
      /** One per requested model, in request order. */
      analyses: Analysis[];
      /** Set when the text was longer than the model allows and its end was cut. */
      truncation: Truncation | null;
    }
  /** A newer request arrived before this one started; nothing was computed. */
  | { status: 'superseded'; seq: number };

/** What "best available" times each candidate backend on: one loaded model, on the text and with
 *  the options of the analysis the page shows. */
export interface TimingRequest {
  model: string;
  text: string;
  topK: number;
  attention: boolean;
}

/** A backend change: the new backend and the models reloaded on it. */
export interface BackendSwitch {
  backend: BackendReport;
  models: ModelLoadReport[];
}

/** Called by the worker when it changes backend on its own (device lost). */
export interface RuntimeListener {
  backendChanged(change: BackendSwitch, reason: string): void;
  /** A model could not be reloaded after a backend change. */
  modelFailed(name: string, message: string): void;
}

/** What the worker holds, for soak tests and diagnostics: flat over a long session when nothing
 *  leaks. */
export interface RuntimeStats {
  backend: BackendName | null;
  /** tfjs tensors alive, and the bytes they hold. */
  numTensors: number;
  numBytes: number;
  /** The worker's JavaScript heap in use, where the browser reports it (Chromium); else null. */
  jsHeapBytes: number | null;
  /** Analyses computed since the worker started. */
  analyses: number;
}

/** One sentence of the mask-ratio experiment, as words (the tokenizer's words: joined by spaces,
 *  they tokenize to the sentence). */
export interface ExperimentSentence {
  words: string[];
  /** Indices of the words that may be masked; absent: the words the ExLM's tokenizer reads as one
   *  piece that is not a special token. */
  maskable?: number[];
}

/** The mask-ratio experiment (src/model/maskRatio.ts): every sentence at every ratio, `repeats`
 *  random maskings each, run through every model. */
export interface ExperimentRequest {
  runId: number;
  /** Loaded model names (the ExLM first, then its MLM twin). */
  models: string[];
  sentences: ExperimentSentence[];
  ratios: readonly number[];
  repeats: number;
  seed: number;
  /** Maskings per forward pass (default EXPERIMENT_BATCH); 1 analyses them one by one. */
  batchSize?: number;
  /** The number of the first sentence in the whole run (default 0), when this request is a share
   *  of it (runShardedExperiment): each sentence is masked as in the whole run. */
  firstSentence?: number;
}

/** A short timing of the experiment for an estimate of a run's time: a batch of maskings of the
 *  first sentences at one ratio through every model, once to warm up and twice timed. */
export interface ExperimentTimingRequest {
  models: string[];
  sentences: ExperimentSentence[];
  ratio: number;
  seed: number;
}

export interface ExperimentReply {
  runId: number;
  /** 'cancelled': stopped between two batches; `models` holds the ratios finished before. */
  status: 'done' | 'cancelled';
  models: ExperimentModelResult[];
  /** From the start of the run to its end, in ms (ordinary analyses in between included). */
  elapsedMs: number;
}

export interface ModelWorkerApi {
  /** Activates the preferred backend (or the best available one). */
  start(preferred: BackendName | null, listener: RuntimeListener): Promise<BackendReport>;
  /** Moves to another backend and reloads the loaded models on it. */
  switchBackend(preferred: BackendName | null): Promise<BackendSwitch>;
  /** When "best available" could not trust the adapter: times the candidate backends on one
   *  loaded model, moves to the fastest and reloads the loaded models there. The report's `auto`
   *  holds the timings. */
  timeBackends(request: TimingRequest): Promise<BackendSwitch>;
  /** Loads a model folder under `name`, then warms it up on `warmupText`. */
  loadModel(name: string, location: ModelLocation, warmupText: string): Promise<ModelLoadReport>;
  unloadModel(name: string): Promise<void>;
  analyze(request: AnalyzeRequest): Promise<AnalyzeReply>;
  /** Runs the mask-ratio experiment a batch of maskings at a time, letting analyses requested
   *  meanwhile go first; `onProgress` (a comlink proxy) hears after every batch. */
  runExperiment(
    request: ExperimentRequest,
    onProgress: (progress: ExperimentProgress) => void,
  ): Promise<ExperimentReply>;
  /** Stops the run `runId` before its next batch of maskings (it then answers 'cancelled'). */
  cancelExperiment(runId: number): Promise<void>;
  /** Milliseconds per masking (all models) on the active backend, from a short timing. */
  timeExperiment(request: ExperimentTimingRequest): Promise<number>;
  /** Destroys the WebGPU device as a driver reset would, to test the fallback; false when the
   *  worker is not on WebGPU. */
  loseGpuDevice(): Promise<boolean>;
  stats(): Promise<RuntimeStats>;
}
