// One forward pass: expanded input -> encoder -> heads on the states -> plain typed arrays.
// All tensors are created in one tf.tidy and read back with await data(), then disposed.

import * as tf from './tf';

import { runEncoder } from './encoder';
import type { Expansion } from './expand';
import {
  lmLogits,
  type SlotReductions,
  slotReductions,
  stateExps,
  stateOutputs,
  transitionLinks,
  transitionScores,
} from './heads';
import { logSoftmax } from './ops';
import type { ModelConfig } from './types';
import type { ModelWeights } from './weights';

/** Expanded lengths are padded up to one of these, so WebGPU/WebGL reuse compiled shaders and
 *  pooled buffers across inputs (tfjs-backend-webgpu pools freed buffers by exact size). */
export const LENGTH_BUCKETS = [16, 32, 64, 128, 256, 512] as const;

/** The smallest bucket that holds `length`; past the last bucket, the next multiple of it. */
export function bucketLength(length: number): number {
  for (const bucket of LENGTH_BUCKETS) if (length <= bucket) return bucket;
  const largest = LENGTH_BUCKETS[LENGTH_BUCKETS.length - 1]!;
  return Math.ceil(length / largest) * largest;
}

export interface ForwardOptions {
  /** Read back the attention weights of every layer (default false). */
  attention?: boolean;
  /** Read back h_L (default false): the golden tests compare it. */
  hidden?: boolean;
  /** Pad the expanded length to a bucket (default false); results are the same either way. */
  padToBucket?: boolean;
}

export interface ForwardResult {
  /** Real expanded length T and number of states L. */
  length: number;
  stateCount: number;
  /** [L * V] log P_u over the whole vocabulary, row per state. */
  stateLogProbs: Float32Array;
  /** [L * L] links(s, t); -Infinity where t <= s, and everywhere for the MLM twin. */
  links: Float32Array;
  /** [T * d] h_L when asked for, else empty. */
  hidden: Float32Array;
  /** Per layer [H * T * T] attention weights over the real positions when asked for, else []. */
  attention: Float32Array[];
}

/** What every forward pass computes on the device (call inside tf.tidy), for a batch of B
 *  sequences (Batch). */
type Outputs = {
  /** [1, sum of L, V] the LM head's logits, sequence by sequence. */
  logits: tf.Tensor3D;
  /** The transition head's scores [B * H, Lmax, Lmax] and gate logits [1, B * Lmax, H], states
   *  padded to the batch's most (Batch.maxStates); absent for the MLM twin. */
  scores?: tf.Tensor3D;
  gates?: tf.Tensor3D;
  /** [1, T, d] h_L (a batch of one); absent unless asked for. */
  hidden?: tf.Tensor3D;
  /** Per sequence, per layer [H, T, T] over its real positions; empty unless asked for. */
  attention: tf.Tensor3D[][];
};

/** Sequences that run through one forward pass, and where each one's rows are. */
interface Batch {
  expansions: readonly Expansion[];
  /** Rows per sequence in the encoder: the longest T, or its bucket. */
  paddedLength: number;
  /** The most states of a sequence (the transition head pads every sequence to it). */
  maxStates: number;
  /** Sequence b's states are rows stateOffsets[b] .. stateOffsets[b + 1] - 1 of the logits. */
  stateOffsets: number[];
}

function checkLength(config: ModelConfig, expansion: Expansion): void {
  const length = expansion.tokenIds.length;
  if (length > config.max_expanded_positions) {
    throw new RangeError(
      `expanded length ${length} exceeds max_expanded_positions ${config.max_expanded_positions}`,
    );
  }
}

function batchOf(
  config: ModelConfig,
  expansions: readonly Expansion[],
  padToBucket: boolean,
): Batch {
  if (expansions.length === 0) throw new RangeError('a forward pass needs at least one sequence');
  for (const expansion of expansions) checkLength(config, expansion);
  const longest = Math.max(...expansions.map((e) => e.tokenIds.length));
  const stateOffsets = [0];
  for (const e of expansions) stateOffsets.push(stateOffsets.at(-1)! + e.states.length);
  return {
    expansions,
    paddedLength: padToBucket ? bucketLength(longest) : longest,
    maxStates: Math.max(...expansions.map((e) => e.states.length)),
    stateOffsets,
  };
}

/** [1, rows]: the encoder row of each state, sequence after sequence; with `padTo`, each
 *  sequence's list padded to that many with its first state (rows the caller ignores). */
function stateRows(batch: Batch, padTo?: number): tf.Tensor2D {
  const rows: number[] = [];
  batch.expansions.forEach((e, b) => {
    const first = b * batch.paddedLength;
    for (const state of e.states) rows.push(first + state);
    for (let u = e.states.length; u < (padTo ?? 0); u++) rows.push(first + e.states[0]!);
  });
  return tf.tensor2d(rows, [1, rows.length], 'int32');
}

/** [1, L - 2]: the encoder rows of sequence b's inner states (all but its first and last), the
 *  only states a path's slots can be (dag.ts slotPosteriors). */
function innerStateRows(batch: Batch, b: number): tf.Tensor2D {
  const inner = batch.expansions[b]!.states.subarray(1, -1);
  const rows = Int32Array.from(inner, (state) => b * batch.paddedLength + state);
  return tf.tensor2d(rows, [1, rows.length], 'int32');
}

/** [1, B * padTo]: each state's expanded index (its row of the transition head's Pos table). */
function statePositions(batch: Batch, padTo: number): tf.Tensor2D {
  const positions = new Int32Array(batch.expansions.length * padTo);
  batch.expansions.forEach((e, b) => positions.set(e.states, b * padTo));
  return tf.tensor2d(positions, [1, positions.length], 'int32');
}

/** The encoder and the transition head: all of Outputs but the LM head's logits, the encoder's
 *  output (normalize(h_L), for an LM head on rows of one's choice) and, when `lmStates`, every
 *  state's row of it [1, sum L, d] (the LM head's input in computeOutputs). */
function encodeAndLink(
  weights: ModelWeights,
  config: ModelConfig,
  batch: Batch,
  options: Pick<ForwardOptions, 'attention' | 'hidden'>,
  lmStates: boolean,
): { outputs: Omit<Outputs, 'logits'>; normalized: tf.Tensor3D; states: tf.Tensor3D | null } {
  const { expansions, paddedLength, maxStates } = batch;
  const encoded = runEncoder(
    weights,
    config,
    { sequences: expansions, paddedLength },
    options.attention === true,
  );
  const heads = config.num_heads;
  const states = lmStates
    ? (tf.gather(encoded.normalized, stateRows(batch), 1, 1) as tf.Tensor3D) // [1, sum L, d]
    : null;
  const attention = expansions.map((e, b) =>
    encoded.attention.map((layer) => {
      const length = e.tokenIds.length;
      return length === paddedLength && expansions.length === 1
        ? layer
        : tf.slice(layer, [b * heads, 0, 0], [heads, length, length]);
    }),
  );
  let hidden: tf.Tensor3D | undefined;
  if (options.hidden === true) {
    if (expansions.length !== 1) throw new RangeError('h_L is read back for one sequence only');
    const { gamma, beta } = weights.finalLn;
    const length = expansions[0]!.tokenIds.length;
    hidden = tf.add<tf.Tensor3D>(
      tf.mul(tf.slice(encoded.normalized, [0, 0, 0], [1, length, -1]), gamma),
      beta,
    );
  }
  let transition = {};
  if (weights.transition) {
    // The same rows when every sequence has as many states, else rows padded to the most.
    const even = batch.stateOffsets.at(-1) === expansions.length * maxStates;
    const transitionStates =
      even && states !== null
        ? states
        : (tf.gather(encoded.normalized, stateRows(batch, maxStates), 1, 1) as tf.Tensor3D);
    transition = transitionScores(
      transitionStates,
      statePositions(batch, maxStates),
      weights.transition,
      config,
      expansions.length,
    );
  }
  return {
    outputs: { ...transition, hidden, attention },
    normalized: encoded.normalized,
    states,
  };
}

function computeOutputs(
  weights: ModelWeights,
  config: ModelConfig,
  batch: Batch,
  options: Pick<ForwardOptions, 'attention' | 'hidden'>,
): Outputs {
  const { outputs, states } = encodeAndLink(weights, config, batch, options, true);
  return { logits: lmLogits(states!, weights), ...outputs };
}
const readFloats = async (t: tf.Tensor | undefined): Promise<Float32Array> =>
  t ? ((await t.data()) as Float32Array) : new Float32Array(0);

/** Each sequence's links [L * L] from the transition head's outputs read back (heads.ts); all
 *  -Infinity for the MLM twin. */
async function readLinks(
  outputs: Pick<Outputs, 'scores' | 'gates'>,
  batch: Batch,
  config: ModelConfig,
): Promise<Float32Array[]> {
  const counts = batch.expansions.map((e) => e.states.length);
  if (outputs.scores === undefined || outputs.gates === undefined)
    return counts.map((count) => new Float32Array(count * count).fill(-Infinity));
  const [scores, gates] = await Promise.all([
    readFloats(outputs.scores),
    readFloats(outputs.gates),
  ]);
  const heads = config.num_heads;
  const padded = batch.maxStates;
  return counts.map((count, b) => {
    // Sequence b's [H, L, L] corner of its [H, Lmax, Lmax] scores, and its [L, H] gates.
    const own = new Float32Array(heads * count * count);
    for (let c = 0; c < heads; c++) {
      for (let s = 0; s < count; s++) {
        const from = ((b * heads + c) * padded + s) * padded;
        own.set(scores.subarray(from, from + count), (c * count + s) * count);
      }
    }
    const ownGates = gates.subarray(b * padded * heads, (b * padded + count) * heads);
    return transitionLinks(own, ownGates, count, heads);
  });
}

/** Frees what a forward pass returned. */
function disposeOutputs(
  outputs: Record<string, tf.Tensor | tf.Tensor[] | tf.Tensor[][] | undefined>,
): void {
  for (const value of Object.values(outputs)) {
    if (Array.isArray(value)) value.flat().forEach((t) => t.dispose());
    else value?.dispose();
  }
}

/** The full-size outputs (every state's whole distribution): what inspect() and the golden tests
 *  read. An analysis reads much less (runAnalysisForwardBatch). */
export async function runForward(
  weights: ModelWeights,
  config: ModelConfig,
  expansion: Expansion,
  options: ForwardOptions = {},
): Promise<ForwardResult> {
  const batch = batchOf(config, [expansion], options.padToBucket === true);
  const tensors = tf.tidy(() => {
    const { logits, ...rest } = computeOutputs(weights, config, batch, options);
    return { ...rest, logProbs: logSoftmax(logits) };
  });
  try {
    const [stateLogProbs, [links], hidden, attention] = await Promise.all([
      readFloats(tensors.logProbs),
      readLinks(tensors, batch, config),
      readFloats(tensors.hidden),
      Promise.all(tensors.attention[0]!.map(readFloats)),
    ]);
    return {
      length: expansion.tokenIds.length,
      stateCount: expansion.states.length,
      stateLogProbs,
      links: links!,
      hidden,
      attention,
    };
  } finally {
    disposeOutputs(tensors);
  }
}

export interface AnalysisForwardOptions {
  attention: boolean;
  padToBucket: boolean;
  /** slotBiasTensor() of the model's slot vocabulary (heads.ts). */
  slotBias: tf.Tensor1D;
}

/** What an analysis reads back of one sequence (runAnalysisForwardBatch). */
export interface AnalysisForward {
  length: number;
  stateCount: number;
  /** [L * V] P_u times stateSums[u], row per state (exp(logit - the row's max)). */
  stateExps: Float32Array;
  /** [L] the factor: P_u = stateExps row u / stateSums[u]. */
  stateSums: Float64Array;
  /** [L] entropy of P_u in nats. */
  stateEntropy: Float32Array;
  /** [L] each state's best id of the slot vocabulary and its log P_u (dag.ts bestWords). */
  bestIds: Int32Array;
  bestLogProbs: Float64Array;
  /** [L * L] as ForwardResult.links. */
  links: Float32Array;
  /** Per layer [H * T * T] when asked for, else []. */
  attention: Float32Array[];
}

/**
 * The forward pass of analyses, for one sequence or several at once: P_u up to a factor per state
 * instead of log P_u, with every reduction over the vocabulary that needs an exp or a log
 * (entropies, the best slot words) done on the device, so that decoding on the CPU only scans and
 * sums (dag.ts). Top-k stays on the CPU: tfjs's WebGL TopK reads the whole input back
 * synchronously below 100,000 columns, and WebGPU's runs a bitonic sort of about 50 shader passes
 * for k = 5 over 8192 ids, against one scan here.
 *
 * Several sequences run as a batch: each is padded to the longest (or its bucket) and its padded
 * keys are masked out, so every sequence gets what it gets alone, up to float rounding, for far
 * fewer kernels than one pass each (the batch's rows go through every matmul together). The
 * results come in the order of `expansions`.
 */
export async function runAnalysisForwardBatch(
  weights: ModelWeights,
  config: ModelConfig,
  expansions: readonly Expansion[],
  options: AnalysisForwardOptions,
): Promise<AnalysisForward[]> {
  const batch = batchOf(config, expansions, options.padToBucket);
  const tensors = tf.tidy(() => {
    const { logits, ...rest } = computeOutputs(weights, config, batch, options);
    return { ...rest, ...stateOutputs(logits, options.slotBias) };
  });
  try {
    const [stateExps, expSums, expShifted, bestIds, bestShifted, links, attention] =
      await Promise.all([
        readFloats(tensors.exps),
        readFloats(tensors.expSums),
        readFloats(tensors.expShifted),
        tensors.bestIds.data() as Promise<Int32Array>,
        readFloats(tensors.bestShifted),
        readLinks(tensors, batch, config),
        Promise.all(tensors.attention.map((layers) => Promise.all(layers.map(readFloats)))),
      ]);
    const V = config.vocab_size;
    return expansions.map((expansion, b) => {
      const from = batch.stateOffsets[b]!;
      const to = batch.stateOffsets[b + 1]!;
      const sums = expSums.subarray(from, to);
      const logSums = Float64Array.from(sums, Math.log);
      const shifted = expShifted.subarray(from, to);
      return {
        length: expansion.tokenIds.length,
        stateCount: to - from,
        stateExps: stateExps.subarray(from * V, to * V),
        stateSums: Float64Array.from(sums),
        stateEntropy: Float32Array.from(logSums, (l, u) => l - shifted[u]! / sums[u]!),
        bestIds: bestIds.slice(from, to),
        bestLogProbs: Float64Array.from(bestShifted.subarray(from, to), (v, u) => v - logSums[u]!),
        links: links[b]!,
        attention: attention[b]!,
      };
    });
  } finally {
    disposeOutputs(tensors);
  }
}

export interface SlotForwardOptions {
  padToBucket: boolean;
  /** slotMaskTensor() of the model's slot vocabulary (heads.ts). */
  slotMask: tf.Tensor1D;
  /** gamma_i(u) [M * L] of one sequence from its links [L * L] (dag.ts decodePaths). */
  posteriors(links: Float32Array, stateCount: number, slots: number): ArrayLike<number>;
}

/** What scoring the slots reads back of one sequence (runSlotForwardBatch). */
export interface SlotForward {
  /** [M * V] slot i's marginal p_i up to a factor of its own, 0 outside the slot vocabulary. */
  scores: Float32Array;
  /** [M] entropy of each p_i in nats. */
  entropy: Float64Array;
}

/**
 * The slots alone, for one sequence or several at once (the mask-ratio experiment): the slot
 * marginals p_i = sum_u gamma_i(u) P_u and their entropies, with no per-state output. The LM head
 * and its exp over the vocabulary run on the inner states only (a path's slots are never its first
 * or last state: for the MLM twin that leaves the [MASK] states, for the ExLM all but the first
 * [CLS] copy and the last [SEP] copy), and the mixture by gamma, the slot vocabulary and the
 * entropies' sums run on the device, so that only [M, V] scores come back instead of [L, V] exps.
 * Two steps: the links are read back first (the posteriors are computed on the CPU, in float64),
 * then the mixture. The same numbers as runAnalysisForwardBatch's analysis up to float rounding
 * (float32 mixture and sums here, float64 there).
 */
export async function runSlotForwardBatch(
  weights: ModelWeights,
  config: ModelConfig,
  expansions: readonly Expansion[],
  options: SlotForwardOptions,
): Promise<SlotForward[]> {
  if (expansions.some((e) => e.maskPositions.length === 0))
    throw new RangeError('scoring the slots needs at least one [MASK] in every text');
  const batch = batchOf(config, expansions, options.padToBucket);
  // The LM head sequence by sequence, so that each one's mixture below reads its own exps
  // without a gather or slice of [R, V] rows (on wasm both copy element by element, or the whole
  // input): the rows of every sequence are few, and the LM head's matmul is as fast on them.
  const first = tf.tidy(() => {
    const { outputs, normalized } = encodeAndLink(weights, config, batch, {}, false);
    const heads = expansions.map((_, b) => {
      const inner = tf.gather(normalized, innerStateRows(batch, b), 1, 1) as tf.Tensor3D;
      return stateExps(lmLogits(inner, weights));
    });
    return {
      scores: outputs.scores,
      gates: outputs.gates,
      exps: heads.map((h) => h.exps),
      sums: heads.map((h) => h.sums),
    };
  });
  const second: SlotReductions[] = [];
  try {
    const [links, sums] = await Promise.all([
      readLinks(first, batch, config),
      Promise.all(first.sums.map(readFloats)),
    ]);
    const V = config.vocab_size;
    second.push(
      ...tf.tidy(() =>
        expansions.map((e, b) => {
          // The [M, R] mixture weights gamma_i(u) / sums_u over the R = L - 2 inner states
          // (P_u = exps_u / sums_u).
          const L = e.states.length;
          const R = L - 2;
          const M = e.maskPositions.length;
          const gamma = options.posteriors(links[b]!, L, M);
          const mixture = new Float32Array(M * R);
          for (let i = 0; i < M; i++) {
            for (let r = 0; r < R; r++) mixture[i * R + r] = gamma[i * L + r + 1]! / sums[b]![r]!;
          }
          const exps = tf.reshape(first.exps[b]!, [R, V]);
          return slotReductions(tf.matMul(tf.tensor2d(mixture, [M, R]), exps), options.slotMask);
        }),
      ),
    );
    return await Promise.all(
      second.map(async (reduced) => {
        const [scores, totals, plogp] = await Promise.all([
          readFloats(reduced.scores),
          readFloats(reduced.totals),
          readFloats(reduced.plogp),
        ]);
        return {
          scores,
          entropy: Float64Array.from(totals, (t, i) => Math.log(t) - plogp[i]! / t),
        };
      }),
    );
  } finally {
    disposeOutputs(first);
    second.forEach(disposeOutputs);
  }
}
