// The N best fills of an analysis, on the shipped molecule pair (wasm backend): the first is the
// best joint fill, and the list is what bestFills.ts gives on the full per-state distributions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExlmModel } from './analyze';
import { BEST_FILL_COUNT, nBestDagFills, nBestSlotFills } from './bestFills';
import { bestWords } from './dag';
import { loadModelFromFolder, setNodeBackend } from '../node';

const INPUTS = ['CC(=O)[MASK]', 'C[MASK]1=CC=C[MASK]C=1O', '[MASK]C(=O)NC1=CC=C(O)C=C1'];

/** Each state's W best words of the slot vocabulary from full log-probabilities [L * V]. */
function wordsOf(logProbs: Float32Array, L: number, V: number, allowed: Uint8Array) {
  const W = BEST_FILL_COUNT;
  const ids = new Int32Array(L * W).fill(-1);
  const values = new Float64Array(L * W).fill(-Infinity);
  for (let u = 0; u < L; u++) {
    const row = Array.from(logProbs.subarray(u * V, (u + 1) * V), (value, id) => ({ id, value }))
      .filter(({ id }) => allowed[id] === 1)
      .sort((a, b) => b.value - a.value || a.id - b.id);
    row.slice(0, W).forEach(({ id, value }, j) => {
      ids[u * W + j] = id;
      values[u * W + j] = value;
    });
  }
  return { width: W, ids, logProbs: values };
}

describe.each(['exlm-smiles-small', 'mlm-smiles-small'])('the N best fills of %s', (name) => {
  let model: ExlmModel;
  beforeAll(async () => {
    await setNodeBackend('wasm');
    model = await loadModelFromFolder(`models/${name}`);
  });
  afterAll(() => model.dispose());

  it.each(INPUTS)('%s', async (smiles) => {
    const analysis = await model.analyze(smiles, { attention: false, bestFills: true });
    const fills = analysis.bestFills ?? [];
    expect(fills.length).toBe(BEST_FILL_COUNT);
    expect(Array.from(fills[0]!.tokenIds)).toEqual(Array.from(analysis.fill.tokenIds));
    expect(fills[0]!.tokens).toEqual(analysis.fill.tokens);
    fills.slice(1).forEach((fill, i) => expect(fill.score).toBeLessThanOrEqual(fills[i]!.score));
    const keys = fills.map((fill) => fill.tokens.join(' '));
    expect(new Set(keys).size).toBe(fills.length);

    // The same list from the full distributions (the forward pass of the golden tests).
    const { forward, expansion } = await model.inspect(smiles);
    const L = forward.stateCount;
    const V = model.config.vocab_size;
    const allowed = model.tokenizer.slotVocabulary(V);
    const words = wordsOf(forward.stateLogProbs, L, V, allowed);
    const M = expansion.maskPositions.length;
    const expected =
      model.config.architecture === 'exlm'
        ? nBestDagFills(forward.links, words, L, M)
        : nBestSlotFills(words, M);
    expect(expected.map((fill) => Array.from(fill.tokenIds).join(' '))).toEqual(
      fills.map((fill) => Array.from(fill.tokenIds).join(' ')),
    );
    expected.forEach((fill, i) => expect(fills[i]!.score).toBeCloseTo(fill.score, 3));
    // Its first words are the device's best words.
    expect(Array.from(words.ids.filter((_, j) => j % BEST_FILL_COUNT === 0))).toEqual(
      Array.from(bestWords(forward.stateLogProbs, L, V, allowed).ids),
    );
  });

  it('lists no fills when not asked for', async () => {
    const analysis = await model.analyze(INPUTS[0]!, { attention: false, bestFills: false });
    expect(analysis.bestFills).toBeUndefined();
    expect((await model.analyze(INPUTS[0]!, { attention: false })).bestFills).toBeUndefined();
  });
});

describe('a text model', () => {
  it('lists no fills unless asked for', async () => {
    await setNodeBackend('wasm');
    const model = await loadModelFromFolder('models/tiny-random');
    try {
      expect((await model.analyze('a [MASK] b', { attention: false })).bestFills).toBeUndefined();
      const asked = await model.analyze('a [MASK] b', { attention: false, bestFills: true });
      expect(Array.from(asked.bestFills![0]!.tokenIds)).toEqual(Array.from(asked.fill.tokenIds));
    } finally {
      model.dispose();
    }
  });
});
