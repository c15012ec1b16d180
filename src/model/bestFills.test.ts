import { describe, expect, it } from 'vitest';

import { nBestDagFills, nBestSlotFills, type RankedFill, type StateWords } from './bestFills';
import { viterbiOverBest } from './dag';
import { seededRandom } from './seededRandom';

/** Links shaped like the transition head's: log-softmax over the successors of each row. */
function randomLinks(L: number, rand: () => number): Float64Array {
  const links = new Float64Array(L * L).fill(-Infinity);
  for (let s = 0; s < L - 1; s++) {
    const raw = Array.from({ length: L - s - 1 }, () => 3 * (rand() - 0.5));
    const logSum = Math.log(raw.reduce((sum, x) => sum + Math.exp(x), 0));
    raw.forEach((x, j) => (links[s * L + s + 1 + j] = x - logSum));
  }
  return links;
}

/** W distinct words per state out of a small vocabulary (so that states share words and paths
 *  repeat fills), with decreasing log-probabilities. */
function randomWords(L: number, W: number, vocab: number, rand: () => number): StateWords {
  const ids = new Int32Array(L * W);
  const logProbs = new Float64Array(L * W);
  for (let u = 0; u < L; u++) {
    const pool = Array.from({ length: vocab }, (_, w) => w + 5);
    const values = Array.from({ length: W }, () => Math.log(rand() * 0.3 + 0.01)).sort(
      (a, b) => b - a,
    );
    for (let j = 0; j < W; j++) {
      ids[u * W + j] = pool.splice(Math.floor(rand() * pool.length), 1)[0]!;
      logProbs[u * W + j] = values[j]!;
    }
  }
  return { width: W, ids, logProbs };
}

/** Every increasing choice of `count` inner vertices from 1..L-2. */
function innerChoices(L: number, count: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, chosen: number[]): void => {
    if (chosen.length === count) out.push([...chosen]);
    else for (let u = start; u <= L - 2; u++) walk(u + 1, [...chosen, u]);
  };
  walk(1, []);
  return out;
}

/** Every combination of one index from 0..W-1 per position. */
function wordChoices(W: number, count: number): number[][] {
  let out: number[][] = [[]];
  for (let i = 0; i < count; i++)
    out = out.flatMap((c) => Array.from({ length: W }, (_, j) => [...c, j]));
  return out;
}

/** Every fill's best score, by enumerating all paths and words; best first. */
function bruteForceDag(links: Float64Array, words: StateWords, L: number, M: number) {
  const W = words.width;
  const best = new Map<string, number>();
  for (const inner of innerChoices(L, M)) {
    const path = [0, ...inner, L - 1];
    for (const picks of wordChoices(W, M)) {
      let score = 0;
      for (let i = 1; i < path.length; i++) {
        score += links[path[i - 1]! * L + path[i]!]!;
        if (i <= M) score += words.logProbs[path[i]! * W + picks[i - 1]!]!;
      }
      const key = picks.map((j, i) => words.ids[path[i + 1]! * W + j]).join(',');
      if (score > (best.get(key) ?? -Infinity)) best.set(key, score);
    }
  }
  return [...best].sort((a, b) => b[1] - a[1]);
}

const keyOf = (fill: RankedFill): string => Array.from(fill.tokenIds).join(',');

describe('the N best fills over the DAG against every path and word', () => {
  const cases: [number, number, number][] = [];
  for (const k of [1, 2, 3])
    for (const M of [0, 1, 2, 3]) for (const W of [1, 2, 3]) cases.push([k, M, W]);

  it.each(cases)('k = %i, M = %i, W = %i', (k, M, W) => {
    const rand = seededRandom(100 * k + 10 * M + W);
    const L = k * (M + 2);
    const links = randomLinks(L, rand);
    const words = randomWords(L, W, 4, rand);
    const expected = bruteForceDag(links, words, L, M);
    for (const count of [1, 5, 16]) {
      const fills = nBestDagFills(links, words, L, M, count);
      expect(fills.length).toBe(Math.min(count, expected.length));
      fills.forEach((fill, i) => {
        expect(keyOf(fill), `rank ${i + 1}`).toBe(expected[i]![0]);
        expect(fill.score).toBeCloseTo(expected[i]![1], 9);
      });
      expect(new Set(fills.map(keyOf)).size).toBe(fills.length); // never the same fill twice
    }
  });

  it('ranks first the Viterbi fill, with its score', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rand = seededRandom(seed);
      const M = 1 + (seed % 6);
      const L = 4 * (M + 2);
      const links = randomLinks(L, rand);
      const words = randomWords(L, 4, 30, rand);
      const firstWords = {
        ids: Array.from({ length: L }, (_, u) => words.ids[u * 4]!),
        logProbs: Array.from({ length: L }, (_, u) => words.logProbs[u * 4]!),
      };
      const viterbi = viterbiOverBest(links, firstWords, L, M);
      const [first] = nBestDagFills(links, words, L, M);
      expect(Array.from(first!.tokenIds)).toEqual(Array.from(viterbi.fillIds));
      expect(first!.score).toBe(viterbi.score);
    }
  });

  it('lists nothing when no path has exactly M inner vertices', () => {
    const words = randomWords(4, 2, 4, seededRandom(3));
    expect(nBestDagFills(new Float64Array(16).fill(-Infinity), words, 4, 1)).toEqual([]);
  });
});

describe('the N best fills of the twin against every combination', () => {
  it.each([0, 1, 2, 3, 4])('M = %i', (M) => {
    const rand = seededRandom(50 + M);
    const W = 3;
    const words = randomWords(M + 2, W, 10, rand);
    const expected = wordChoices(W, M)
      .map((picks) => ({
        key: picks.map((j, slot) => words.ids[(slot + 1) * W + j]).join(','),
        score: picks.reduce((sum, j, slot) => sum + words.logProbs[(slot + 1) * W + j]!, 0),
      }))
      .sort((a, b) => b.score - a.score);
    const fills = nBestSlotFills(words, M, 16);
    expect(fills.length).toBe(Math.min(16, expected.length));
    fills.forEach((fill, i) => {
      expect(keyOf(fill), `rank ${i + 1}`).toBe(expected[i]!.key);
      expect(fill.score).toBeCloseTo(expected[i]!.score, 9);
    });
    // Rank 1 is each slot's best word.
    expect(Array.from(fills[0]!.tokenIds)).toEqual(
      Array.from({ length: M }, (_, slot) => words.ids[(slot + 1) * W]),
    );
  });

  it('stops at the words it has: a slot with fewer words gives fewer fills', () => {
    const words: StateWords = {
      width: 2,
      ids: [0, 0, 7, 8, 9, -1, 0, 0],
      logProbs: [0, 0, -0.1, -1, -0.2, -Infinity, 0, 0],
    };
    const fills = nBestSlotFills(words, 2, 16);
    expect(fills.map(keyOf)).toEqual(['7,9', '8,9']);
  });
});
