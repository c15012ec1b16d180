// The pre-LayerNorm transformer encoder of docs/design.md over the expanded sequence.
// Call inside tf.tidy: everything it creates except the returned tensors is then freed.

import * as tf from '@tensorflow/tfjs';

import { dense, gelu, layerNorm } from './ops';
import { ropeTables } from './rope';
import type { ModelConfig } from './types';
import type { LayerWeights, ModelWeights } from './weights';

/** Added to the scores of padded keys: exp() of it underflows to exactly 0 on every backend,
 *  while staying finite (no -inf - -inf = NaN anywhere). */
const MASKED_SCORE = -1e9;

export interface EncoderInput {
  /** Expanded token ids, pos1 and pos2, each of the real length T. */
  tokenIds: Int32Array;
  pos1: Int32Array;
  pos2: Int32Array;
  /** Rows actually computed (>= T): the extra rows are [PAD] at position (0, 0) and are masked
   *  out as keys, so the first T rows come out the same as without padding. */
  paddedLength: number;
}

export interface EncoderOutput {
  /** h_L = LNf(h) after the last layer, [paddedLength, d]. */
  hidden: tf.Tensor2D;
  /** Per layer [H, paddedLength, paddedLength] attention weights; empty unless asked for. */
  attention: tf.Tensor3D[];
}

interface AttentionContext {
  heads: number;
  headDim: number;
  length: number;
  /** [length, 1, dh]: broadcast over heads. */
  cos: tf.Tensor3D;
  sin: tf.Tensor3D;
  /** [1, 1, length] or null when nothing is padded. */
  keyMask: tf.Tensor3D | null;
}

/** x * cos + swap(x) * sin on [T, H, dh] (see rope.ts); the swap reverses pairs of quarters
 *  with a rank-4 reverse, which every backend supports. */
function rotate(x: tf.Tensor3D, ctx: AttentionContext): tf.Tensor3D {
  const { length, heads, headDim } = ctx;
  const swapped = x
    .reshape([length * heads, 2, 2, headDim / 4])
    .reverse(2)
    .reshape([length, heads, headDim]);
  return x.mul(ctx.cos).add<tf.Tensor3D>(swapped.mul(ctx.sin));
}

/** Project to heads: [T, d] -> [H, T, dh], with 2D RoPE when `rope` is set. */
function toHeads(x: tf.Tensor2D, ctx: AttentionContext, rope: boolean): tf.Tensor3D {
  let heads = x.reshape([ctx.length, ctx.heads, ctx.headDim]) as tf.Tensor3D;
  if (rope) heads = rotate(heads, ctx);
  return heads.transpose([1, 0, 2]);
}

function selfAttention(
  a: tf.Tensor2D,
  w: LayerWeights,
  ctx: AttentionContext,
): { out: tf.Tensor2D; weights: tf.Tensor3D } {
  const q = toHeads(dense(a, w.q).mul(1 / Math.sqrt(ctx.headDim)), ctx, true);
  const k = toHeads(dense(a, w.k), ctx, true);
  const v = toHeads(dense(a, w.v), ctx, false);
  let scores = tf.matMul<tf.Tensor3D>(q, k, false, true); // [H, T, T]
  if (ctx.keyMask) scores = scores.add(ctx.keyMask);
  const weights = tf.softmax(scores);
  const mixed = tf
    .matMul<tf.Tensor3D>(weights, v)
    .transpose([1, 0, 2])
    .reshape([ctx.length, ctx.heads * ctx.headDim]) as tf.Tensor2D;
  return { out: dense(mixed, w.o), weights };
}

export function runEncoder(
  weights: ModelWeights,
  config: ModelConfig,
  input: EncoderInput,
  keepAttention: boolean,
): EncoderOutput {
  const length = input.paddedLength;
  const realLength = input.tokenIds.length;
  const headDim = config.hidden_size / config.num_heads;
  const ids = new Int32Array(length); // padding rows hold [PAD] = 0
  ids.set(input.tokenIds);
  const tables = ropeTables(input.pos1, input.pos2, length, headDim, config.rope_base);
  let keyMask: tf.Tensor3D | null = null;
  if (length > realLength) {
    const mask = new Float32Array(length).fill(MASKED_SCORE, realLength); // real keys: 0
    keyMask = tf.tensor3d(mask, [1, 1, length]);
  }
  const ctx: AttentionContext = {
    heads: config.num_heads,
    headDim,
    length,
    cos: tf.tensor3d(tables.cos, [length, 1, headDim]),
    sin: tf.tensor3d(tables.sin, [length, 1, headDim]),
    keyMask,
  };

  const eps = config.layer_norm_eps;
  let h = tf.gather(weights.embed, tf.tensor1d(ids, 'int32')) as tf.Tensor2D; // [T, d], no scaling
  const attention: tf.Tensor3D[] = [];
  for (const layer of weights.layers) {
    const { out, weights: attn } = selfAttention(layerNorm(h, layer.ln1, eps), layer, ctx);
    if (keepAttention) attention.push(attn);
    h = h.add(out);
    const inner = gelu(dense(layerNorm(h, layer.ln2, eps), layer.fc1));
    h = h.add(dense(inner, layer.fc2));
  }
  return { hidden: layerNorm(h, weights.finalLn, eps), attention };
}
