// Connects the store to the model worker. It follows the store and nothing else: the views and the
// link state intents there (a model, a backend, a retry; the text, masks and view options), the
// controller turns them into worker calls and writes what happened back (load states, the backend
// in use, results). Analyses are debounced, numbered, and only the newest answer is kept. A model
// folder opened from disk loads alone (no twin) from the files the store keeps; every other model
// from /models/<name>/: the mode's own pair (text or molecules) unless one of the mode's models is
// asked for. "Best available" on a software (or unknown) GPU adapter starts on the first
// candidate; once the ExLM is loaded, the worker times the candidates on it and settles on the
// fastest, and the store keeps the timings for the status view.
// Data flows one way: store -> controller -> worker -> plain results -> store.
import { type CatalogEntry, type ModelChoice, chooseModels } from '../core/catalog';
import type { BackendName } from '../core/backends';
import { ANALYSIS_DEBOUNCE_MS, DEFAULT_MASKS, DEFAULT_TEXT, DEFAULT_TOP_K } from '../core/defaults';
import { maskedText } from '../core/words';
import { describeBackendReport } from '../runtime/client/backendNotice';
import { startExperimentHelpers } from '../runtime/client/experimentHelpers';
import { fetchCatalog, modelUrl } from '../runtime/client/catalog';
import type { ExperimentSample } from '../runtime/client/experimentSample';
import { type ModelClient, startModelWorker } from '../runtime/client/modelClient';
import type {
  BackendReport,
  BackendSwitch,
  ModelLoadReport,
  ModelLocation,
  RuntimeListener,
  RuntimeStats,
} from '../runtime/protocol';
import {
  type AnalysisPlan,
  selectAnalysisPlan,
  selectModelInput,
  selectTwinNeeded,
} from '../state/selectors';
import type { PlaygroundState, PlaygroundStore } from '../state/store';
import type { LocalModel, ModelRole } from '../state/types';
import { createExperimentRunner } from './experimentRunner';

export interface PlaygroundController {
  /** Reads the catalog, starts the worker and loads the requested models. */
  start(): Promise<void>;
  /** Resolves once every command issued so far has finished (tests). */
  idle(): Promise<void>;
  /** Test hook: makes the worker lose its WebGPU device; false when not on WebGPU. */
  loseGpuDevice(): Promise<boolean>;
  /** Test hook: what the worker holds (tensors, heap, analyses run), for soak runs. */
  runtimeStats(): Promise<RuntimeStats>;
  stop(): void;
}

export interface ControllerOptions {
  readCatalog?: () => Promise<CatalogEntry[]>;
  /** The mask-ratio experiment's built-in sample (default: fetched from the site). */
  readExperimentSample?: () => Promise<ExperimentSample>;
  debounceMs?: number;
  now?: () => number;
}

const ROLES: readonly ModelRole[] = ['exlm', 'mlm'];

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createController(
  store: PlaygroundStore,
  client: ModelClient = startModelWorker(),
  options: ControllerOptions = {},
): PlaygroundController {
  const readCatalog = options.readCatalog ?? (() => fetchCatalog());
  const debounceMs = options.debounceMs ?? ANALYSIS_DEBOUNCE_MS;
  const now = options.now ?? (() => performance.now());
  const state = () => store.getState();

  let started = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastPlanKey = 'null';
  /** The plan of the analysis waiting for its debounce, if any. */
  let pendingPlan: AnalysisPlan | null = null;
  /** Model and backend commands run one at a time, in the order the store asked for them. */
  let commands: Promise<void> = Promise.resolve();
  /** The folder from disk whose files were last loaded: opening another folder under the same
   *  name must load again. */
  let loadedLocal: LocalModel | null = null;
  /** The worker said "best available" still has to time the backends. */
  let timingDue = false;

  function command(job: () => Promise<void>): Promise<void> {
    commands = commands.then(job).catch((error: unknown) => {
      state().setRuntimeError(`Unexpected runtime error: ${errorText(error)}`);
    });
    return commands;
  }

  function markReady(role: ModelRole, report: ModelLoadReport): void {
    state().setModelLoad(role, {
      phase: 'ready',
      info: report.info,
      loadMs: report.loadMs + report.warmupMs,
    });
  }

  function roleOf(name: string): ModelRole | null {
    const names = state().modelNames;
    return ROLES.find((role) => names[role] === name) ?? null;
  }

  function noteBackend(report: BackendReport, reason: string | null): void {
    state().setActiveBackend(report.backend, describeBackendReport(report, reason));
    state().setAutoBackend(report.auto);
    timingDue = report.auto?.phase === 'due';
  }

  function applySwitch(change: BackendSwitch, reason: string | null): void {
    noteBackend(change.backend, reason);
    for (const report of change.models) {
      const role = roleOf(report.name);
      if (role !== null) markReady(role, report);
    }
  }

  /** Where model `name` is read from: the folder opened from disk, else the page's origin. */
  function locationOf(name: string): ModelLocation {
    const local = state().localModel;
    return local !== null && local.name === name
      ? { kind: 'files', files: local.files }
      : { kind: 'url', urlPrefix: modelUrl(name) };
  }

  async function loadRole(role: ModelRole): Promise<void> {
    const name = state().modelNames[role];
    if (name === null) {
      state().setModelLoad(role, { phase: 'idle' });
      return;
    }
    state().setModelLoad(role, { phase: 'loading' });
    const location = locationOf(name);
    if (location.kind === 'files') loadedLocal = state().localModel;
    try {
      markReady(role, await client.api.loadModel(name, location, selectModelInput(state())));
    } catch (error) {
      state().setModelLoad(role, { phase: 'error', message: errorText(error) });
    }
  }

  async function loadModels(): Promise<void> {
    // The ExLM first: it is what the page shows. The twin only when a view needs it (Compare):
    // most visits never open it, and its load would compete with the first prediction.
    await loadRole('exlm');
    flushAnalysis();
    // Before the twin: the timing moves the loaded models, and the twin then loads once, on the
    // backend that won.
    await timeBackendsIfDue();
    if (selectTwinNeeded(state())) await loadRole('mlm');
    else state().setModelLoad('mlm', { phase: 'idle' });
  }

  /** Loads the twin once a view needs it, if it is not loaded or loading already. */
  function loadTwinWhenNeeded(s: PlaygroundState, prev: PlaygroundState): void {
    if (!selectTwinNeeded(s) || selectTwinNeeded(prev)) return;
    if (s.modelNames.mlm === null || s.modelLoad.mlm.phase !== 'idle') return;
    void command(() => loadRole('mlm'));
  }

  /** The pair for the request: a folder from disk alone, else as the catalog resolves it. */
  function choose(s: PlaygroundState): ModelChoice & { fresh: boolean } {
    const local = s.localModel;
    if (local !== null && s.requestedModel === local.name) {
      const pair = { exlm: local.name, mlm: null };
      return { pair, missing: null, otherDomain: null, fresh: local !== loadedLocal };
    }
    return { ...chooseModels(s.requestedModel, s.catalog ?? [], s.mode), fresh: false };
  }

  /** Resolves the requested model against the catalog and loads the pair (if it changed). */
  async function selectModels(): Promise<void> {
    const s = state();
    const { pair, missing, otherDomain, fresh } = choose(s);
    if (missing !== null) {
      s.addNotice(
        'warning',
        `The model "${missing}" was not found under /models/; showing "${pair.exlm}" instead.`,
      );
    }
    if (otherDomain !== null) {
      const [reads, mode] =
        s.mode === 'molecules' ? ['English text', 'Molecules'] : ['molecules (SMILES)', 'Text'];
      s.addNotice(
        'warning',
        `The model "${otherDomain}" reads ${reads}, not the input of ${mode} mode; showing "${pair.exlm}" instead. Switch modes to use it.`,
      );
    }
    const old = s.modelNames;
    const unchanged = old.exlm === pair.exlm && old.mlm === pair.mlm;
    if (unchanged && !fresh && ROLES.every((role) => s.modelLoad[role].phase !== 'error')) return;
    for (const previous of [old.exlm, old.mlm]) {
      if (previous !== null && previous !== pair.exlm && previous !== pair.mlm) {
        await client.api.unloadModel(previous);
      }
    }
    state().setModelNames(pair);
    await loadModels();
  }

  async function switchBackend(name: BackendName | null): Promise<void> {
    const loaded = ROLES.filter((role) => state().modelLoad[role].phase === 'ready');
    state().setActiveBackend(null, null);
    state().setAutoBackend(null);
    state().setRuntimeError(null);
    for (const role of loaded) state().setModelLoad(role, { phase: 'loading' });
    try {
      applySwitch(await client.api.switchBackend(name), null);
    } catch (error) {
      const message = `Switching backend failed: ${errorText(error)}`;
      state().setRuntimeError(message);
      for (const role of loaded) state().setModelLoad(role, { phase: 'error', message });
      return;
    }
    await timeBackendsIfDue();
  }

  /** "Best available" without a trusted adapter: sends the prediction first, then has the worker
   *  time the candidates on the loaded ExLM (the text and options of that prediction) and move to
   *  the fastest; analyses again when that moved it. Never while the user's own choice holds. */
  async function timeBackendsIfDue(): Promise<void> {
    const s = state();
    const model = s.modelNames.exlm;
    const auto = s.autoBackend;
    if (!timingDue || s.preferredBackend !== null || auto === null || auto.phase === 'chosen') {
      return;
    }
    if (model === null || s.modelLoad.exlm.phase !== 'ready') return;
    timingDue = false;
    flushAnalysis();
    const plan = selectAnalysisPlan(s);
    const before = s.activeBackend;
    s.setAutoBackend({ phase: 'timing', plan: auto.plan });
    try {
      const change = await client.api.timeBackends({
        model,
        text: plan?.input ?? maskedText(DEFAULT_TEXT, DEFAULT_MASKS),
        topK: plan?.topK ?? DEFAULT_TOP_K,
        attention: plan?.attention ?? false,
      });
      applySwitch(change, null);
      if (change.backend.backend !== before) scheduleAnalysis(true);
    } catch (error) {
      state().setAutoBackend(null);
      state().addNotice(
        'warning',
        `Timing the backends failed (${errorText(error)}); the page stays on ${before ?? 'its backend'}.`,
      );
    }
  }

  async function runAnalysis(plan: AnalysisPlan): Promise<void> {
    const seq = state().beginAnalysis();
    const started = now();
    try {
      const reply = await client.api.analyze({
        seq,
        text: plan.input,
        models: plan.models,
        topK: plan.topK,
        attention: plan.attention,
        // The structure view looks for the best fill that is a molecule among the ExLM's.
        bestFills: state().mode === 'molecules',
      });
      if (reply.status !== 'done') return;
      const [first, twin] = reply.analyses;
      if (first === undefined) throw new Error('The worker returned no analysis.');
      state().acceptResult({
        seq,
        input: plan.input,
        exlm: first,
        mlm: twin ?? null,
        truncation: reply.truncation,
        roundTripMs: now() - started,
      });
    } catch (error) {
      state().failAnalysis(seq, errorText(error));
    }
  }

  /** A new plan (text, masks, options, a model becoming ready) starts a new analysis after the
   *  debounce; the same plan again does nothing. */
  function scheduleAnalysis(force = false): void {
    const plan = selectAnalysisPlan(state());
    const key = JSON.stringify(plan);
    if (key === lastPlanKey && !force) return;
    lastPlanKey = key;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (plan === null) {
      if (state().results !== null || state().analyzing) state().clearResults();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      void runAnalysis(plan);
    }, debounceMs);
    pendingPlan = plan;
  }

  /** Sends a debounced analysis now: the worker runs jobs in order, so the first prediction goes
   *  ahead of the twin's load instead of waiting for it. */
  function flushAnalysis(): void {
    if (timer === null || pendingPlan === null) return;
    clearTimeout(timer);
    timer = null;
    void runAnalysis(pendingPlan);
  }

  function follow(s: PlaygroundState, prev: PlaygroundState): void {
    if (!started || stopped) return;
    if (s.preferredBackend !== prev.preferredBackend) {
      const wanted = s.preferredBackend;
      void command(() => switchBackend(wanted));
    }
    if (
      s.requestedModel !== prev.requestedModel ||
      s.localModel !== prev.localModel ||
      s.mode !== prev.mode
    ) {
      void command(selectModels);
    }
    if (s.modelLoadAttempt !== prev.modelLoadAttempt) void command(loadModels);
    loadTwinWhenNeeded(s, prev);
    scheduleAnalysis();
    experiments.follow(s, prev);
  }

  // The mask-ratio experiment runs beside the commands, after those already queued (a twin load).
  const experiments = createExperimentRunner({
    store,
    client,
    readSample: options.readExperimentSample,
    commandsIdle: () => commands,
    // More workers for a run on the sample on wasm or cpu (none where workers cannot start).
    startHelpers: (count, backend, models) =>
      startExperimentHelpers(
        count,
        backend,
        models.map((name) => ({ name, location: locationOf(name) })),
        selectModelInput(state()),
      ),
  });
  const unsubscribe = store.subscribe(follow);

  const listener: RuntimeListener = client.listen({
    backendChanged: (change, reason) => {
      applySwitch(change, reason);
      // Same plan, new backend: analyse again so the views show this backend's numbers.
      scheduleAnalysis(true);
      void command(timeBackendsIfDue);
    },
    modelFailed: (name, message) => {
      const role = roleOf(name);
      if (role !== null) state().setModelLoad(role, { phase: 'error', message });
    },
  });

  return {
    async start() {
      try {
        state().setCatalog(await readCatalog());
      } catch (error) {
        state().setCatalog([]);
        state().addNotice('error', `The list of models could not be read: ${errorText(error)}`);
      }
      try {
        noteBackend(await client.api.start(state().preferredBackend, listener), null);
      } catch (error) {
        state().setRuntimeError(`The model runtime could not start: ${errorText(error)}`);
        return;
      }
      started = true;
      await command(selectModels);
      scheduleAnalysis();
    },
    idle: async () => {
      // Commands may queue further commands while running: wait until the chain stops growing.
      let seen: Promise<void> | null = null;
      while (seen !== commands) {
        seen = commands;
        await seen;
      }
    },
    loseGpuDevice: () => client.api.loseGpuDevice(),
    runtimeStats: () => client.api.stats(),
    stop() {
      stopped = true;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      client.terminate();
    },
  };
}
