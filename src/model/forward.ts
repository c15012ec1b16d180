// One forward pass: expanded input -> encoder -> heads on the states -> plain typed arrays.
// All tensors are created in one tf.tidy and read back with await data(), then disposed.

import * as tf from './tf';

import { runEncoder } from './encoder';
import type { Expansion } from './expand';
import { lmLogits, stateOutputs, transitionLinks, transitionScores } from './heads';
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

/** What every forward pass computes on the device (call inside tf.tidy). */
type Outputs = {
  /** [1, L, V] the LM head's logits. */
  logits: tf.Tensor3D;
  /** The transition head's scores [H, L, L] and gate logits [1, L, H]; absent for the MLM twin. */
  scores?: tf.Tensor3D;
  gates?: tf.Tensor3D;
  /** [1, T, d] h_L; absent unless asked for. */
  hidden?: tf.Tensor3D;
  /** Per layer [H, T, T] over the real positions; empty unless asked for. */
  attention: tf.Tensor3D[];
};

function checkLength(config: ModelConfig, expansion: Expansion): void {
  const length = expansion.tokenIds.length;
  if (length > config.max_expanded_positions) {
    throw new RangeError(
      `expanded length ${length} exceeds max_expanded_positions ${config.max_expanded_positions}`,
    );
  }
}

function computeOutputs(
  weights: ModelWeights,
  config: ModelConfig,
  expansion: Expansion,
  options: ForwardOptions,
): Outputs {
  const length = expansion.tokenIds.length;
  const paddedLength = options.padToBucket === true ? bucketLength(length) : length;
  const encoded = runEncoder(
    weights,
    config,
    { ...expansion, paddedLength },
    options.attention === true,
  );
  const stateIndices = tf.tensor2d(expansion.states, [1, expansion.states.length], 'int32');
  const states = tf.gather(encoded.normalized, stateIndices, 1, 1) as tf.Tensor3D; // [1, L, d]
  const trim = (a: tf.Tensor3D): tf.Tensor3D =>
    paddedLength === length ? a : tf.slice(a, [0, 0, 0], [-1, length, length]);
  const { gamma, beta } = weights.finalLn;
  return {
    logits: lmLogits(states, weights),
    ...(weights.transition
      ? transitionScores(states, stateIndices, weights.transition, config)
      : {}),
    hidden:
      options.hidden === true
        ? tf.add<tf.Tensor3D>(tf.mul(tf.slice(encoded.normalized, [0, 0, 0], [1, length, -1]), gamma), beta)
        : undefined,
    attention: encoded.attention.map(trim),
  };
}

const readFloats = async (t: tf.Tensor | undefined): Promise<Float32Array> =>
  t ? ((await t.data()) as Float32Array) : new Float32Array(0);

/** links [L * L] from the transition head's outputs (heads.ts); all -Infinity for the MLM twin. */
async function readLinks(
  outputs: Pick<Outputs, 'scores' | 'gates'>,
  count: number,
  config: ModelConfig,
): Promise<Float32Array> {
  if (outputs.scores === undefined || outputs.gates === undefined)
    return new Float32Array(count * count).fill(-Infinity);
  const [scores, gates] = await Promise.all([
    readFloats(outputs.scores),
    readFloats(outputs.gates),
  ]);
  return transitionLinks(scores, gates, count, config.num_heads);
}

/** The full-size outputs (every state's whole distribution): what inspect() and the golden tests
 *  read. An analysis reads much less (runAnalysisForward). */
export async function runForward(
  weights: ModelWeights,
  config: ModelConfig,
  expansion: Expansion,
  options: ForwardOptions = {},
): Promise<ForwardResult> {
  checkLength(config, expansion);
  const stateCount = expansion.states.length;
  const tensors = tf.tidy(() => {
    const { logits, ...rest } = computeOutputs(weights, config, expansion, options);
    return { ...rest, logProbs: logSoftmax(logits) };
  });
  try {
    const [stateLogProbs, links, hidden, attention] = await Promise.all([
      readFloats(tensors.logProbs),
      readLinks(tensors, stateCount, config),
      readFloats(tensors.hidden),
      Promise.all(tensors.attention.map(readFloats)),
    ]);
    return {
      length: expansion.tokenIds.length,
      stateCount,
      stateLogProbs,
      links,
      hidden,
      attention,
    };
  } finally {
    const { attention, ...single } = tensors;
    for (const t of [...attention, ...Object.values(single)]) t?.dispose();
  }
}

export interface AnalysisForwardOptions {
  attention: boolean;
  padToBucket: boolean;
  /** slotBiasTensor() of the model's slot vocabulary (heads.ts). */
  slotBias: tf.Tensor1D;
}

/** What an analysis reads back (runAnalysisForward). */
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
 * The forward pass of an analysis: P_u up to a factor per state instead of log P_u, with every
 * reduction over the vocabulary that needs an exp or a log (entropies, the best slot words) done on
 * the device, so that decoding on the CPU only scans and sums (dag.ts). Top-k stays on the CPU:
 * tfjs's WebGL TopK reads the whole input back synchronously below 100,000 columns, and WebGPU's
 * runs a bitonic sort of about 50 shader passes for k = 5 over 8192 ids, against one scan here.
 */
export async function runAnalysisForward(
  weights: ModelWeights,
  config: ModelConfig,
  expansion: Expansion,
  options: AnalysisForwardOptions,
): Promise<AnalysisForward> {
  checkLength(config, expansion);
  const stateCount = expansion.states.length;
  const tensors = tf.tidy(() => {
    const { logits, ...rest } = computeOutputs(weights, config, expansion, options);
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
        readLinks(tensors, stateCount, config),
        Promise.all(tensors.attention.map(readFloats)),
      ]);
    const logSums = Float64Array.from(expSums, Math.log);
    return {
      length: expansion.tokenIds.length,
      stateCount,
      stateExps,
      stateSums: Float64Array.from(expSums),
      stateEntropy: Float32Array.from(logSums, (l, u) => l - expShifted[u]! / expSums[u]!),
      bestIds,
      bestLogProbs: Float64Array.from(bestShifted, (b, u) => b - logSums[u]!),
      links,
      attention,
    };
  } finally {
    const { attention, ...single } = tensors;
    for (const t of [...attention, ...Object.values(single)]) t?.dispose();
  }
}
