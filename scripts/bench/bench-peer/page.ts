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
import type { PeerBackend, PeerBench, PeerOutputs, PeerRuntime, PeerSpec } from './protocol';

// Both runtimes on one WebAssembly thread, from our own origin (bench-peer.ts serves the files).
// The playground runs tfjs-backend-wasm without threads too (src/runtime/worker/tfBackend.ts).
setWasmPaths('/tfjs-wasm/');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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
