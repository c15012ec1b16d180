// The bench:peer page: our model runtime (src/model on tfjs) and onnxruntime-web on the graph that
// training/export_onnx.py exported from the same model folder, in one page, on the same input.
// scripts/bench/bench-peer.ts drives it through window.__peer (protocol.ts).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import * as ort from 'onnxruntime-web';

import {
  type Expansion,
  ExlmModel,
  type LoadedWeights,
  type ModelConfig,
  expand,
  loadWeights,
  parseConfigText,
  runForward,
  urlSource,
} from '../../../src/model';
import { registerWasmKernels } from '../../../src/runtime/kernels/wasmKernels';
import { registerWebGpuKernels } from '../../../src/runtime/kernels/webgpu/webgpuKernels';
import { type OpTiming, ortRuns, parseOrtProfile } from './profile';
import type {
  PeerBackend,
  PeerBench,
  PeerOutputs,
  PeerProfile,
  PeerRuntime,
  PeerSpec,
} from './protocol';

/** What the page printed while this is not null. onnxruntime-web's WebAssembly prints its session
 *  profile to stdout, which Emscripten binds to console.log when the module starts: so the hook
 *  goes in before any session exists. */
let printed: string[] | null = null;
for (const level of ['log', 'info', 'warn', 'error'] as const) {
  const write = console[level].bind(console);
  console[level] = (...data: unknown[]) => {
    if (printed === null) write(...data);
    else printed.push(data.map(String).join(' '));
  };
}

// Both runtimes on one WebAssembly thread, from our own origin (bench-peer.ts serves the files).
// The playground runs tfjs-backend-wasm without threads too (src/runtime/worker/tfBackend.ts).
setWasmPaths('/tfjs-wasm/');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
// The model's own wasm kernels, as the playground's worker registers them (worker/tfBackend.ts).
registerWasmKernels();
// And its WebGPU kernels, as the worker registers them when WebGPU starts.
registerWebGpuKernels();
ort.env.wasm.wasmPaths = '/ort/';
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.logLevel = 'error';

/** Backends that pad the expanded length to a bucket, as ExlmModel does (src/model/analyze.ts). */
const PADDED: ReadonlySet<string> = new Set(['webgpu', 'webgl']);

/** One forward pass's outputs as read back (protocol.ts's PeerOutputs, typed). */
interface Outputs {
  logProbs: Float32Array;
  links: Float32Array;
}

interface Ours {
  config: ModelConfig;
  weights: LoadedWeights;
  expansion: Expansion;
  padToBucket: boolean;
  last: Outputs | null;
}

interface Theirs {
  session: ort.InferenceSession;
  spec: PeerSpec;
  last: Outputs | null;
}

let ours: Ours | null = null;
let theirs: Theirs | null = null;
let runtimeOutputs: Outputs | null = null;
let preparedSpec: PeerSpec | null = null;

const sameArray = (a: ArrayLike<number>, b: readonly number[]): boolean =>
  a.length === b.length && b.every((v, i) => a[i] === v);

async function startBackend(backend: PeerBackend): Promise<void> {
  if (tf.getBackend() === backend) return;
  // setBackend resolves false (it does not throw) when the backend cannot start.
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start ${backend}`);
  await tf.ready();
}

/** Our forward pass as ExlmModel runs it: config.json, the weights, the expansion of spec.ids. */
async function loadOurs(backend: PeerBackend, spec: PeerSpec): Promise<Ours> {
  await startBackend(backend);
  const source = urlSource(`/models/${spec.model}/`);
  const config = parseConfigText(
    await source.readText('config.json'),
    source.pathOf('config.json'),
  );
  const weights = await loadWeights(source, config);
  const expansion = expand(spec.ids, config.expansion);
  if (
    !sameArray(expansion.tokenIds, spec.tokens) ||
    !sameArray(expansion.pos1, spec.pos1) ||
    !sameArray(expansion.pos2, spec.pos2) ||
    !sameArray(expansion.states, spec.states)
  ) {
    throw new Error('src/model expands the ids differently from training/export_onnx.py');
  }
  return { config, weights, expansion, padToBucket: PADDED.has(backend), last: null };
}

async function forwardOurs(o: Ours): Promise<Outputs> {
  const result = await runForward(o.weights.weights, o.config, o.expansion, {
    padToBucket: o.padToBucket,
  });
  return { logProbs: result.stateLogProbs, links: result.links };
}

async function float32(tensor: ort.Tensor): Promise<Float32Array> {
  const data = await tensor.getData();
  tensor.dispose();
  if (!(data instanceof Float32Array)) throw new Error(`output ${tensor.type}: float32 expected`);
  return data;
}

async function loadTheirs(backend: PeerBackend, spec: PeerSpec): Promise<Theirs> {
  const session = await ort.InferenceSession.create(spec.onnxUrl, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3, // errors only: not the note that shape ops stay on the CPU
  });
  return { session, spec, last: null };
}

async function forwardTheirs(t: Theirs): Promise<Outputs> {
  const int32 = (values: number[]) =>
    new ort.Tensor('int32', Int32Array.from(values), [values.length]);
  const out = await t.session.run({
    tokens: int32(t.spec.tokens),
    pos1: int32(t.spec.pos1),
    pos2: int32(t.spec.pos2),
    states: int32(t.spec.states),
  });
  if (out.log_probs === undefined) throw new Error('the graph has no output log_probs');
  const L = t.spec.states.length;
  return {
    logProbs: await float32(out.log_probs),
    // The MLM twin's graph has no links: all -Infinity, as src/model reports them.
    links: out.links ? await float32(out.links) : new Float32Array(L * L).fill(-Infinity),
  };
}

/** `passes` forward passes under tf.profile: each kernel's name, input shapes and time. */
async function profileOurs(
  o: Ours,
  passes: number,
): Promise<{ ops: OpTiming[][]; passMs: number[] }> {
  const result: OpTiming[][] = [];
  const passMs: number[] = [];
  for (let i = 0; i < passes; i++) {
    const started = performance.now();
    const info = await tf.profile(async () => {
      o.last = await forwardOurs(o);
      return [];
    });
    passMs.push(performance.now() - started);
    result.push(
      info.kernels.map((k) => {
        // tf.profile has awaited every kernel's time: a number, or why the backend had none.
        const time = k.kernelTimeMs;
        if (typeof time !== 'number')
          throw new Error(
            `tf.profile could not time ${k.name}: ${'error' in time ? time.error : 'pending'}`,
          );
        return {
          op: k.name,
          inputShapes: k.inputShapes.map((shape) => shape ?? []),
          ms: time,
        };
      }),
    );
  }
  return { ops: result, passMs };
}

/** The methods tfjs-backend-webgpu runs each compute dispatch through (one call, one dispatch). */
interface DispatchingBackend {
  recordAndSubmit: (...args: unknown[]) => unknown;
}

const dispatching = (backend: object): backend is DispatchingBackend =>
  typeof (backend as Partial<DispatchingBackend>).recordAndSubmit === 'function';

/** tfjs' WebGPU compute dispatches in one forward pass; null on a backend without them. */
async function countDispatches(o: Ours): Promise<number | null> {
  const backend = tf.backend();
  if (!dispatching(backend)) return null;
  const record = backend.recordAndSubmit;
  let count = 0;
  backend.recordAndSubmit = (...args: unknown[]) => {
    count++;
    return record.apply(backend, args);
  };
  try {
    o.last = await forwardOurs(o);
  } finally {
    backend.recordAndSubmit = record;
  }
  return count;
}

/** onnxruntime-web's session profile of the last `passes` of `warmup + passes` forward passes on
 *  wasm, in a session of its own (profiling slows each node down: the timed session runs without). */
async function profileTheirs(
  spec: PeerSpec,
  passes: number,
  warmup: number,
): Promise<{ ops: OpTiming[][]; passMs: number[] }> {
  const session = await ort.InferenceSession.create(spec.onnxUrl, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    enableProfiling: true,
  });
  try {
    const t: Theirs = { session, spec, last: null };
    const passMs: number[] = [];
    for (let i = 0; i < warmup + passes; i++) {
      const started = performance.now();
      await forwardTheirs(t);
      if (i >= warmup) passMs.push(performance.now() - started);
    }
    const lines: string[] = [];
    printed = lines;
    try {
      session.endProfiling();
    } finally {
      printed = null;
    }
    const runs = ortRuns(parseOrtProfile(lines), passes);
    if (runs.some((run) => run.length === 0))
      throw new Error('onnxruntime-web printed no node timings at endProfiling');
    return { ops: runs, passMs };
  } finally {
    await session.release();
  }
}

/** Typed arrays as plain arrays, for page.evaluate. */
const plain = (o: Outputs | null): PeerOutputs | null =>
  o === null ? null : { logProbs: Array.from(o.logProbs), links: Array.from(o.links) };

const bench: PeerBench = {
  async info() {
    const gpu = (
      navigator as unknown as {
        gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> };
      }
    ).gpu;
    const adapter = gpu ? await gpu.requestAdapter() : null;
    const info = adapter?.info;
    return {
      crossOriginIsolated: self.crossOriginIsolated,
      tfjsThreads: 1,
      ortThreads: ort.env.wasm.numThreads ?? 1,
      tfjsVersion: tf.version.tfjs,
      ortVersion: ort.env.versions.web ?? ort.env.versions.common,
      gpuAdapter:
        adapter === null
          ? null
          : [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') ||
            'unnamed adapter',
    };
  },

  async start(runtime, backend, spec) {
    const started = performance.now();
    if (runtime === 'tfjs') {
      const o = await loadOurs(backend, spec);
      await forwardOurs(o);
      const ms = performance.now() - started;
      o.weights.dispose();
      return ms;
    }
    const t = await loadTheirs(backend, spec);
    await forwardTheirs(t);
    const ms = performance.now() - started;
    await t.session.release();
    return ms;
  },

  async prepare(backend, spec) {
    const why = (error: unknown) => (error instanceof Error ? error.message : String(error));
    let tfjsError: string | null = null;
    let ortError: string | null = null;
    preparedSpec = spec;
    try {
      ours = await loadOurs(backend, spec);
      // The runtime as the playground loads it (tokenizer included), on the masked text.
      const model = await ExlmModel.load(urlSource(`/models/${spec.model}/`), spec.model);
      try {
        const inspection = await model.inspect(spec.text);
        if (!sameArray(inspection.encoded.ids, spec.ids))
          throw new Error(`ExlmModel tokenizes "${spec.text}" differently from the benchmark ids`);
        runtimeOutputs = {
          logProbs: inspection.forward.stateLogProbs,
          links: inspection.forward.links,
        };
      } finally {
        model.dispose();
      }
    } catch (error) {
      tfjsError = why(error);
      ours = null;
    }
    try {
      theirs = await loadTheirs(backend, spec);
    } catch (error) {
      ortError = why(error);
      theirs = null;
    }
    return { tfjs: tfjsError, ort: ortError };
  },

  async run(runtime: PeerRuntime) {
    const started = performance.now();
    if (runtime === 'tfjs') {
      if (ours === null) throw new Error('tfjs is not prepared');
      ours.last = await forwardOurs(ours);
    } else {
      if (theirs === null) throw new Error('onnxruntime-web is not prepared');
      theirs.last = await forwardTheirs(theirs);
    }
    return performance.now() - started;
  },

  async profile(passes, warmup): Promise<PeerProfile> {
    if (ours === null || preparedSpec === null) throw new Error('tfjs is not prepared');
    const onWasm = tf.getBackend() === 'wasm';
    const tfjs = await profileOurs(ours, passes);
    const ort = onWasm ? await profileTheirs(preparedSpec, passes, warmup) : null;
    return {
      tfjs: tfjs.ops,
      ort: ort?.ops ?? null,
      ortSkipped: onWasm ? null : 'profiled on wasm only',
      tfjsPassMs: tfjs.passMs,
      ortPassMs: ort?.passMs ?? null,
      dispatches: await countDispatches(ours),
    };
  },

  async outputs() {
    return {
      tfjs: plain(ours?.last ?? null),
      ort: plain(theirs?.last ?? null),
      runtime: plain(runtimeOutputs),
    };
  },
};

window.__peer = bench;
const status = document.getElementById('status');
if (status !== null) status.textContent = 'ready';
