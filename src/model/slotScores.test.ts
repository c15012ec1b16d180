// scoreSlotsBatch (the slots alone: the LM head on the inner states, the mixture on the device)
// against analyzeBatch (the whole analysis): the same best ids per slot and the same entropies up
// to float rounding, on the random fixtures and on the shipped pair, for the mask-ratio
// experiment's own maskings of sample sentences too; and no tensor left behind.
import { existsSync, readFileSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExlmModel } from './analyze';
import { type SentenceScore, sentenceScoreOf, TOP_COUNT } from './evalMetrics';
import { EXPERIMENT_RATIOS, EXPERIMENT_SEED, experimentMasks } from './maskRatio';
import { loadModelFromFolder, type NodeBackend, setNodeBackend } from '../node';

/** Entropies are summed in float32 on the device here, in float64 on the CPU there. */
const ENTROPY_TOLERANCE = 2e-4;

const TEXTS = [
  '[MASK] cat sat on the mat .',
  'the old man sat by the window and watched the [MASK] fall on the street below .',
  'she [MASK] [MASK] to the store .',
  'the children would come [MASK] from school at [MASK] , said the [MASK] .',
  '[MASK] [MASK] [MASK] [MASK] .',
];

const SHIPPED = ['exlm-en-small', 'mlm-en-small'].filter((name) =>
  existsSync(`models/${name}/config.json`),
);

/** Maskings of the first sample sentences at three of the experiment's ratios, as it makes them. */
function sampleMaskings(count: number): string[] {
  const path = 'public/experiment/test-sentences.json';
  const { sentences } = JSON.parse(readFileSync(path, 'utf8')) as {
    sentences: { words: string[]; maskable: number[] }[];
  };
  return [1, 5, 9].flatMap((ratioIndex) =>
    sentences.slice(0, count).flatMap(({ words, maskable }, sentence) => {
      const coordinates = { seed: EXPERIMENT_SEED, ratioIndex, sentence, repeat: 0 };
      const masks = new Set(experimentMasks(maskable, EXPERIMENT_RATIOS[ratioIndex]!, coordinates));
      if (masks.size === 0) return [];
      return [words.map((word, i) => (masks.has(i) ? '[MASK]' : word)).join(' ')];
    }),
  );
}

function expectSame(scored: SentenceScore, analysed: SentenceScore): void {
  expect(scored.slots).toHaveLength(analysed.slots.length);
  scored.slots.forEach((slot, i) => {
    expect(slot.top).toEqual(analysed.slots[i]!.top);
    expect(Math.abs(slot.entropy - analysed.slots[i]!.entropy)).toBeLessThan(ENTROPY_TOLERANCE);
  });
}

const RUNS: [NodeBackend, string[]][] = [
  ['cpu', ['tiny-random', 'tiny-random-mlm']],
  ['wasm', ['tiny-random', 'tiny-random-mlm', ...SHIPPED]],
];

describe.each(RUNS)('the slot scores on %s', (backend, names) => {
  const models = new Map<string, ExlmModel>();

  beforeAll(async () => {
    await setNodeBackend(backend);
    for (const name of names) models.set(name, await loadModelFromFolder(`models/${name}`));
  });
  afterAll(() => models.forEach((m) => m.dispose()));

  it.each(names)('%s: the best ids and entropies of the whole analysis', async (name) => {
    const model = models.get(name)!;
    const texts = SHIPPED.includes(name) ? [...TEXTS, ...sampleMaskings(6)] : TEXTS;
    const scores = await model.scoreSlotsBatch(texts, TOP_COUNT);
    const analyses = await model.analyzeBatch(texts, {
      topK: TOP_COUNT,
      attention: false,
      states: false,
    });
    expect(scores).toHaveLength(texts.length);
    scores.forEach((score, i) => expectSame(score, sentenceScoreOf(analyses[i]!)));
  });

  it('frees every tensor it creates, and gives a text without a [MASK] no slots', async () => {
    const model = models.get(names[0]!)!;
    await model.scoreSlotsBatch(TEXTS.slice(0, 2), TOP_COUNT);
    const before = tf.memory().numTensors;
    const scores = await model.scoreSlotsBatch(['a quiet house .', ...TEXTS], TOP_COUNT);
    expect(tf.memory().numTensors).toBe(before);
    expect(scores[0]!.slots).toEqual([]);
    expect(scores[3]!.slots).toHaveLength(2);
    expect(await model.scoreSlotsBatch([], TOP_COUNT)).toEqual([]);
  });
});
