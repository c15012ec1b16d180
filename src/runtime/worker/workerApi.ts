// What the model worker does, as a factory over its effects (tfjs backends, model loading, warm-up)
// so that its dispatch can be unit tested with fakes; model.worker.ts wires in the real ones.
// Work runs one job at a time (a promise chain); an analysis whose request has been superseded by
// a newer one by the time its turn comes is skipped without computing anything.
import type { BackendName, BackendSupport } from '../../core/backends';
import { fitToLimit } from '../../core/truncation';
import type { Analysis } from '../../model/types';
import type {
  AnalyzeReply,
  AnalyzeRequest,
  BackendFailure,
  BackendReport,
  ModelLoadReport,
  ModelLocation,
  ModelWorkerApi,
  RuntimeListener,
} from '../protocol';
import type { LoadedModel, ModelLoader } from './modelPort';

/** The worker's effects: everything that touches tfjs or the network. */
export interface WorkerEffects {
  support: BackendSupport;
  activateBackend(
    support: BackendSupport,
    preferred: BackendName | null,
    exclude: readonly BackendName[],
  ): Promise<{ backend: BackendName; failures: BackendFailure[] }>;
  loadModel: ModelLoader;
  /** Runs `run` once or more so that the first real analysis is fast (shader compilation). */
  warmUp(run: () => Promise<unknown>): Promise<void>;
  /** Resolves with a message when the active WebGPU device is lost; null on other backends. */
  gpuDeviceLost(): Promise<string> | null;
  destroyGpuDevice(): boolean;
  now(): number;
  /** tfjs' tensor count and bytes, and the JavaScript heap in use (null where unknown). */
  memory(): { numTensors: number; numBytes: number; jsHeapBytes: number | null };
}

interface ModelEntry {
  model: LoadedModel;
  location: ModelLocation;
  warmupText: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createWorkerApi(effects: WorkerEffects): ModelWorkerApi {
  const models = new Map<string, ModelEntry>();
  /** Backends that failed mid-session (device lost): never chosen again automatically. */
  const broken: BackendName[] = [];
  let listener: RuntimeListener | null = null;
  let preferredBackend: BackendName | null = null;
  let newestSeq = 0;
  let activeBackend: BackendName | null = null;
  let analysesRun = 0;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs jobs one after another; a failed job does not block the next. */
  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = queue.then(job, job);
    queue = result.catch(() => undefined);
    return result;
  }

  function unload(name: string): void {
    try {
      models.get(name)?.model.dispose();
    } catch {
      // The old backend may be gone (device lost): its memory went with it.
    }
    models.delete(name);
  }

  async function loadAndWarm(
    name: string,
    location: ModelLocation,
    warmupText: string,
  ): Promise<ModelLoadReport> {
    const t0 = effects.now();
    const model = await effects.loadModel(name, location);
    const t1 = effects.now();
    try {
      await effects.warmUp(() => model.analyze(warmupText, { topK: 1, attention: true }));
    } catch (error) {
      model.dispose();
      throw error;
    }
    models.set(name, { model, location, warmupText });
    return { name, info: model.info, loadMs: t1 - t0, warmupMs: effects.now() - t1 };
  }

  /** After a backend change the weights must live on the new backend: load every model again. A
   *  model that fails is reported to the listener and left out; the others still load. */
  async function reloadModels(): Promise<ModelLoadReport[]> {
    const entries = [...models.entries()];
    for (const [name] of entries) unload(name);
    const reports: ModelLoadReport[] = [];
    for (const [name, entry] of entries) {
      try {
        reports.push(await loadAndWarm(name, entry.location, entry.warmupText));
      } catch (error) {
        listener?.modelFailed(name, errorText(error));
      }
    }
    return reports;
  }

  async function activate(preferred: BackendName | null): Promise<BackendReport> {
    activeBackend = null;
    const { backend, failures } = await effects.activateBackend(effects.support, preferred, broken);
    activeBackend = backend;
    watchDeviceLoss();
    return { backend, support: effects.support, failures };
  }

  /** WebGPU devices can be lost (driver reset, GPU removed): fall back to the next backend. */
  function watchDeviceLoss(): void {
    const lost = effects.gpuDeviceLost();
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
      }).catch((error: unknown) => {
        // No backend is left to fall back to: say so rather than fail silently.
        for (const name of [...models.keys()]) listener?.modelFailed(name, errorText(error));
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
      analysesRun += 1;
    }
    return { status: 'done', seq: request.seq, analyses, truncation };
  }

  return {
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
    loadModel: (name, location, warmupText) =>
      enqueue(() => {
        unload(name);
        return loadAndWarm(name, location, warmupText);
      }),
    unloadModel: (name) => enqueue(async () => unload(name)),
    loseGpuDevice: () => enqueue(async () => effects.destroyGpuDevice()),
    // Between jobs, so the counts never include a half-finished analysis.
    stats: () =>
      enqueue(async () => ({ backend: activeBackend, analyses: analysesRun, ...effects.memory() })),
    analyze: (request) => {
      newestSeq = Math.max(newestSeq, request.seq);
      return enqueue(() => analyzeNow(request));
    },
  };
}
