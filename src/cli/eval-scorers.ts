// The two ways `npm run eval` feeds a model, both on the Node wasm backend of src/model/node.ts:
// - 'ids': the token ids go straight into src/model's public pipeline (expand -> runForward ->
//   decodeSlots -> topK), the same calls ExlmModel.inspect/analyze make after tokenizing. Every
//   sentence of the sample can be scored. ExlmModel has no ids entry point yet (asked for in the
//   issue note); once it has one, this should call it instead of mirroring inspect().
// - 'text': ExlmModel.analyze(text), the browser's own entry point, on a text rebuilt from the ids;
//   a sentence whose text does not tokenize back to exactly those ids is skipped and counted (a
//   masked word piece followed by its "##" continuation cannot be written as text).
import * as tf from '@tensorflow/tfjs';

import {
  decodeSlots,
  expand,
  type ExlmModel,
  type LoadedWeights,
  loadWeights,
  type ModelConfig,
  type ModelInfo,
  parseConfigText,
  runForward,
  topK,
} from '../model';
import { folderSource, loadModelFromFolder, setNodeBackend } from '../model/node';
import { buildText } from './eval-text';

/** What the metrics need from one masked slot (the fields of Analysis.masks[i]). */
export interface SlotScore {
  /** Ids of the slot marginal's best tokens, best first (special ids excluded). */
  top: number[];
  /** Entropy of the slot marginal in nats. */
  entropy: number;
}

export interface SentenceScore {
  slots: SlotScore[];
  /** Wall-clock milliseconds of the analysis. */
  ms: number;
}

export type Route = 'ids' | 'text';
export const ROUTES: readonly Route[] = ['ids', 'text'];

export interface Scorer {
  readonly info: ModelInfo;
  /** `input` is [CLS] ids [SEP] with [MASK] ids; null when the route cannot take this input. */
  score(input: Int32Array, topCount: number): Promise<SentenceScore | null>;
  dispose(): void;
}

/** Backends that pad expanded lengths to buckets in ExlmModel (analyze.ts); outputs are the same
 *  either way, so this only keeps the mirror's cost honest on those backends. */
const BUCKETED_BACKENDS: ReadonlySet<string> = new Set(['webgpu', 'webgl']);

class IdsScorer implements Scorer {
  constructor(
    readonly info: ModelInfo,
    private readonly loaded: LoadedWeights,
  ) {}

  async score(input: Int32Array, topCount: number): Promise<SentenceScore> {
    const started = performance.now();
    const config = this.info.config;
    if (input.length > config.max_positions) {
      throw new RangeError(
        `${input.length} tokens but ${this.info.name} reads at most ${config.max_positions}`,
      );
    }
    const expansion = expand(input, config.expansion);
    const forward = await runForward(this.loaded.weights, config, expansion, {
      padToBucket: BUCKETED_BACKENDS.has(tf.getBackend()),
    });
    const V = config.vocab_size;
    const slots = decodeSlots(
      config.architecture,
      forward.stateLogProbs,
      forward.links,
      forward.stateCount,
      V,
      expansion.maskPositions.length,
    );
    const scores = Array.from(expansion.maskPositions, (_, i) => ({
      top: topK(slots.marginals.subarray(i * V, (i + 1) * V), topCount, true).map((r) => r.id),
      entropy: slots.entropy[i] ?? 0,
    }));
    return { slots: scores, ms: performance.now() - started };
  }

  dispose(): void {
    this.loaded.dispose();
  }
}

class TextScorer implements Scorer {
  constructor(private readonly model: ExlmModel) {}

  get info(): ModelInfo {
    return this.model.info;
  }

  async score(input: Int32Array, topCount: number): Promise<SentenceScore | null> {
    const tokenOf = (id: number): string => this.model.tokenizer.token(id);
    const text = buildText(input.subarray(1, -1), tokenOf);
    const encoded = this.model.tokenizer.encode(text).ids;
    if (encoded.length !== input.length || encoded.some((id, i) => id !== input[i])) return null;
    const analysis = await this.model.analyze(text, { topK: topCount, attention: false });
    return {
      slots: analysis.masks.map((slot) => ({
        top: slot.top.map((t) => t.id),
        entropy: slot.entropy,
      })),
      ms: analysis.elapsedMs,
    };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Load the model folder `dir` once, on the wasm backend, for the given route. */
export async function loadScorer(dir: string, name: string, route: Route): Promise<Scorer> {
  await setNodeBackend('wasm');
  if (route === 'text') return new TextScorer(await loadModelFromFolder(dir));
  const source = folderSource(dir);
  const config: ModelConfig = parseConfigText(
    await source.readText('config.json'),
    source.pathOf('config.json'),
  );
  const loaded = await loadWeights(source, config);
  const info: ModelInfo = {
    name,
    config,
    parameterCount: loaded.parameterCount,
    weightBytes: loaded.weightBytes,
  };
  return new IdsScorer(info, loaded);
}
