// The golden outputs (src/model/golden.test.ts's PyTorch reference, within the same 1e-4) once
// more on wasm, with the model's own wasm kernels registered as the worker registers them: the
// golden test itself runs the composites, since it registers nothing.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExlmModel } from '../../model/analyze';
import {
  ADD_NORMALIZE_KERNEL,
  ATTENTION_BLOCK_KERNEL,
  FEED_FORWARD_KERNEL,
  HEADS_MATMUL_KERNEL,
  LOG_SOFTMAX_KERNEL,
  NORMALIZE_KERNEL,
  SCALED_GELU_KERNEL,
} from '../../model/ops';
import { loadModelFromFolder, setNodeBackend } from '../../node';
import { readGolden } from '../../node/goldenFile';
import { registerWasmKernels } from './wasmKernels';

const TOLERANCE = 1e-4;
const FOLDERS: Record<string, string> = {
  'tiny-random': 'models/tiny-random',
  'tiny-random-mlm': 'models/tiny-random-mlm',
  'tiny-random-int8': 'src/model/testdata/tiny-random-int8',
};

/** Largest |actual - expected|; null in `expected` stands for -Infinity and must match exactly. */
function maxDifference(actual: ArrayLike<number>, expected: (number | null)[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i], `index ${i} must be -Infinity`).toBe(-Infinity);
    else worst = Math.max(worst, Math.abs(actual[i]! - e));
  });
  return worst;
}

describe.each([false, true])('golden outputs with the wasm kernels, padded: %s', (padToBucket) => {
  const models = new Map<string, ExlmModel>();

  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
    for (const [name, dir] of Object.entries(FOLDERS))
      models.set(name, await loadModelFromFolder(dir, { padToBucket }));
  });
  afterAll(() => models.forEach((m) => m.dispose()));

  it('runs the kernels in the forward pass', async () => {
    const model = models.get('tiny-random')!;
    const { kernels } = await tf.profile(async () => {
      await model.inspect('The cat [MASK] on the [MASK].');
    });
    const names = new Set(kernels.map((k) => k.name));
    expect(names).toContain(SCALED_GELU_KERNEL); // the LM head's
    // Each layer's sublayers, the attention kernel and the GELU kernel run inside them.
    expect(names).toContain(ATTENTION_BLOCK_KERNEL);
    expect(names).toContain(FEED_FORWARD_KERNEL);
    expect(names).toContain(HEADS_MATMUL_KERNEL); // the transition head's scores
    expect(names).toContain(NORMALIZE_KERNEL);
    expect(names).toContain(ADD_NORMALIZE_KERNEL); // every residual add
    expect(names).toContain(LOG_SOFTMAX_KERNEL);
    expect(names).not.toContain('Add');
    expect(names).not.toContain('Exp');
    expect(names).not.toContain('Erf');
    expect(names).not.toContain('BatchMatMul');
    expect(names).not.toContain('Rsqrt');
    expect(names).not.toContain('Softmax');
  });

  describe.each(Object.keys(FOLDERS))('%s', (modelName) => {
    const golden = readGolden(modelName);
    it.each(golden.cases.map((c) => [c.name, c] as const))('%s', async (_name, expected) => {
      const model = models.get(modelName)!;
      const { forward, slots } = await model.inspect(expected.text, {
        attention: true,
        hidden: true,
      });
      expect(maxDifference(forward.hidden, expected.hidden)).toBeLessThan(TOLERANCE);
      expect(maxDifference(forward.stateLogProbs, expected.state_logprobs)).toBeLessThan(TOLERANCE);
      expect(maxDifference(forward.links, expected.links)).toBeLessThan(TOLERANCE);
      const attention = forward.attention[expected.attention_layer]!;
      expect(maxDifference(attention, expected.attention)).toBeLessThan(TOLERANCE);
      expect(maxDifference(slots.marginals, expected.marginals)).toBeLessThan(TOLERANCE);
      expect(Array.from(slots.fillIds)).toEqual(expected.fill_ids);
      const analysis = await model.analyze(expected.text, { topK: 5, attention: true });
      expect(analysis.fill.text).toBe(expected.fill_text);
      expect(maxDifference(analysis.links, expected.links)).toBeLessThan(TOLERANCE);
    });
  });

  it('frees every tensor it creates during an analysis', async () => {
    const model = models.get('tiny-random')!;
    const text = 'The cat [MASK] on the [MASK].';
    await model.analyze(text);
    const before = tf.memory().numTensors;
    await model.analyze(text, { attention: true });
    await model.inspect(text, { attention: true, hidden: true });
    expect(tf.memory().numTensors).toBe(before);
  });
});
