import { resolve } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadModelFromFolder, setNodeBackend } from '../../src/node';
import { type SoakSample, flatVerdict, soakInputs } from './soak';

const sample = (analyses: number, numTensors: number, heapMB: number): SoakSample => ({
  analyses,
  numTensors,
  numBytes: numTensors * 4,
  heapMB,
  rssMB: 200,
  msPerAnalysis: 1,
});

describe('flatVerdict', () => {
  it('calls equal tensor counts and a steady heap flat', () => {
    expect(flatVerdict([sample(10, 40, 50), sample(20, 40, 52), sample(30, 40, 51)]).flat).toBe(
      true,
    );
  });
  it('catches one leaked tensor per sample and a heap that keeps growing', () => {
    expect(flatVerdict([sample(10, 40, 50), sample(20, 41, 50)]).flat).toBe(false);
    expect(flatVerdict([sample(10, 40, 50), sample(20, 40, 500)]).flat).toBe(false);
  });
});

describe('a short soak of the fixture model', () => {
  it('leaves the tensor count unchanged over varied analyses', async () => {
    await setNodeBackend('cpu');
    const model = await loadModelFromFolder(
      resolve(import.meta.dirname, '../../models/tiny-random'),
    );
    const counts: number[] = [];
    for (const [i, input] of soakInputs(60).entries()) {
      await model.analyze(input.text, { topK: input.topK, attention: input.attention });
      if (i % 10 === 9) counts.push(tf.memory().numTensors);
    }
    model.dispose();
    expect(new Set(counts).size).toBe(1);
  });
});
