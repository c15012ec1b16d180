// Connects the store to the model worker: picks and loads the models, keeps the backend in the
// store, and turns editor changes into analysis requests (debounced, numbered, newest wins).
// Data flows one way (docs/design.md): store -> worker -> plain results -> store.
import { selectInputProblem, selectModelInput } from '../state/selectors';
import type { PlaygroundState, PlaygroundStore } from '../state/store';
import type { ModelRole } from '../state/types';
import type { BackendName } from './backends';
import { describeBackendReport } from './backendNotice';
import { chooseModels, listAvailableModels, modelUrl } from './catalog';
import { type ModelClient, startModelWorker } from './modelClient';
import type { BackendSwitch, ModelLoadReport } from './protocol';
import { ANALYSIS_DEBOUNCE_MS } from './timing';

export interface PlaygroundController {
  start(): Promise<void>;
  /** Loads the selected models again (after a failure). */
  retryModels(): Promise<void>;
  /** null: the best available backend. */
  switchBackend(name: BackendName | null): Promise<void>;
  /** Switches to another ExLM folder (and its twin, if one exists). */
  selectModel(name: string): Promise<void>;
  /** Test hook: makes the worker lose its WebGPU device; false when not on WebGPU. */
  loseGpuDevice(): Promise<boolean>;
  stop(): void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The parts of the state that decide what to analyse; a change in any of them means a new run. */
function analysisKey(s: PlaygroundState): string {
  return JSON.stringify([
    selectModelInput(s),
    s.topK,
    s.openViews.includes('attention'),
    s.openViews.includes('compare'),
    s.modelLoad.exlm.phase,
    s.modelLoad.mlm.phase,
    s.activeBackend,
  ]);
}

export function createController(
  store: PlaygroundStore,
  client: ModelClient = startModelWorker(),
): PlaygroundController {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKey = '';

  const state = () => store.getState();

  function markReady(role: ModelRole, report: ModelLoadReport): void {
    state().setModelLoad(role, {
      phase: 'ready',
      info: report.info,
      loadMs: report.loadMs + report.warmupMs,
    });
  }

  function roleOf(name: string): ModelRole | null {
    const names = state().modelNames;
    if (names.exlm === name) return 'exlm';
    if (names.mlm === name) return 'mlm';
    return null;
  }

  function applySwitch(change: BackendSwitch, reason: string | null): void {
    state().setActiveBackend(change.backend.backend, describeBackendReport(change.backend, reason));
    for (const report of change.models) {
      const role = roleOf(report.name);
      if (role !== null) markReady(role, report);
    }
  }

  async function loadRole(role: ModelRole): Promise<void> {
    const name = state().modelNames[role];
    if (name === null) {
      state().setModelLoad(role, { phase: 'idle' });
      return;
    }
    state().setModelLoad(role, { phase: 'loading' });
    try {
      const warmupText = selectModelInput(state());
      markReady(role, await client.api.loadModel(name, modelUrl(name), warmupText));
    } catch (error) {
      state().setModelLoad(role, { phase: 'error', message: errorText(error) });
    }
  }

  async function loadModels(): Promise<void> {
    // The ExLM first: it is what the page shows; the twin only feeds Compare.
    await loadRole('exlm');
    await loadRole('mlm');
  }

  async function runAnalysis(): Promise<void> {
    const s = state();
    const exlm = s.modelNames.exlm;
    if (selectInputProblem(s) === 'empty' || exlm === null || s.modelLoad.exlm.phase !== 'ready') {
      s.clearResults();
      return;
    }
    const withTwin =
      s.openViews.includes('compare') &&
      s.modelNames.mlm !== null &&
      s.modelLoad.mlm.phase === 'ready';
    const input = selectModelInput(s);
    const seq = s.beginAnalysis();
    const started = performance.now();
    try {
      const reply = await client.api.analyze({
        seq,
        text: input,
        models: withTwin && s.modelNames.mlm !== null ? [exlm, s.modelNames.mlm] : [exlm],
        topK: s.topK,
        attention: s.openViews.includes('attention'),
      });
      if (reply.status !== 'done') return;
      const [first, twin] = reply.analyses;
      if (first === undefined) throw new Error('The worker returned no analysis.');
      state().acceptResult({
        seq,
        input,
        exlm: first,
        mlm: twin ?? null,
        truncation: reply.truncation,
        roundTripMs: performance.now() - started,
      });
    } catch (error) {
      state().failAnalysis(seq, errorText(error));
    }
  }

  function scheduleAnalysis(): void {
    const key = analysisKey(state());
    if (key === lastKey) return;
    lastKey = key;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void runAnalysis();
    }, ANALYSIS_DEBOUNCE_MS);
  }

  const unsubscribe = store.subscribe(scheduleAnalysis);

  const listener = client.listen({
    backendChanged: (change, reason) => {
      applySwitch(change, reason);
      lastKey = '';
      scheduleAnalysis();
    },
    modelFailed: (name, message) => {
      const role = roleOf(name);
      if (role !== null) state().setModelLoad(role, { phase: 'error', message });
    },
  });

  return {
    async start() {
      const s = state();
      const [pair, available] = await Promise.all([
        chooseModels(s.modelNames.exlm),
        listAvailableModels(),
      ]);
      if (s.modelNames.exlm !== null && s.modelNames.exlm !== pair.exlm) {
        s.addNotice(
          'warning',
          `The model "${s.modelNames.exlm}" was not found under /models/; showing "${pair.exlm}" instead.`,
        );
      }
      s.setAvailableModels(available);
      s.setModelNames(pair);
      try {
        const report = await client.api.start(s.preferredBackend, listener);
        state().setActiveBackend(report.backend, describeBackendReport(report));
      } catch (error) {
        const message = `The model runtime could not start: ${errorText(error)}`;
        state().setModelLoad('exlm', { phase: 'error', message });
        return;
      }
      await loadModels();
    },
    retryModels: loadModels,
    async switchBackend(name) {
      state().setPreferredBackend(name);
      state().setActiveBackend(null, null);
      for (const role of ['exlm', 'mlm'] as const) {
        if (state().modelLoad[role].phase === 'ready')
          state().setModelLoad(role, { phase: 'loading' });
      }
      try {
        applySwitch(await client.api.switchBackend(name), null);
      } catch (error) {
        state().setModelLoad('exlm', {
          phase: 'error',
          message: `Switching backend failed: ${errorText(error)}`,
        });
      }
    },
    async selectModel(name) {
      const pair = await chooseModels(name);
      const old = state().modelNames;
      for (const previous of [old.exlm, old.mlm]) {
        if (previous !== null) await client.api.unloadModel(previous);
      }
      state().setModelNames(pair);
      await loadModels();
    },
    loseGpuDevice: () => client.api.loseGpuDevice(),
    stop() {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      client.terminate();
    },
  };
}
