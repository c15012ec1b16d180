// The pre-LayerNorm transformer encoder of docs/design.md over a batch of expanded sequences.
// Call inside tf.tidy: everything it creates except the returned tensors is then freed.
//
// A batch of B sequences, each padded to the same P rows, runs as one [1, B * P, d] activation:
// the dense layers treat rows alone, so only attention needs the sequences apart ([B * H, P, dh]
// batched matmuls, each padded key masked out in its own sequence). One sequence is a batch of one.

import * as tf from './tf';

import { addNormalize, attentionBlock, feedForward, normalize } from './ops';
import { rotaryTables } from './rope';
import type { ExpandedSequence, ModelConfig } from './types';
import type { ModelWeights } from './weights';

/** Added to the scores of padded keys: exp() of it underflows to exactly 0 on every backend,
 *  while staying finite (no -inf - -inf = NaN anywhere). */
const MASKED_SCORE = -1e9;

export interface EncoderInput {
  /** The batch: expanded token ids, pos1 and pos2 of each sequence, each of its real length T. */
  sequences: readonly ExpandedSequence[];
  /** Rows computed per sequence (>= the longest T): the extra rows are [PAD] at position (0, 0)
   *  and are masked out as keys, so each sequence's first T rows come out as without padding. */
  paddedLength: number;
}

export interface EncoderOutput {
  /** normalize(h) after the last layer, [1, B * paddedLength, d] (sequence b's rows from
   *  b * paddedLength): h_L without the final LayerNorm's gamma and beta, which the heads have
   *  folded in (weights.ts). */
  normalized: tf.Tensor3D;
  /** Per layer [B * H, paddedLength, paddedLength] attention weights (sequence b's heads from
   *  b * H); empty unless asked for. */
  attention: tf.Tensor3D[];
}

interface AttentionContext {
  batch: number;
  heads: number;
  headDim: number;
  length: number;
  /** [1, B * length, 2d]: cos and signed sin of every component of the query and key heads. */
  cos: tf.Tensor3D;
  sin: tf.Tensor3D;
  /** [B * H, 1, length], 0 for a real key and MASKED_SCORE for a padded one; null when nothing
   *  is padded. */
  keyMask: tf.Tensor3D | null;
}

export function runEncoder(
  weights: ModelWeights,
  config: ModelConfig,
  input: EncoderInput,
  keepAttention: boolean,
): EncoderOutput {
  const { sequences } = input;
  const length = input.paddedLength;
  const batch = sequences.length;
  const heads = config.num_heads;
  const headDim = config.hidden_size / heads;
  const width = 2 * heads * headDim;
  const ids = new Int32Array(batch * length); // padding rows hold [PAD] = 0
  const cos = new Float32Array(batch * length * width);
  const sin = new Float32Array(batch * length * width);
  const mask = new Float32Array(batch * heads * length); // real keys: 0
  sequences.forEach((sequence, b) => {
    ids.set(sequence.tokenIds, b * length);
    rotaryTables(sequence.pos1, sequence.pos2, length, headDim, 2 * heads, config.rope_base, {
      tables: { cos, sin },
      at: b * length,
    });
    for (let head = 0; head < heads; head++) {
      const row = (b * heads + head) * length;
      mask.fill(MASKED_SCORE, row + sequence.tokenIds.length, row + length);
    }
  });
  const padded = sequences.some((sequence) => sequence.tokenIds.length < length);
  const ctx: AttentionContext = {
    batch,
    heads,
    headDim,
    length,
    cos: tf.tensor3d(cos, [1, batch * length, width]),
    sin: tf.tensor3d(sin, [1, batch * length, width]),
    keyMask: padded ? tf.tensor3d(mask, [batch * heads, 1, length]) : null,
  };

  const eps = config.layer_norm_eps;
  const idTensor = tf.tensor2d(ids, [1, batch * length], 'int32');
  let h = tf.gather(weights.embed as tf.Tensor, idTensor) as tf.Tensor3D; // [1, B * T, d], no scaling
  const attention: tf.Tensor3D[] = [];
  // Each residual add goes with the LayerNorm after it (addNormalize): ln2 in this layer, ln1 in
  // the next, the final LayerNorm after the last.
  let normalized = normalize(h, eps);
  for (const layer of weights.layers) {
    // Attention of all heads at once (ops.ts: RoPE, fuse.ts and rope.ts): 1 kernel on wasm.
    const { out, weights: attn } = attentionBlock(normalized, layer, ctx, ctx.keyMask, ctx);
    if (keepAttention) attention.push(attn);
    const afterAttention = addNormalize(h, out, eps);
    // gelu(x) W2 + b2 with x = LN2(h) W1 + b1, as z (1 + erf z) (W2 / sqrt 2) + b2 with
    // z = x / sqrt 2 (fuse.ts): 1 kernel on wasm, and 1 for the residual add and the LayerNorm.
    const ffn = feedForward(afterAttention.normalized, layer.fc1, layer.fc2);
    ({ sum: h, normalized } = addNormalize(afterAttention.sum, ffn, eps));
  }
  return { normalized, attention };
}
