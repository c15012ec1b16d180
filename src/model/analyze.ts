// The one entry point of src/model: load a model folder, analyze a text, get plain data back.
// Tensors never leave this module (every one is disposed before a method returns).

import * as tf from './tf';

import { DEFAULT_TOP_K } from '../core/defaults';
import {
  BEST_FILL_COUNT,
  nBestDagFills,
  nBestSlotFills,
  type RankedFill,
  type StateWords,
} from './bestFills';
import { parseConfigText } from './config';
import {
  type DagDecoding,
  decodePaths,
  decodeSlots,
  entropy,
  slotMarginalsOfProbs,
  slotPosteriors,
  topK,
} from './dag';
import { type Expansion, expand } from './expand';
import type { SentenceScore } from './evalMetrics';
import {
  type AnalysisForward,
  type ForwardResult,
  runAnalysisForwardBatch,
  runForward,
  runSlotForwardBatch,
} from './forward';
import { slotBiasTensor, slotMaskTensor } from './heads';
import { clock } from './platform';
import { loadTokenizer, type ModelTokenizer } from './modelTokenizer';
import type { ModelSource } from './source';
import { type Encoded, TokenizerError } from './tokenizer';
import type { Analysis, AnalyzeOptions, BestFill, ModelConfig, ModelInfo, TopToken } from './types';
import { type LoadedWeights, loadWeights } from './weights';

/** A text the model cannot take (empty, too long); the message says what to change. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Backends that compile shaders per tensor shape and pool buffers by exact size: padding the
 *  expanded length to a few buckets lets them reuse both. wasm and cpu gain nothing from it and
 *  would only compute the extra rows. */
const BUCKETED_BACKENDS: ReadonlySet<string> = new Set(['webgpu', 'webgl']);

export interface LoadOptions {
  /** Pad expanded lengths to buckets (16, 32, .., 512). Default: on webgpu and webgl only.
   *  Outputs are the same either way. */
  padToBucket?: boolean;
}

export interface InspectOptions {
  /** Read back every layer's attention weights (default false). */
  attention?: boolean;
  /** Read back h_L (default false). */
  hidden?: boolean;
}

/** A checked model input: its ids and tokens, and their expansion. */
export interface Prepared {
  encoded: Encoded;
  expansion: Expansion;
}

/** Everything computed for one text, at full size: what the golden tests compare. */
export interface Inspection {
  encoded: Encoded;
  expansion: Expansion;
  /** Full per-state log-probabilities, links, hidden states and attention (see ForwardResult). */
  forward: ForwardResult;
  /** Slot posteriors, full marginals, entropies, Viterbi path and fill (see DagDecoding). */
  slots: DagDecoding;
}

/** gamma_i(u) [M * L], as decodePaths gives it, without the fill: over the DAG for the ExLM; for
 *  the MLM twin slot i is state i + 1. */
function slotPosteriorsOf(
  architecture: 'exlm' | 'mlm',
  links: Float32Array,
  stateCount: number,
  slots: number,
): Float64Array {
  if (architecture === 'exlm') return slotPosteriors(links, stateCount, slots).gamma;
  const gamma = new Float64Array(slots * stateCount);
  for (let i = 0; i < slots; i++) gamma[i * stateCount + i + 1] = 1;
  return gamma;
}

export class ExlmModel {
  /** The slot vocabulary as tensors (heads.ts), made with the weights, freed with them. */
  private readonly slotBias: tf.Tensor1D;
  private readonly slotMask: tf.Tensor1D;

  private constructor(
    readonly info: ModelInfo,
    readonly tokenizer: ModelTokenizer,
    private readonly weights: LoadedWeights,
    private readonly options: LoadOptions,
    /** What a masked slot may hold: no special token, no "##" piece (see dag.ts). */
    private readonly slotVocabulary: Uint8Array = tokenizer.slotVocabulary(info.config.vocab_size),
  ) {
    this.slotBias = slotBiasTensor(slotVocabulary);
    this.slotMask = slotMaskTensor(slotVocabulary);
  }

  get config(): ModelConfig {
    return this.info.config;
  }

  /**
   * Load config.json, tokenizer.json and the weights from `source`, building the tensors on the
   * current tfjs backend (set it first; after a backend change, load again). `name` is how the
   * model is called in results (usually its folder name).
   */
  static async load(
    source: ModelSource,
    name: string,
    options: LoadOptions = {},
  ): Promise<ExlmModel> {
    // Both files are read at once, but config.json's problem is reported first, whichever read
    // fails first: a missing folder is named by its config.json, every time.
    const tokenizerRead = source.readText('tokenizer.json');
    tokenizerRead.catch(() => undefined);
    const configText = await source.readText('config.json');
    const tokenizerText = await tokenizerRead;
    const config = parseConfigText(configText, source.pathOf('config.json'));
    const tokenizerPath = source.pathOf('tokenizer.json');
    let tokenizerJson: unknown;
    try {
      tokenizerJson = JSON.parse(tokenizerText);
    } catch (error) {
      throw new TokenizerError(`${tokenizerPath}: is not valid JSON (${(error as Error).message})`);
    }
    // The tokenizer its "type" names (text or molecules); every token id must be a row of the
    // embedding (checked before the tokenizer is built).
    const tokenizer = loadTokenizer(
      tokenizerJson,
      tokenizerPath,
      source.location,
      config.vocab_size,
    );
    const weights = await loadWeights(source, config);
    const info: ModelInfo = {
      name,
      config,
      parameterCount: weights.parameterCount,
      weightBytes: weights.weightBytes,
    };
    return new ExlmModel(info, tokenizer, weights, options);
  }

  /** Tokenize and expand `text`, or throw an InputError saying what is wrong with it. */
  prepare(text: string): Prepared {
    if (text.trim() === '')
      throw new InputError(
        'The text is empty: type a sentence and write [MASK] where a word is hidden.',
      );
    return this.expandChecked(this.tokenizer.encode(text));
  }

  /**
   * Check and expand token ids as a model input ([CLS] first, [SEP] last, [MASK] ids where words
   * are hidden): the entry point for tools whose inputs are ids that no text tokenizes back to,
   * such as a masked word piece followed by its "##" continuation (the evaluation masks ids).
   */
  prepareIds(ids: ArrayLike<number>): Prepared {
    const { cls, sep } = this.config.special_tokens;
    const input = Int32Array.from(ids);
    if (input.length < 2 || input[0] !== cls || input[input.length - 1] !== sep) {
      throw new InputError(`Token ids must start with [CLS] (${cls}) and end with [SEP] (${sep}).`);
    }
    const bad = input.find((id) => id < 0 || id >= this.config.vocab_size);
    if (bad !== undefined) {
      throw new InputError(
        `Token id ${bad} is outside the vocabulary of model "${this.info.name}" (0..${this.config.vocab_size - 1}).`,
      );
    }
    return this.expandChecked({
      ids: input,
      tokens: Array.from(input, (id) => this.tokenizer.token(id)),
    });
  }

  private expandChecked(encoded: Encoded): Prepared {
    const limit = this.config.max_positions;
    if (encoded.ids.length > limit) {
      throw new InputError(
        `The text is too long: ${encoded.ids.length} tokens ([CLS] and [SEP] included), but model "${this.info.name}" reads at most ${limit}. Shorten it.`,
      );
    }
    return { encoded, expansion: expand(encoded.ids, this.config.expansion) };
  }

  /** The full-size outputs for `text` (lower level than analyze(); tests and tools use it). */
  async inspect(text: string, options: InspectOptions = {}): Promise<Inspection> {
    return this.inspectPrepared(this.prepare(text), options);
  }

  private async inspectPrepared(
    { encoded, expansion }: Prepared,
    options: InspectOptions,
  ): Promise<Inspection> {
    const forward = await runForward(this.weights.weights, this.config, expansion, {
      attention: options.attention === true,
      hidden: options.hidden === true,
      padToBucket: this.padToBucket(),
    });
    const slots = decodeSlots(
      this.config.architecture,
      forward.stateLogProbs,
      forward.links,
      forward.stateCount,
      this.config.vocab_size,
      expansion.maskPositions.length,
      this.slotVocabulary,
    );
    return { encoded, expansion, forward, slots };
  }

  private padToBucket(): boolean {
    return this.options.padToBucket ?? BUCKETED_BACKENDS.has(tf.getBackend());
  }

  /** Analyze `text` (literal "[MASK]" marks hidden words; none is valid): plain data only. */
  async analyze(text: string, options: AnalyzeOptions = {}): Promise<Analysis> {
    const started = clock.now();
    const [analysis] = await this.analyzeAll(
      [{ text, prepared: this.prepare(text) }],
      options,
      started,
    );
    return analysis!;
  }

  /** Analyze token ids (see prepareIds); the Analysis's `text` is their decoding. */
  async analyzeIds(ids: ArrayLike<number>, options: AnalyzeOptions = {}): Promise<Analysis> {
    const started = clock.now();
    const prepared = this.prepareIds(ids);
    const text = this.tokenizer.decode(prepared.encoded.ids.slice(1, -1));
    const [analysis] = await this.analyzeAll([{ text, prepared }], options, started);
    return analysis!;
  }

  /**
   * Analyze several texts in one forward pass (runAnalysisForwardBatch): each gets what analyze()
   * gives it, up to float rounding, in the order of `texts`, for far fewer kernels than one pass
   * each. Texts of similar length batch best: every one is padded to the longest. An Analysis's
   * `elapsedMs` is its share of the whole batch's time. Throws an InputError for the first text
   * the model cannot take, before computing anything.
   */
  async analyzeBatch(texts: readonly string[], options: AnalyzeOptions = {}): Promise<Analysis[]> {
    const started = clock.now();
    const inputs = texts.map((text) => ({ text, prepared: this.prepare(text) }));
    return this.analyzeAll(inputs, options, started);
  }

  /**
   * What the evaluation's metrics read of each text's slots (evalMetrics.ts): the ids of each
   * slot's `topK` best words and its entropy, as analyzeBatch() gives them up to float rounding,
   * for less work: no per-state output, the LM head on the states a slot can be only, the
   * mixture over the states on the device (runSlotForwardBatch). A text without a [MASK] gets no
   * slots. `ms` is each text's share of the whole batch's time.
   */
  async scoreSlotsBatch(texts: readonly string[], k: number): Promise<SentenceScore[]> {
    const started = clock.now();
    const expansions = texts.map((text) => this.prepare(text).expansion);
    const masked = expansions.filter((e) => e.maskPositions.length > 0);
    const forwards =
      masked.length === 0
        ? []
        : await runSlotForwardBatch(this.weights.weights, this.config, masked, {
            padToBucket: this.padToBucket(),
            slotMask: this.slotMask,
            posteriors: (links, stateCount, slots) =>
              slotPosteriorsOf(this.config.architecture, links, stateCount, slots),
          });
    const V = this.config.vocab_size;
    let next = 0;
    const slots = expansions.map((e) => {
      if (e.maskPositions.length === 0) return [];
      const { scores, entropy } = forwards[next++]!;
      return Array.from(entropy, (slotEntropy, i) => ({
        top: topK(scores.subarray(i * V, (i + 1) * V), k, this.slotVocabulary).map((t) => t.id),
        entropy: slotEntropy,
      }));
    });
    const ms = (clock.now() - started) / Math.max(1, texts.length);
    return slots.map((s) => ({ slots: s, ms }));
  }

  private async analyzeAll(
    inputs: readonly { text: string; prepared: Prepared }[],
    options: AnalyzeOptions,
    started: number,
  ): Promise<Analysis[]> {
    if (inputs.length === 0) return [];
    const forwards = await runAnalysisForwardBatch(
      this.weights.weights,
      this.config,
      inputs.map((input) => input.prepared.expansion),
      {
        attention: options.attention !== false,
        padToBucket: this.padToBucket(),
        slotBias: this.slotBias,
      },
    );
    const analyses = inputs.map(({ text, prepared }, i) =>
      this.decode(text, prepared, forwards[i]!, options),
    );
    // One clock for the whole batch, shared out evenly.
    const share = (clock.now() - started) / inputs.length;
    return analyses.map((analysis) => ({ ...analysis, elapsedMs: share }));
  }

  /** The Analysis of one text from its forward pass (all but elapsedMs, which its caller sets). */
  private decode(
    text: string,
    { encoded, expansion }: Prepared,
    forward: AnalysisForward,
    options: AnalyzeOptions,
  ): Analysis {
    const k = options.topK ?? DEFAULT_TOP_K;
    const V = this.config.vocab_size;
    const slotCount = expansion.maskPositions.length;
    const L = forward.stateCount;
    const { gamma, path, fillIds } = decodePaths(
      this.config.architecture,
      forward.links,
      { ids: forward.bestIds, logProbs: forward.bestLogProbs },
      L,
      slotCount,
    );
    // P_u = stateExps_u / stateSums[u]: the factor goes into the weights, as the marginals are
    // renormalized per slot anyway.
    const weights = gamma.map((g, j) => g / forward.stateSums[j % L]!);
    const marginals = slotMarginalsOfProbs(
      weights,
      forward.stateExps,
      L,
      V,
      slotCount,
      this.slotVocabulary,
    );
    const toTop = (ranked: { id: number; value: number }[], divisor = 1): TopToken[] =>
      ranked.map(({ id, value }) => ({
        id,
        token: this.tokenizer.token(id),
        prob: value / divisor,
      }));

    const stateTop = Array.from({ length: options.states === false ? 0 : L }, (_, u) =>
      toTop(topK(forward.stateExps.subarray(u * V, (u + 1) * V), k), forward.stateSums[u]),
    );
    const masks = Array.from(expansion.maskPositions, (position, i) => {
      const row = marginals.subarray(i * V, (i + 1) * V);
      return { position, top: toTop(topK(row, k, this.slotVocabulary)), entropy: entropy(row) };
    });
    const filled = encoded.ids.slice(1, -1);
    expansion.maskPositions.forEach((position, i) => (filled[position - 1] = fillIds[i] ?? 0));

    return {
      model: this.info.name,
      architecture: this.config.architecture,
      text,
      tokens: encoded.tokens,
      tokenIds: encoded.ids,
      expanded: { tokenIds: expansion.tokenIds, pos1: expansion.pos1, pos2: expansion.pos2 },
      states: expansion.states,
      stateTop,
      stateEntropy: forward.stateEntropy,
      links: forward.links,
      gamma: Float32Array.from(gamma),
      masks,
      fill: {
        path,
        tokenIds: fillIds,
        tokens: Array.from(fillIds, (id) => this.tokenizer.token(id)),
        text: this.tokenizer.decode(filled),
      },
      ...(options.bestFills === true ? { bestFills: this.bestFills(forward, slotCount) } : {}),
      attention: forward.attention,
      elapsedMs: 0,
    };
  }

  /** The N best joint fills (bestFills.ts) from each state's few best words. */
  private bestFills(forward: AnalysisForward, slotCount: number): BestFill[] {
    const words = this.stateWords(forward);
    const ranked: RankedFill[] =
      this.config.architecture === 'exlm'
        ? nBestDagFills(forward.links, words, forward.stateCount, slotCount, BEST_FILL_COUNT)
        : nBestSlotFills(words, slotCount, BEST_FILL_COUNT);
    return ranked.map(({ tokenIds, score }) => ({
      tokenIds,
      tokens: Array.from(tokenIds, (id) => this.tokenizer.token(id)),
      score,
    }));
  }

  /** Each state's BEST_FILL_COUNT best words of the slot vocabulary. The first is the best word
   *  the device found (what the best fill uses), so that rank 1 is that fill; the others come
   *  from a scan of P_u here, held at or below the first against float rounding. */
  private stateWords(forward: AnalysisForward): StateWords {
    const L = forward.stateCount;
    const V = this.config.vocab_size;
    const W = BEST_FILL_COUNT;
    const ids = new Int32Array(L * W).fill(-1);
    const logProbs = new Float64Array(L * W).fill(-Infinity);
    for (let u = 0; u < L; u++) {
      const bestId = forward.bestIds[u]!;
      const bestLogProb = forward.bestLogProbs[u]!;
      ids[u * W] = bestId;
      logProbs[u * W] = bestLogProb;
      const row = forward.stateExps.subarray(u * V, (u + 1) * V);
      const others = topK(row, W, this.slotVocabulary).filter(({ id }) => id !== bestId);
      others.slice(0, W - 1).forEach(({ id, value }, j) => {
        ids[u * W + j + 1] = id;
        logProbs[u * W + j + 1] = Math.min(
          Math.log(value / forward.stateSums[u]!),
          logProbs[u * W + j]!,
        );
      });
    }
    return { width: W, ids, logProbs };
  }

  /** Free the weights' tensors; the model cannot be used afterwards. */
  dispose(): void {
    this.weights.dispose();
    this.slotBias.dispose();
    this.slotMask.dispose();
  }
}
