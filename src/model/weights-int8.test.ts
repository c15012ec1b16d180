// Loading int8 weights (training/quantize.py): dequantised in typed arrays before any tensor is
// made, so the load leaves exactly the forward pass's tensors behind and dispose() frees them all.
// What the weights compute is held to the PyTorch reference in golden.test.ts.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { folderSource, loadModelFromFolder, setNodeBackend } from '../node';
import { parseConfigText } from './config';
import { loadWeights } from './weights';

const INT8 = 'src/model/testdata/tiny-random-int8';
const FLOAT32 = 'models/tiny-random';

/** Every distinct tensor reachable from `value`. */
function tensorsIn(value: unknown, found = new Set<tf.Tensor>()): Set<tf.Tensor> {
  if (value instanceof tf.Tensor) found.add(value);
  else if (typeof value === 'object' && value !== null)
    Object.values(value).forEach((v) => tensorsIn(v, found));
  return found;
}

const shardBytes = (folder: string): number => statSync(join(folder, 'group1-shard1of1.bin')).size;

beforeAll(() => setNodeBackend('cpu'));

describe('int8 weights', () => {
  it('leave only the forward pass tensors behind, and dispose() frees them all', async () => {
    const config = parseConfigText(readFileSync(join(INT8, 'config.json'), 'utf8'), INT8);
    const before = tf.memory().numTensors;
    const loaded = await loadWeights(folderSource(INT8), config);
    expect(tf.memory().numTensors - before).toBe(tensorsIn(loaded.weights).size);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('count the bytes as stored: about a quarter of the float32 fixture', async () => {
    const before = tf.memory().numTensors;
    const model = await loadModelFromFolder(INT8);
    const reference = await loadModelFromFolder(FLOAT32);
    try {
      expect(model.info.weightBytes).toBe(shardBytes(INT8));
      expect(model.info.parameterCount).toBe(reference.info.parameterCount);
      expect(model.info.weightBytes).toBeLessThan(0.3 * reference.info.weightBytes);
    } finally {
      model.dispose();
      reference.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
