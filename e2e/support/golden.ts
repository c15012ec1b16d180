// The comparisons the e2e spec makes between what the page computed and the golden outputs written
// by training/ (PyTorch reference) for the tiny random fixture; the golden file's type and reader
// are src/node/goldenFile.ts, shared with the runtime's own golden test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GoldenCase } from '../../src/node/goldenFile';
import type { HarnessCaseResult } from '../harness/protocol';

export { readGolden } from '../../src/node/goldenFile';

/** Largest |a - b| over two equally long arrays; -Infinity (null in the golden JSON) must meet
 *  -Infinity. Returns Infinity on a length mismatch or an edge present on one side only. */
export function maxAbsDiff(
  actual: readonly number[],
  expected: readonly (number | null)[],
): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  actual.forEach((value, index) => {
    const want = expected[index] ?? -Infinity;
    if (value === want) return;
    worst = Math.max(worst, Math.abs(value - want));
  });
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Every float the page computed next to its golden counterpart, by name, with the worst error.
 *  Integer outputs (ids, positions, paths) are compared exactly by the spec itself. */
export function floatErrors(
  actual: HarnessCaseResult,
  golden: GoldenCase,
  vocabSize: number,
): Record<string, number> {
  const slotProbs = actual.masks.flatMap((slot, i) =>
    slot.top.map(({ id, prob }) => [prob, golden.marginals[i * vocabSize + id] ?? NaN]),
  );
  const stateProbs = actual.stateTop.flatMap((top, u) =>
    top.map(({ id, prob }) => [prob, Math.exp(golden.state_logprobs[u * vocabSize + id] ?? NaN)]),
  );
  return {
    links: maxAbsDiff(actual.links, golden.links),
    gamma: maxAbsDiff(actual.gamma, golden.gamma),
    attention: maxAbsDiff(actual.attention[golden.attention_layer] ?? [], golden.attention),
    slotTopProbs: maxAbsDiff(
      slotProbs.map(([a]) => a ?? NaN),
      slotProbs.map(([, g]) => g ?? NaN),
    ),
    slotEntropy: maxAbsDiff(
      actual.masks.map((slot) => slot.entropy),
      golden.entropy,
    ),
    stateTopProbs: maxAbsDiff(
      stateProbs.map(([a]) => a ?? NaN),
      stateProbs.map(([, g]) => g ?? NaN),
    ),
  };
}

/** For slot `i`, how far the page's top-k ranking is from the golden one: at each rank r, the
 *  golden probability of the id the page put there against the r-th largest golden probability.
 *  Near-ties may swap places between float implementations; a real ranking error cannot hide. */
export function slotRankError(
  golden: GoldenCase,
  i: number,
  vocabSize: number,
  ids: readonly number[],
): number {
  const row = golden.marginals.slice(i * vocabSize, (i + 1) * vocabSize);
  const sorted = [...row].sort((a, b) => b - a);
  return maxAbsDiff(
    ids.map((id) => row[id] ?? NaN),
    sorted.slice(0, ids.length),
  );
}

/** vocab_size of a model folder under models/, from its config.json (no counts in code). */
export function readVocabSize(model: string): number {
  const path = resolve(import.meta.dirname, '../../models', model, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { vocab_size: number };
  return config.vocab_size;
}
