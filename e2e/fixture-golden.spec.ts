// The model code of the playground, in headless Chromium on the WebGPU backend (SwiftShader), must
// reproduce the PyTorch golden outputs of the tiny random fixture within 1e-3 (docs/design.md).
import { expect, test } from './support/fixtures';
import { floatErrors, readGolden, readVocabSize, slotRankError } from './support/golden';

const MODEL = 'tiny-random';
const TOLERANCE = 1e-3;
/** Enough candidates per slot and state to compare more than the winner. */
const TOP_K = 5;

test('tiny-random on WebGPU matches the PyTorch golden outputs', async ({ harness }) => {
  const golden = readGolden(MODEL);
  const vocabSize = readVocabSize(MODEL);
  expect(golden.model).toBe(MODEL);
  expect(golden.cases.length).toBeGreaterThanOrEqual(6);

  expect(await harness.hasWebGpu(), 'navigator.gpu is missing: check the WebGPU flags').toBe(true);

  const run = await harness.run(
    MODEL,
    'webgpu',
    golden.cases.map((c) => c.text),
    TOP_K,
  );
  test.info().annotations.push({ type: 'backend', description: run.backend });
  console.log(`fixture-golden: analyses ran on the tfjs "${run.backend}" backend`);
  expect(run.backend).toBe('webgpu');

  golden.cases.forEach((want, index) => {
    const got = run.results[index];
    expect(got, `no result for case ${want.name}`).toBeDefined();
    if (got === undefined) return;
    // Integers: exactly.
    expect(got.tokenIds, `${want.name}: token ids`).toEqual(want.token_ids);
    expect(got.expanded, `${want.name}: expansion`).toEqual({
      tokenIds: want.expanded.tokens,
      pos1: want.expanded.pos1,
      pos2: want.expanded.pos2,
    });
    expect(got.states, `${want.name}: states`).toEqual(want.states);
    expect(got.fill.path, `${want.name}: Viterbi path`).toEqual(want.viterbi_path);
    expect(got.fill.tokenIds, `${want.name}: fill ids`).toEqual(want.fill_ids);
    expect(got.fill.text, `${want.name}: fill text`).toBe(want.fill_text);
    got.masks.forEach((slot, i) => {
      expect(slot.top.length, `${want.name}: slot ${i} top-k`).toBe(TOP_K);
      const ids = slot.top.map(({ id }) => id);
      const rankError = slotRankError(want, i, vocabSize, ids);
      expect(rankError, `${want.name}: slot ${i} ranking`).toBeLessThanOrEqual(TOLERANCE);
    });
    expect(got.masks.length, `${want.name}: slots`).toBe(want.entropy.length);
    // Floats: within the tolerance, each output by name so a failure says which one drifted.
    const errors = floatErrors(got, want, vocabSize);
    for (const [output, error] of Object.entries(errors)) {
      expect(error, `${want.name}: ${output} max |error|`).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});
