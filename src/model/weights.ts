// The model's tensors: which ones a config needs (docs/model-format.md), loading them from a model
// source with every name and shape checked, and a typed view the forward pass reads from.

import * as tf from '@tensorflow/tfjs';

import { type ModelSource, quoteName } from './source';
import type { ModelConfig } from './types';
import { checkGroupBytes, decodeGroup, parseManifest, WeightsError } from './weights-manifest';

export { WeightsError } from './weights-manifest';

export interface LayerNormWeights {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

/** y = x kernel + bias, kernel stored [in, out]. */
export interface DenseWeights {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

export interface LayerWeights {
  ln1: LayerNormWeights;
  q: DenseWeights;
  k: DenseWeights;
  v: DenseWeights;
  o: DenseWeights;
  ln2: LayerNormWeights;
  fc1: DenseWeights;
  fc2: DenseWeights;
}

export interface TransitionWeights {
  /** [max_expanded_positions, d]: row t is expanded position t. */
  pos: tf.Tensor2D;
  query: DenseWeights;
  key: DenseWeights;
  gate: DenseWeights;
}

export interface ModelWeights {
  /** [V, d], also the tied LM head weight. */
  embed: tf.Tensor2D;
  layers: LayerWeights[];
  finalLn: LayerNormWeights;
  lmDense: DenseWeights;
  lmLn: LayerNormWeights;
  /** [V] */
  lmBias: tf.Tensor1D;
  /** The LM head's output layer: kernel = embed transposed [d, V] (tied weights, a copy made at
   *  load: wasm multiplies by a transposed operand much more slowly), bias = lmBias. */
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

  const tensors = new Map<string, tf.Tensor>();
  for (const [name, shape] of expected)
    tensors.set(name, tf.tensor(values.get(name) as Float32Array, shape, 'float32'));
  const embedTransposed = tf.tensor2d(
    transpose(values.get('embed.weight') as Float32Array, config.vocab_size, config.hidden_size),
    [config.hidden_size, config.vocab_size],
  );
  const parameterCount = [...expected.values()].reduce(
    (sum, shape) => sum + shape.reduce((a, b) => a * b, 1),
    0,
  );
  return {
    weights: structure(tensors, embedTransposed, config),
    parameterCount,
    weightBytes,
    dispose: () => {
      tensors.forEach((t) => t.dispose());
      embedTransposed.dispose();
    },
  };
}

/** [rows, cols] row-major -> [cols, rows] row-major. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  }
  return out;
}

/** The typed view of a name -> tensor map whose names and shapes were checked. */
function structure(
  tensors: Map<string, tf.Tensor>,
  embedTransposed: tf.Tensor2D,
  config: ModelConfig,
): ModelWeights {
  const get = <T extends tf.Tensor>(name: string): T => tensors.get(name) as T;
  const dense = (name: string): DenseWeights => ({
    kernel: get(`${name}.kernel`),
    bias: get(`${name}.bias`),
  });
  const layerNorm = (name: string): LayerNormWeights => ({
    gamma: get(`${name}.gamma`),
    beta: get(`${name}.beta`),
  });
  const layers: LayerWeights[] = [];
  for (let i = 0; i < config.num_layers; i++) {
    layers.push({
      ln1: layerNorm(`layers.${i}.ln1`),
      q: dense(`layers.${i}.attn.q`),
      k: dense(`layers.${i}.attn.k`),
      v: dense(`layers.${i}.attn.v`),
      o: dense(`layers.${i}.attn.o`),
      ln2: layerNorm(`layers.${i}.ln2`),
      fc1: dense(`layers.${i}.ffn.fc1`),
      fc2: dense(`layers.${i}.ffn.fc2`),
    });
  }
  return {
    embed: get('embed.weight'),
    layers,
    finalLn: layerNorm('final_ln'),
    lmDense: dense('lm_head.dense'),
    lmLn: layerNorm('lm_head.ln'),
    lmBias: get('lm_head.bias'),
    lmOutput: { kernel: embedTransposed, bias: get('lm_head.bias') },
    transition:
      config.architecture === 'exlm'
        ? {
            pos: get('transition.pos'),
            query: dense('transition.query'),
            key: dense('transition.key'),
            gate: dense('transition.gate'),
          }
        : null,
  };
}
