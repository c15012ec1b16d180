// What the model worker does, as a factory over its effects (tfjs backends, model loading, warm-up)
// so that its dispatch can be unit tested with fakes; model.worker.ts wires in the real ones.
// Work runs one job at a time (a promise chain); an analysis whose request has been superseded by
// a newer one by the time its turn comes is skipped without computing anything. The mask-ratio
// experiment (experimentRun.ts) is many jobs, one batch of maskings each, so analyses asked for
// meanwhile go in between.
// "Best available" asks the adapters first (core/autoBackend.ts): a real GPU gets WebGPU at once;
// otherwise the page starts on the first candidate and the controller later asks for the timing
// (timeBackends), one job that leaves the worker on the fastest backend.
import {
  type AdapterReport,
  type AutoBackendState,
  type AutoChoice,
  type AutoPlan,
  type BackendTiming,
  fastestOf,
  planAutoBackend,
  withoutBroken,
} from '../../core/autoBackend';
import { BACKEND_ORDER, type BackendName, type BackendSupport } from '../../core/backends';
import { median } from '../../core/stats';
import { fitToLimit } from '../../core/truncation';
import type { Analysis } from '../../model/types';
import type {
  AnalyzeReply,
  AnalyzeRequest,
  BackendFailure,
  BackendReport,
  BackendSwitch,
  ModelLoadReport,
  ModelLocation,
  ModelWorkerApi,
  RuntimeListener,
  TimingRequest,
} from '../protocol';
import { type ExperimentHost, runExperiment, timeExperiment } from './experimentRun';
import type { LoadedModel, ModelLoader } from './modelPort';
import { timeRuns } from './timeRuns';

/** The worker's effects: everything that touches tfjs or the network. */
export interface WorkerEffects {
  support: BackendSupport;
  activateBackend(
    support: BackendSupport,
    preferred: BackendName | null,
    exclude: readonly BackendName[],
  ): Promise<{ backend: BackendName; failures: BackendFailure[] }>;
  /** What the browser says about the GPU under WebGPU and WebGL; never throws (a probe that fails
   *  reports "unknown"). */
  probeAdapters(support: BackendSupport): Promise<AdapterReport>;
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

/** A macrotask: lets messages that arrived meanwhile (an analysis, a cancel) be dispatched, which
 *  a run of promise jobs alone never does. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
  /** The adapters, probed once: they do not change under a running page. */
  let adapters: Promise<AdapterReport> | null = null;
  /** What the timing chose, kept for the session: "best available" goes back to it. */
  let timedChoice: AutoChoice | null = null;
  /** Whether the active WebGPU device is watched already (switching back to WebGPU finds the same
   *  device, which needs one watcher, not one per switch). */
  let watchingGpu = false;
  /** Experiment runs asked to stop. */
  const cancelledRuns = new Set<number>();

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

  /** "Best available" for the adapters here, leaving out backends that broke this session. */
  async function planAuto(): Promise<AutoPlan> {
    adapters ??= effects.probeAdapters(effects.support);
    return planAutoBackend(withoutBroken(effects.support, broken), await adapters);
  }

  /** Where "best available" starts: the timed winner once there is one, else what the adapters
   *  decide, else the first backend to time (the timing itself comes later, on a loaded model). */
  async function autoStart(): Promise<{ backend: BackendName; auto: AutoBackendState }> {
    if (timedChoice !== null && !broken.includes(timedChoice.backend)) {
      return { backend: timedChoice.backend, auto: { phase: 'chosen', choice: timedChoice } };
    }
    const plan = await planAuto();
    if (plan.choice !== null) {
      return { backend: plan.choice.backend, auto: { phase: 'chosen', choice: plan.choice } };
    }
    return { backend: plan.toTime[0]!, auto: { phase: 'due', plan } };
  }

  async function activate(preferred: BackendName | null): Promise<BackendReport> {
    activeBackend = null;
    const auto = preferred === null ? await autoStart() : null;
    const { backend, failures } = await effects.activateBackend(
      effects.support,
      auto?.backend ?? preferred,
      broken,
    );
    activeBackend = backend;
    watchDeviceLoss();
    return { backend, support: effects.support, failures, auto: auto?.auto ?? null };
  }

  /** Activates `backend` and nothing else (no fallback): a candidate being timed. */
  async function activateOnly(backend: BackendName): Promise<void> {
    activeBackend = null;
    const others = BACKEND_ORDER.filter((name) => name !== backend);
    await effects.activateBackend(effects.support, backend, [...new Set([...broken, ...others])]);
    activeBackend = backend;
  }

  function unloadAll(): void {
    for (const name of [...models.keys()]) unload(name);
  }

  /** Times one candidate on the model `request` names (the warm-up run excluded); loads it there
   *  first unless it is loaded on the active backend already. */
  async function timeOn(
    backend: BackendName,
    request: TimingRequest,
    location: ModelLocation,
  ): Promise<BackendTiming> {
    try {
      // A model loaded here is warmed up on this very text; one loaded before may not be.
      const fresh = backend !== activeBackend || !models.has(request.model);
      if (fresh) {
        await activateOnly(backend);
        unloadAll();
        await loadAndWarm(request.model, location, request.text);
      }
      const model = loadedModel(request.model);
      const options = { topK: request.topK, attention: request.attention };
      const run = () => model.analyze(request.text, options);
      const runsMs = await timeRuns(run, effects.now, { warmUp: !fresh });
      return { backend, ms: median(runsMs), runsMs };
    } catch (error) {
      return { backend, error: errorText(error) };
    }
  }

  /** Times the candidates (the active one first: its model is loaded), then settles on the
   *  fastest with every model that was loaded before. */
  async function timeBackends(request: TimingRequest): Promise<BackendSwitch> {
    const entries = [...models.entries()];
    const timed = entries.find(([name]) => name === request.model)?.[1];
    if (timed === undefined) throw new Error(`Model "${request.model}" is not loaded.`);
    const plan = await planAuto();
    const current = activeBackend;
    const order =
      current !== null && plan.toTime.includes(current)
        ? [current, ...plan.toTime.filter((name) => name !== current)]
        : plan.toTime;
    const timings: BackendTiming[] = [];
    for (const backend of order) timings.push(await timeOn(backend, request, timed.location));
    const lastTimed = activeBackend;
    const { backend, failures } = await effects.activateBackend(
      effects.support,
      fastestOf(timings),
      broken,
    );
    activeBackend = backend;
    watchDeviceLoss();
    timedChoice = { backend, by: 'timing', timings, skipped: plan.skipped };
    if (backend !== lastTimed) unloadAll();
    const reloaded: ModelLoadReport[] = [];
    for (const [name, entry] of entries) {
      if (models.has(name)) continue;
      try {
        reloaded.push(await loadAndWarm(name, entry.location, entry.warmupText));
      } catch (error) {
        listener?.modelFailed(name, errorText(error));
      }
    }
    const auto: AutoBackendState = { phase: 'chosen', choice: timedChoice };
    return { backend: { backend, support: effects.support, failures, auto }, models: reloaded };
  }

  /** WebGPU devices can be lost (driver reset, GPU removed): fall back to the next backend. */
  function watchDeviceLoss(): void {
    if (watchingGpu) return;
    const lost = effects.gpuDeviceLost();
    if (lost === null) return;
    watchingGpu = true;
    void lost.then((message) =>
      enqueue(async () => {
        watchingGpu = false;
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
      const bestFills = request.bestFills === true && entry === first;
      analyses.push(
        await entry.model.analyze(text, {
          topK: request.topK,
          attention: request.attention,
          bestFills,
        }),
      );
      analysesRun += 1;
    }
    return { status: 'done', seq: request.seq, analyses, truncation };
  }

  function loadedModel(name: string): LoadedModel {
    const entry = models.get(name);
    if (entry === undefined) throw new Error(`Model "${name}" is not loaded.`);
    return entry.model;
  }

  const experimentHost: ExperimentHost = {
    model: loadedModel,
    enqueue,
    yieldToMessages: nextTask,
    cancelled: (runId) => cancelledRuns.has(runId),
    analysesRun: (count) => (analysesRun += count),
    now: () => effects.now(),
  };

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
    timeBackends: (request) => enqueue(() => timeBackends(request)),
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
    runExperiment: async (request, onProgress) => {
      try {
        return await runExperiment(request, onProgress, experimentHost);
      } finally {
        cancelledRuns.delete(request.runId);
      }
    },
    timeExperiment: (request) => timeExperiment(request, experimentHost),
    // Not queued: it must reach a run that is waiting for its next turn.
    cancelExperiment: async (runId) => {
      cancelledRuns.add(runId);
    },
  };
}
