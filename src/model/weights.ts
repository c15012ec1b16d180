// The model's tensors: which ones a config needs (docs/model-format.md), loading them from a model
// source with every name and shape checked, and the tensors the forward pass reads, rearranged
// once at load for fewer kernels (fuse.ts).

import * as tf from './tf';

import { type ModelSource, quoteName } from './source';
import type { ModelConfig } from './types';
import {
  concatColumns,
  type DenseArrays,
  foldLayerNorm,
  type LayerNormArrays,
  scaleDense,
  scaleKernel,
  swapColumns,
  transposeMatrix,
} from './fuse';
import { checkGroupBytes, decodeGroup, parseManifest, WeightsError } from './weights-manifest';

export interface LayerNormWeights {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

/** y = x kernel + bias; the kernel is [1, in, out], the shape the matmul kernel takes (ops.ts). */
export interface DenseWeights {
  kernel: tf.Tensor3D;
  bias: tf.Tensor1D;
}

/** One encoder layer in the layout the forward pass runs (fuse.ts): its LayerNorms are folded into
 *  the dense layers after them, so the encoder only normalizes. */
export interface LayerWeights {
  /** q (scaled by 1/sqrt(dh)) and k side by side: [d, 2d]. */
  qk: DenseWeights;
  /** The same with the columns that rotate-half RoPE swaps (fuse.ts, swapColumns). */
  qkSwapped: DenseWeights;
  v: DenseWeights;
  o: DenseWeights;
  /** (x W1 + b1) / sqrt 2: [d, f]. */
  fc1: DenseWeights;
  /** W2 / sqrt 2, b2: [f, d]. */
  fc2: DenseWeights;
}

/** The transition head, with the final LayerNorm's gamma and beta folded into the rows of its
 *  dense layers that take h_L. */
export interface TransitionWeights {
  /** [max_expanded_positions, d]: row t is expanded position t. */
  pos: tf.Tensor2D;
  /** Scaled by 1/sqrt(d/H). */
  query: DenseWeights;
  key: DenseWeights;
  gate: DenseWeights;
}

/** The tensors the forward pass reads, built once at load from the stored ones (fuse.ts). */
export interface ModelWeights {
  /** [V, d] */
  embed: tf.Tensor2D;
  layers: LayerWeights[];
  /** The final LayerNorm's gamma and beta: the encoder only normalizes, the heads have them
   *  folded in, and h_L is computed from them only when asked for. */
  finalLn: LayerNormWeights;
  /** (h_L W_d + b_d) / sqrt 2, the final LayerNorm folded in. */
  lmDense: DenseWeights;
  /** eps of the LM head's LayerNorm: config's eps * 2 (it takes sqrt(2) gelu(x), fuse.ts). */
  lmNormEps: number;
  /** The LM head's LayerNorm folded into its tied output layer: kernel diag(gamma) Emb^T [d, V]
   *  (a transposed copy: wasm multiplies by a transposed operand much more slowly), bias
   *  beta Emb^T + b_vocab [V]. */
  lmOutput: DenseWeights;
  /** Absent for the MLM twin. */
  transition: TransitionWeights | null;
}

export interface LoadedWeights {
  weights: ModelWeights;
  parameterCount: number;
  /** Bytes of the shards as stored. */
  weightBytes: number;
  dispose(): void;
}

/** Every tensor a config needs, with its shape (docs/model-format.md, "Tensor names"). */
export function expectedTensors(config: ModelConfig): Map<string, number[]> {
  const d = config.hidden_size;
  const f = config.ffn_size;
  const V = config.vocab_size;
  const shapes = new Map<string, number[]>();
  const dense = (name: string, inSize: number, outSize: number): void => {
    shapes.set(`${name}.kernel`, [inSize, outSize]);
    shapes.set(`${name}.bias`, [outSize]);
  };
  const layerNorm = (name: string): void => {
    shapes.set(`${name}.gamma`, [d]);
    shapes.set(`${name}.beta`, [d]);
  };
  shapes.set('embed.weight', [V, d]);
  for (let i = 0; i < config.num_layers; i++) {
    layerNorm(`layers.${i}.ln1`);
    for (const proj of ['q', 'k', 'v', 'o']) dense(`layers.${i}.attn.${proj}`, d, d);
    layerNorm(`layers.${i}.ln2`);
    dense(`layers.${i}.ffn.fc1`, d, f);
    dense(`layers.${i}.ffn.fc2`, f, d);
  }
  layerNorm('final_ln');
  dense('lm_head.dense', d, d);
  layerNorm('lm_head.ln');
  shapes.set('lm_head.bias', [V]);
  if (config.architecture === 'exlm') {
    shapes.set('transition.pos', [config.max_expanded_positions, d]);
    dense('transition.query', 2 * d, d);
    dense('transition.key', 2 * d, d);
    dense('transition.gate', 2 * d, config.num_heads);
  }
  return shapes;
}

const sameShape = (a: number[], b: number[]): boolean =>
  a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Read weights.json and its shards from `source`, check every tensor against `config`, and build
 * the tensors once (on the current backend). The caller owns the result and must dispose() it.
 */
export async function loadWeights(
  source: ModelSource,
  config: ModelConfig,
): Promise<LoadedWeights> {
  const manifestPath = source.pathOf('weights.json');
  const groups = parseManifest(await source.readText('weights.json'), manifestPath);
  const expected = expectedTensors(config);

  // Check names and shapes before fetching any shard: a wrong model fails fast. (parseManifest
  // has refused shard paths that are not plain file names and tensor names given twice.)
  const seen = new Set<string>();
  for (const entry of groups.flatMap((g) => g.entries)) {
    const shape = expected.get(entry.name);
    if (!shape) {
      throw new WeightsError(
        `${manifestPath}: unexpected tensor ${quoteName(entry.name)} for a "${config.architecture}" model (see docs/model-format.md)`,
      );
    }
    if (!sameShape(shape, entry.shape)) {
      throw new WeightsError(
        `${manifestPath}: tensor "${entry.name}" has shape [${entry.shape.join(', ')}] but config.json implies [${shape.join(', ')}]`,
      );
    }
    seen.add(entry.name);
  }
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new WeightsError(
      `${manifestPath}: missing tensor${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')}`,
    );
  }

  // Every shard of every group is checked against the manifest before anything is decoded.
  const read = await Promise.all(
    groups.map(async (group) => {
      const shards = await Promise.all(group.paths.map((p) => source.readBinary(p)));
      const names = group.paths.map((p) => source.pathOf(p));
      checkGroupBytes(group, shards, names);
      return { group, shards, names };
    }),
  );
  const values = new Map<string, Float32Array>();
  let weightBytes = 0;
  for (const { group, shards, names } of read) {
    weightBytes += shards.reduce((sum, s) => sum + s.byteLength, 0);
    for (const [name, tensor] of decodeGroup(group, shards, names)) values.set(name, tensor.values);
  }

  const parameterCount = [...expected.values()].reduce(
    (sum, shape) => sum + shape.reduce((a, b) => a * b, 1),
    0,
  );
  const created: tf.Tensor[] = [];
  const weights = runtimeWeights(values, config, (arrays, shape) => {
    const tensor = tf.tensor(arrays, shape, 'float32');
    created.push(tensor);
    return tensor;
  });
  return {
    weights,
    parameterCount,
    weightBytes,
    dispose: () => created.forEach((t) => t.dispose()),
  };
}

type MakeTensor = (values: Float32Array, shape: number[]) => tf.Tensor;

/** The forward pass's tensors from the stored arrays, whose names and shapes were checked. */
function runtimeWeights(
  values: Map<string, Float32Array>,
  config: ModelConfig,
  make: MakeTensor,
): ModelWeights {
  const d = config.hidden_size;
  const V = config.vocab_size;
  const headDim = d / config.num_heads;
  const get = (name: string): Float32Array => values.get(name) as Float32Array;
  const arrays = (name: string): DenseArrays => ({
    kernel: get(`${name}.kernel`),
    bias: get(`${name}.bias`),
  });
  const norm = (name: string): LayerNormArrays => ({
    gamma: get(`${name}.gamma`),
    beta: get(`${name}.beta`),
  });
  const tensors = (dense: DenseArrays): DenseWeights => {
    const outSize = dense.bias.length;
    return {
      kernel: make(dense.kernel, [1, dense.kernel.length / outSize, outSize]) as tf.Tensor3D,
      bias: make(dense.bias, [outSize]) as tf.Tensor1D,
    };
  };
  const layerNorm = (name: string): LayerNormWeights => ({
    gamma: make(get(`${name}.gamma`), [d]) as tf.Tensor1D,
    beta: make(get(`${name}.beta`), [d]) as tf.Tensor1D,
  });

  const layers: LayerWeights[] = [];
  for (let i = 0; i < config.num_layers; i++) {
    const name = (part: string): string => `layers.${i}.${part}`;
    const ln1 = norm(name('ln1'));
    const q = scaleDense(foldLayerNorm(arrays(name('attn.q')), ln1), 1 / Math.sqrt(headDim));
    const k = foldLayerNorm(arrays(name('attn.k')), ln1);
    layers.push({
      qk: tensors(concatColumns(q, k)),
      qkSwapped: tensors(concatColumns(swapColumns(q, headDim), swapColumns(k, headDim))),
      v: tensors(foldLayerNorm(arrays(name('attn.v')), ln1)),
      o: tensors(arrays(name('attn.o'))),
      fc1: tensors(
        scaleDense(foldLayerNorm(arrays(name('ffn.fc1')), norm(name('ln2'))), Math.SQRT1_2),
      ),
      fc2: tensors(scaleKernel(arrays(name('ffn.fc2')), Math.SQRT1_2)),
    });
  }
  const lmOutput = foldLayerNorm(
    { kernel: transposeMatrix(get('embed.weight'), V, d), bias: get('lm_head.bias') },
    norm('lm_head.ln'),
  );
  const chunkSize = d / config.num_heads;
  const finalLn = norm('final_ln');
  const afterFinalLn = (name: string): DenseArrays => foldLayerNorm(arrays(name), finalLn);
  return {
    embed: make(get('embed.weight'), [V, d]) as tf.Tensor2D,
    layers,
    finalLn: layerNorm('final_ln'),
    lmDense: tensors(scaleDense(afterFinalLn('lm_head.dense'), Math.SQRT1_2)),
    lmNormEps: config.layer_norm_eps * 2,
    lmOutput: tensors(lmOutput),
    transition:
      config.architecture === 'exlm'
        ? {
            pos: make(get('transition.pos'), [config.max_expanded_positions, d]) as tf.Tensor2D,
            query: tensors(scaleDense(afterFinalLn('transition.query'), 1 / Math.sqrt(chunkSize))),
            key: tensors(afterFinalLn('transition.key')),
            gate: tensors(afterFinalLn('transition.gate')),
          }
        : null,
  };
}
