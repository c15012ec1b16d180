// The TypeScript runtime against the PyTorch reference (training/make_fixture.py): every golden
// array within 1e-4, on the cpu and wasm backends, for the float32 fixtures and for tiny-random's
// int8 copy (dequantised at load, against PyTorch on the same dequantised weights).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExlmModel } from './analyze';
import { readGolden } from '../node/goldenFile';
import { loadModelFromFolder, type NodeBackend, setNodeBackend } from '../node';

const TOLERANCE = 1e-4;
const TOP_K = 5;

/** For a top-k list against the reference probabilities `row`: the largest error of a listed
 *  probability, and of the reference probability at each rank against the rank-th largest one
 *  (near-ties may swap places between float implementations; a wrong ranking cannot hide). */
function rankingError(top: { id: number; prob: number }[], row: number[]): number {
  const sorted = [...row].sort((a, b) => b - a);
  return Math.max(
    ...top.map(({ id, prob }, rank) =>
      Math.max(Math.abs(prob - row[id]!), Math.abs(row[id]! - sorted[rank]!)),
    ),
  );
}

/** Entropy in nats of the probabilities `p`. */
const entropyOf = (p: number[]): number =>
  p.reduce((sum, x) => (x > 0 ? sum - x * Math.log(x) : sum), 0);

/** Largest |actual - expected|; null in `expected` stands for -Infinity and must match exactly. */
function maxDifference(actual: ArrayLike<number>, expected: (number | null)[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (e === null) {
      expect(a, `index ${i} must be -Infinity`).toBe(-Infinity);
    } else {
      expect(Number.isFinite(a), `index ${i} must be finite, got ${a}`).toBe(true);
      worst = Math.max(worst, Math.abs(a - e));
    }
  });
  return worst;
}

/** Backends, and whether the expanded length is padded to a bucket (as on WebGPU). */
const RUNS: [NodeBackend, boolean][] = [
  ['cpu', false],
  ['wasm', false],
  ['wasm', true],
];
/** Fixture name (its golden file) and its folder. */
const FOLDERS: Record<string, string> = {
  'tiny-random': 'models/tiny-random',
  'tiny-random-mlm': 'models/tiny-random-mlm',
  'tiny-random-int8': 'src/model/testdata/tiny-random-int8',
};
const MODELS = Object.keys(FOLDERS);

describe.each(RUNS)('golden outputs on %s, padded to a bucket: %s', (backend, padToBucket) => {
  const models = new Map<string, ExlmModel>();

  beforeAll(async () => {
    await setNodeBackend(backend);
    expect(tf.getBackend()).toBe(backend);
    for (const name of MODELS)
      models.set(name, await loadModelFromFolder(FOLDERS[name]!, { padToBucket }));
  });
  afterAll(() => models.forEach((m) => m.dispose()));

  describe.each(MODELS)('%s', (modelName) => {
    const golden = readGolden(modelName);

    it('has the cases the issue asks for', () => {
      expect(golden.model).toBe(modelName);
      expect(golden.cases.length).toBeGreaterThanOrEqual(6);
    });

    it.each(golden.cases.map((c) => [c.name, c] as const))('%s', async (_name, golden) => {
      const model = models.get(modelName)!;
      const { encoded, expansion, forward, slots } = await model.inspect(golden.text, {
        attention: true,
        hidden: true,
      });

      expect(Array.from(encoded.ids)).toEqual(golden.token_ids);
      expect(Array.from(expansion.tokenIds)).toEqual(golden.expanded.tokens);
      expect(Array.from(expansion.pos1)).toEqual(golden.expanded.pos1);
      expect(Array.from(expansion.pos2)).toEqual(golden.expanded.pos2);
      expect(Array.from(expansion.states)).toEqual(golden.states);

      expect(maxDifference(forward.hidden, golden.hidden)).toBeLessThan(TOLERANCE);
      expect(maxDifference(forward.stateLogProbs, golden.state_logprobs)).toBeLessThan(TOLERANCE);
      expect(maxDifference(forward.links, golden.links)).toBeLessThan(TOLERANCE);
      expect(
        maxDifference(forward.attention[golden.attention_layer]!, golden.attention),
      ).toBeLessThan(TOLERANCE);

      expect(maxDifference(slots.gamma, golden.gamma)).toBeLessThan(TOLERANCE);
      expect(maxDifference(slots.marginals, golden.marginals)).toBeLessThan(TOLERANCE);
      expect(maxDifference(slots.entropy, golden.entropy)).toBeLessThan(TOLERANCE);
      expect(Array.from(slots.path)).toEqual(golden.viterbi_path);
      expect(Array.from(slots.fillIds)).toEqual(golden.fill_ids);

      // analyze() reads back less and reduces on the device (forward.ts, runAnalysisForwardBatch):
      // what it returns is held to the same reference.
      const analysis = await model.analyze(golden.text, { topK: TOP_K, attention: true });
      expect(analysis.fill.text).toBe(golden.fill_text);
      expect(Array.from(analysis.fill.tokenIds)).toEqual(golden.fill_ids);
      expect(Array.from(analysis.fill.path)).toEqual(golden.viterbi_path);
      expect(maxDifference(analysis.links, golden.links)).toBeLessThan(TOLERANCE);
      expect(maxDifference(analysis.gamma, golden.gamma)).toBeLessThan(TOLERANCE);
      expect(
        maxDifference(analysis.attention[golden.attention_layer]!, golden.attention),
      ).toBeLessThan(TOLERANCE);
      const V = model.config.vocab_size;
      const stateProbs = golden.state_logprobs.map((lp) => Math.exp(lp));
      analysis.stateTop.forEach((top, u) => {
        const row = stateProbs.slice(u * V, (u + 1) * V);
        expect(rankingError(top, row)).toBeLessThan(TOLERANCE);
        expect(analysis.stateEntropy[u]).toBeCloseTo(entropyOf(row), 4);
      });
      analysis.masks.forEach((slot, i) => {
        expect(slot.top).toHaveLength(TOP_K);
        expect(rankingError(slot.top, golden.marginals.slice(i * V, (i + 1) * V))).toBeLessThan(
          TOLERANCE,
        );
        expect(Math.abs(slot.entropy - golden.entropy[i]!)).toBeLessThan(TOLERANCE);
      });
    });
  });

  it('frees every tensor it creates during an analysis', async () => {
    const model = models.get('tiny-random')!;
    const text = 'The cat [MASK] on the [MASK].';
    await model.analyze(text); // first run may allocate backend-level caches
    const before = tf.memory().numTensors;
    await model.analyze(text, { attention: true });
    await model.inspect(text, { attention: true, hidden: true });
    expect(tf.memory().numTensors).toBe(before);
  });
});
