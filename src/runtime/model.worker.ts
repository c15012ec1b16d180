// The model worker: owns tfjs, the backend and the loaded models, so typing never waits on the
// model. Work runs one job at a time (a promise chain); an analysis whose request has been
// superseded by a newer one by the time its turn comes is skipped without computing anything.
import * as Comlink from 'comlink';

import type { Analysis } from '../model/types';
import { type BackendName, type BackendSupport, detectBackendSupport } from './backends';
import { type LoadedModel, loadModel } from './modelPort';
import type {
  AnalyzeReply,
  AnalyzeRequest,
  BackendReport,
  ModelLoadReport,
  ModelWorkerApi,
  RuntimeListener,
} from './protocol';
import { activateBackend, destroyGpuDevice, gpuDeviceLost } from './tfBackend';
import { fitToLimit } from './truncate';
import { warmUp } from './warmup';

interface ModelEntry {
  model: LoadedModel;
  urlPrefix: string;
  warmupText: string;
}

const support: BackendSupport = detectBackendSupport(
  self as unknown as Parameters<typeof detectBackendSupport>[0],
);
const models = new Map<string, ModelEntry>();
/** Backends that failed mid-session (device lost): never chosen again automatically. */
const broken: BackendName[] = [];
let listener: RuntimeListener | null = null;
let preferredBackend: BackendName | null = null;
let newestSeq = 0;
let queue: Promise<unknown> = Promise.resolve();

/** Runs jobs one after another; a failed job does not block the next. */
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const result = queue.then(job, job);
  queue = result.catch(() => undefined);
  return result;
}

async function loadAndWarm(
  name: string,
  urlPrefix: string,
  warmupText: string,
): Promise<ModelLoadReport> {
  const t0 = performance.now();
  const model = await loadModel(name, urlPrefix);
  const t1 = performance.now();
  try {
    await warmUp(() => model.analyze(warmupText, { topK: 1, attention: true }));
  } catch (error) {
    model.dispose();
    throw error;
  }
  models.set(name, { model, urlPrefix, warmupText });
  return { name, info: model.info, loadMs: t1 - t0, warmupMs: performance.now() - t1 };
}

/** After a backend change the weights must live on the new backend: load every model again. A
 *  model that fails is reported to the listener and left out; the others still load. */
async function reloadModels(): Promise<ModelLoadReport[]> {
  const entries = [...models.entries()];
  for (const [name, entry] of entries) {
    try {
      entry.model.dispose();
    } catch {
      // The old backend may be gone (device lost): its memory went with it.
    }
    models.delete(name);
  }
  const reports: ModelLoadReport[] = [];
  for (const [name, entry] of entries) {
    try {
      reports.push(await loadAndWarm(name, entry.urlPrefix, entry.warmupText));
    } catch (error) {
      listener?.modelFailed(name, error instanceof Error ? error.message : String(error));
    }
  }
  return reports;
}

async function activate(preferred: BackendName | null): Promise<BackendReport> {
  const { backend, failures } = await activateBackend(support, preferred, broken);
  watchDeviceLoss();
  return { backend, support, failures };
}

/** WebGPU devices can be lost (driver reset, GPU removed): fall back to the next backend. */
function watchDeviceLoss(): void {
  const lost = gpuDeviceLost();
  if (lost === null) return;
  void lost.then((message) =>
    enqueue(async () => {
      broken.push('webgpu');
      const backend = await activate(preferredBackend === 'webgpu' ? null : preferredBackend);
      const reloaded = await reloadModels();
      listener?.backendChanged(
        { backend, models: reloaded },
        `The WebGPU device was lost (${message}).`,
      );
    }),
  );
}

async function analyzeNow(request: AnalyzeRequest): Promise<AnalyzeReply> {
  if (request.seq < newestSeq) return { status: 'superseded', seq: request.seq };
  const entries = request.models.map((name) => {
    const entry = models.get(name);
    if (entry === undefined) throw new Error(`Model "${name}" is not loaded.`);
    return entry;
  });
  const first = entries[0];
  if (first === undefined) throw new Error('No model was named for the analysis.');
  const limit = first.model.info.config.max_positions;
  const truncation = fitToLimit(request.text, limit, (t) => first.model.countTokens(t));
  const text = truncation === null ? request.text : truncation.keptText;
  const analyses: Analysis[] = [];
  for (const entry of entries) {
    analyses.push(
      await entry.model.analyze(text, { topK: request.topK, attention: request.attention }),
    );
  }
  return { status: 'done', seq: request.seq, analyses, truncation };
}

const api: ModelWorkerApi = {
  start: (preferred, newListener) => {
    listener = newListener;
    preferredBackend = preferred;
    return enqueue(() => activate(preferred));
  },
  switchBackend: (preferred) => {
    preferredBackend = preferred;
    return enqueue(async () => {
      const backend = await activate(preferred);
      return { backend, models: await reloadModels() };
    });
  },
  loadModel: (name, urlPrefix, warmupText) =>
    enqueue(() => {
      models.get(name)?.model.dispose();
      models.delete(name);
      return loadAndWarm(name, urlPrefix, warmupText);
    }),
  unloadModel: (name) =>
    enqueue(async () => {
      models.get(name)?.model.dispose();
      models.delete(name);
    }),
  loseGpuDevice: () => enqueue(async () => destroyGpuDevice()),
  analyze: (request) => {
    newestSeq = Math.max(newestSeq, request.seq);
    return enqueue(() => analyzeNow(request));
  },
};

Comlink.expose(api);
