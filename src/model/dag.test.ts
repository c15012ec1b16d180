import { describe, expect, it } from 'vitest';

import {
  bestWords,
  decodePaths,
  decodeSlots,
  entropy,
  nonSpecialVocabulary,
  slotMarginals,
  slotMarginalsOfProbs,
  slotPosteriors,
  topK,
  viterbi,
} from './dag';
import { seededRandom } from './seededRandom';

function logSoftmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const logSum = Math.log(scores.reduce((s, x) => s + Math.exp(x - max), 0)) + max;
  return scores.map((x) => x - logSum);
}

/** Links shaped like the transition head's: log-softmax over the successors of each row. */
function randomLinks(L: number, rand: () => number): Float32Array {
  const links = new Float32Array(L * L).fill(-Infinity);
  for (let s = 0; s < L - 1; s++) {
    const row = logSoftmax(Array.from({ length: L - s - 1 }, () => 3 * (rand() - 0.5)));
    row.forEach((v, j) => (links[s * L + s + 1 + j] = v));
  }
  return links;
}

function randomLogProbs(L: number, V: number, rand: () => number): Float32Array {
  const out = new Float32Array(L * V);
  for (let u = 0; u < L; u++)
    logSoftmax(Array.from({ length: V }, () => 4 * (rand() - 0.5))).forEach(
      (v, w) => (out[u * V + w] = v),
    );
  return out;
}

/** Every increasing choice of `count` inner vertices from 1..L-2. */
function innerChoices(L: number, count: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, chosen: number[]): void => {
    if (chosen.length === count) {
      out.push([...chosen]);
      return;
    }
    for (let u = start; u <= L - 2; u++) walk(u + 1, [...chosen, u]);
  };
  walk(1, []);
  return out;
}

interface BruteForce {
  gamma: number[];
  marginals: number[];
  bestPath: number[];
  bestScore: number;
}

function bruteForce(
  links: Float32Array,
  logProbs: Float32Array,
  L: number,
  V: number,
  M: number,
): BruteForce {
  const paths = innerChoices(L, M).map((inner) => [0, ...inner, L - 1]);
  const linkSum = (path: number[]): number =>
    path.slice(1).reduce((s, t, i) => s + links[path[i]! * L + t]!, 0);
  const weights = paths.map((p) => Math.exp(linkSum(p)));
  const Z = weights.reduce((a, b) => a + b, 0);
  const gamma = new Array<number>(M * L).fill(0);
  const marginals = new Array<number>(M * V).fill(0);
  paths.forEach((path, n) => {
    for (let i = 1; i <= M; i++) {
      const u = path[i]!;
      const probability = weights[n]! / Z;
      gamma[(i - 1) * L + u] = gamma[(i - 1) * L + u]! + probability;
      for (let w = 5; w < V; w++) {
        marginals[(i - 1) * V + w] =
          marginals[(i - 1) * V + w]! + probability * Math.exp(logProbs[u * V + w]!);
      }
    }
  });
  for (let i = 0; i < M; i++) {
    const total = marginals.slice(i * V, (i + 1) * V).reduce((a, b) => a + b, 0);
    for (let w = 0; w < V; w++) marginals[i * V + w] = marginals[i * V + w]! / total;
  }
  const emission = (u: number): number =>
    Math.max(...Array.from(logProbs.slice(u * V + 5, (u + 1) * V)));
  let bestScore = -Infinity;
  let bestPath: number[] = [];
  for (const path of paths) {
    const score = linkSum(path) + path.slice(1, -1).reduce((s, u) => s + emission(u), 0);
    if (score > bestScore) {
      bestScore = score;
      bestPath = path;
    }
  }
  return { gamma, marginals, bestPath, bestScore };
}

const expectClose = (
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
): void => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!), `index ${i}`).toBeLessThan(tolerance);
};

describe('DAG decoding against brute force over every path', () => {
  const V = 11; // 5 special ids + 6 words
  const cases: [number, number][] = [];
  for (const k of [1, 2, 3, 4]) for (const M of [0, 1, 2, 3]) cases.push([k, M]);

  it.each(cases)('k = %i, M = %i', (k, M) => {
    const rand = seededRandom(1000 * k + M);
    const L = k * (M + 2);
    const links = randomLinks(L, rand);
    const logProbs = randomLogProbs(L, V, rand);
    const expected = bruteForce(links, logProbs, L, V, M);

    const posteriors = slotPosteriors(links, L, M);
    expectClose(posteriors.gamma, expected.gamma, 1e-9);
    expectClose(slotMarginals(posteriors.gamma, logProbs, L, V, M), expected.marginals, 1e-9);

    const best = viterbi(links, logProbs, L, V, M);
    expect(Array.from(best.path)).toEqual(expected.bestPath);
    expect(best.score).toBeCloseTo(expected.bestScore, 9);
    for (let i = 0; i < M; i++) {
      const u = best.path[i + 1]!;
      const row = Array.from(logProbs.slice(u * V, (u + 1) * V));
      expect(best.fillIds[i]).toBe(row.indexOf(Math.max(...row.slice(5))));
    }

    // What an analysis uses (forward.ts): each state's best word and P_u instead of log P_u.
    const probs = logProbs.map(Math.exp);
    expectClose(slotMarginalsOfProbs(posteriors.gamma, probs, L, V, M), expected.marginals, 1e-6);
    const paths = decodePaths('exlm', links, bestWords(logProbs, L, V), L, M);
    expect(Array.from(paths.path)).toEqual(expected.bestPath);
    expect(Array.from(paths.fillIds)).toEqual(Array.from(best.fillIds));
    expectClose(paths.gamma, expected.gamma, 1e-9);

    const decoded = decodeSlots('exlm', logProbs, links, L, V, M);
    expect(decoded.gamma.length).toBe(M * L);
    expect(Array.from(decoded.path)).toEqual(expected.bestPath);
    for (let i = 0; i < M; i++) {
      // Each gamma row is a distribution over the states, each marginal over the words only.
      expect(decoded.gamma.slice(i * L, (i + 1) * L).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Array.from(decoded.marginals.slice(i * V, i * V + 5))).toEqual([0, 0, 0, 0, 0]);
      expect(decoded.entropy[i]).toBeCloseTo(
        entropy(expected.marginals.slice(i * V, (i + 1) * V)),
        5,
      );
    }
  });

  it('M = 0 has no slots and the direct path', () => {
    const rand = seededRandom(7);
    const decoded = decodeSlots('exlm', randomLogProbs(8, V, rand), randomLinks(8, rand), 8, V, 0);
    expect(decoded.gamma.length).toBe(0);
    expect(decoded.marginals.length).toBe(0);
    expect(Array.from(decoded.path)).toEqual([0, 7]);
  });

  it('fails with a message when no path has exactly M inner vertices', () => {
    const links = new Float32Array(16).fill(-Infinity); // 4 states, no edges at all
    expect(() => slotPosteriors(links, 4, 1)).toThrow(/no path through the DAG/);
  });
});

describe('MLM twin decoding', () => {
  it('reads slot i from state i and fills with its non-special argmax', () => {
    const V = 9;
    const M = 2;
    const L = M + 2;
    const logProbs = new Float32Array(L * V).fill(Math.log(0.01));
    logProbs[1 * V + 4] = Math.log(0.5); // [MASK] is the raw favourite of slot 1 ...
    logProbs[1 * V + 6] = Math.log(0.3); // ... but a slot never holds a special token
    logProbs[2 * V + 8] = Math.log(0.6);
    const decoded = decodeSlots('mlm', logProbs, new Float32Array(L * L).fill(-Infinity), L, V, M);
    expect(Array.from(decoded.fillIds)).toEqual([6, 8]);
    expect(Array.from(decoded.path)).toEqual([0, 1, 2, 3]);
    expect(Array.from(decoded.gamma)).toEqual([0, 1, 0, 0, 0, 0, 1, 0]);
    // p_1 over words 5..8: (0.01, 0.3, 0.01, 0.01) renormalized.
    expect(decoded.marginals[0 * V + 6]).toBeCloseTo(0.3 / 0.33, 6);
    expect(decoded.marginals[4]).toBe(0);
  });
});

describe('slot vocabulary', () => {
  it('keeps ids it leaves out (continuation pieces) out of the marginals and the fill', () => {
    // One mask, MLM layout: states [CLS], mask, [SEP]; V = 8, word 7 is a "##" piece and the
    // mask state's favourite.
    const V = 8;
    const row = [0.01, 0.01, 0.01, 0.01, 0.01, 0.2, 0.15, 0.6].map(Math.log);
    const logProbs = Float32Array.from([...row, ...row, ...row]);
    const allowed = nonSpecialVocabulary(V);
    allowed[7] = 0;
    const plain = decodeSlots('mlm', logProbs, new Float32Array(9).fill(-Infinity), 3, V, 1);
    expect(plain.fillIds[0]).toBe(7);
    const words = decodeSlots(
      'mlm',
      logProbs,
      new Float32Array(9).fill(-Infinity),
      3,
      V,
      1,
      allowed,
    );
    expect(words.fillIds[0]).toBe(5);
    expect(words.marginals[7]).toBe(0);
    expect(words.marginals[5]).toBeCloseTo(0.2 / 0.35, 6);
  });
});

describe('topK and entropy', () => {
  it('returns the largest entries first, only from the allowed ids when asked', () => {
    const values = [0.9, 0.1, 0.2, 0.3, 0.05, 0.4, 0.2, 0.7];
    expect(topK(values, 3).map((r) => r.id)).toEqual([0, 7, 5]);
    expect(topK(values, 3, nonSpecialVocabulary(8)).map((r) => r.id)).toEqual([7, 5, 6]);
    const noSeven = nonSpecialVocabulary(8);
    noSeven[7] = 0;
    expect(topK(values, 3, noSeven).map((r) => r.id)).toEqual([5, 6]);
    expect(topK(values, 0)).toEqual([]);
    expect(topK([1, 2], 5).map((r) => r.id)).toEqual([1, 0]);
  });

  it('computes entropy in nats', () => {
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(entropy([1, 0, 0])).toBe(0);
  });
});
