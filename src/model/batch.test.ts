// analyzeBatch (one forward pass for several texts, each padded to the longest with its padded
// keys masked out) against analyze (one pass per text): the same slots, probabilities, entropies,
// links, fill and attention up to float rounding, on the random fixtures and on the shipped pair,
// on the cpu and wasm backends, with and without bucket padding; and no tensor left behind.
import { existsSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExlmModel } from './analyze';
import { loadModelFromFolder, type NodeBackend, setNodeBackend } from '../node';
import type { Analysis } from './types';

const TOLERANCE = 1e-4;

/** Texts of different lengths and mask counts (a typed [MASK] first, none, several, adjacent). */
const TEXTS = [
  '[MASK] cat sat on the mat .',
  'the old man sat by the window and watched the [MASK] fall on the street below .',
  'she [MASK] [MASK] to the store .',
  'a quiet house .',
  'the children would come [MASK] from school at [MASK] , said the [MASK] .',
];

const SHIPPED = ['exlm-en-small', 'mlm-en-small'].filter((name) =>
  existsSync(`models/${name}/config.json`),
);

function largestGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue; // -Infinity links included
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  }
  return worst;
}

function expectSame(batched: Analysis, alone: Analysis): void {
  expect(batched.text).toBe(alone.text);
  expect(Array.from(batched.tokenIds)).toEqual(Array.from(alone.tokenIds));
  expect(batched.masks.map((m) => m.position)).toEqual(alone.masks.map((m) => m.position));
  batched.masks.forEach((slot, i) => {
    const other = alone.masks[i]!;
    // Near-ties may swap places between float orders: each listed probability matches the
    // other's at its rank.
    slot.top.forEach((t, rank) =>
      expect(Math.abs(t.prob - other.top[rank]!.prob)).toBeLessThan(TOLERANCE),
    );
    expect(slot.top[0]?.id).toBe(other.top[0]?.id);
    expect(Math.abs(slot.entropy - other.entropy)).toBeLessThan(TOLERANCE);
  });
  expect(largestGap(batched.links, alone.links)).toBeLessThan(TOLERANCE);
  expect(largestGap(batched.gamma, alone.gamma)).toBeLessThan(TOLERANCE);
  expect(largestGap(batched.stateEntropy, alone.stateEntropy)).toBeLessThan(TOLERANCE);
  expect(batched.fill.text).toBe(alone.fill.text);
  expect(batched.attention).toHaveLength(alone.attention.length);
  batched.attention.forEach((layer, l) =>
    expect(largestGap(layer, alone.attention[l]!)).toBeLessThan(TOLERANCE),
  );
}

const RUNS: [NodeBackend, boolean, string[]][] = [
  ['cpu', false, ['tiny-random', 'tiny-random-mlm']],
  ['wasm', false, ['tiny-random', 'tiny-random-mlm', ...SHIPPED]],
  ['wasm', true, ['tiny-random', 'tiny-random-mlm']],
];

describe.each(RUNS)('a batch on %s, padded to a bucket: %s', (backend, padToBucket, names) => {
  const models = new Map<string, ExlmModel>();

  beforeAll(async () => {
    await setNodeBackend(backend);
    for (const name of names) {
      models.set(name, await loadModelFromFolder(`models/${name}`, { padToBucket }));
    }
  });
  afterAll(() => models.forEach((m) => m.dispose()));

  it.each(names)('%s: each text gets what it gets alone', async (name) => {
    const model = models.get(name)!;
    const options = { topK: 5, attention: true };
    const batched = await model.analyzeBatch(TEXTS, options);
    expect(batched).toHaveLength(TEXTS.length);
    for (const [i, text] of TEXTS.entries()) {
      expectSame(batched[i]!, await model.analyze(text, options));
    }
  });

  it('frees every tensor it creates, and reads no state top-k when told not to', async () => {
    const model = models.get(names[0]!)!;
    await model.analyzeBatch(TEXTS.slice(0, 2));
    const before = tf.memory().numTensors;
    const slim = await model.analyzeBatch(TEXTS, { attention: false, states: false });
    expect(tf.memory().numTensors).toBe(before);
    expect(slim.every((a) => a.stateTop.length === 0 && a.attention.length === 0)).toBe(true);
    expect(await model.analyzeBatch([])).toEqual([]);
  });
});
