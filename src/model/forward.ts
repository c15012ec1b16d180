// One forward pass: expanded input -> encoder -> heads on the states -> plain typed arrays.
// All tensors are created in one tf.tidy and read back with await data(), then disposed.

import * as tf from '@tensorflow/tfjs';

import { runEncoder } from './encoder';
import type { Expansion } from './expand';
import { lmHead, transitionHead } from './heads';
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

// A type alias, not an interface, so that it satisfies tf.tidy's TensorContainer.
type ForwardTensors = {
  stateLogProbs: tf.Tensor2D;
  /** Absent for the MLM twin. */
  links?: tf.Tensor2D;
  /** Absent unless asked for. */
  hidden?: tf.Tensor2D;
  attention: tf.Tensor3D[];
};

export async function runForward(
  weights: ModelWeights,
  config: ModelConfig,
  expansion: Expansion,
  options: ForwardOptions = {},
): Promise<ForwardResult> {
  const length = expansion.tokenIds.length;
  const stateCount = expansion.states.length;
  if (length > config.max_expanded_positions) {
    throw new RangeError(
      `expanded length ${length} exceeds max_expanded_positions ${config.max_expanded_positions}`,
    );
  }
  const paddedLength = options.padToBucket === true ? bucketLength(length) : length;

  const tensors = tf.tidy((): ForwardTensors => {
    const encoded = runEncoder(
      weights,
      config,
      { ...expansion, paddedLength },
      options.attention === true,
    );
    const stateIndices = tf.tensor1d(expansion.states, 'int32');
    const states = tf.gather(encoded.hidden, stateIndices) as tf.Tensor2D; // [L, d]
    const trim = (a: tf.Tensor3D): tf.Tensor3D =>
      paddedLength === length ? a : a.slice([0, 0, 0], [-1, length, length]);
    return {
      stateLogProbs: lmHead(states, weights, config),
      links: weights.transition
        ? transitionHead(states, stateIndices, weights.transition, config)
        : undefined,
      hidden: options.hidden === true ? encoded.hidden.slice([0, 0], [length, -1]) : undefined,
      attention: encoded.attention.map(trim),
    };
  });

  const all = [tensors.stateLogProbs, tensors.links, tensors.hidden, ...tensors.attention];
  try {
    const read = async (t: tf.Tensor | undefined): Promise<Float32Array> =>
      t ? ((await t.data()) as Float32Array) : new Float32Array(0);
    const [stateLogProbs, links, hidden, attention] = await Promise.all([
      read(tensors.stateLogProbs),
      tensors.links ? read(tensors.links) : Promise.resolve(null),
      read(tensors.hidden),
      Promise.all(tensors.attention.map(read)),
    ]);
    return {
      length,
      stateCount,
      stateLogProbs,
      links: finishLinks(links, stateCount),
      hidden,
      attention,
    };
  } finally {
    for (const t of all) t?.dispose();
  }
}

/** Write -Infinity where there is no edge (t <= s, which includes the last state's row). */
function finishLinks(values: Float32Array | null, count: number): Float32Array {
  const links = values ?? new Float32Array(count * count).fill(-Infinity);
  for (let s = 0; s < count; s++) links.fill(-Infinity, s * count, s * count + s + 1);
  return links;
}
