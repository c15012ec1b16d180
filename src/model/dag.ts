// Decoding over the transition DAG (docs/design.md, "Inference"), on plain typed arrays:
// forward-backward slot posteriors, slot marginals over the slot vocabulary, Viterbi with
// exactly M inner vertices, entropy and top-k. Sums run in float64 log space.
//
// Shapes (row-major): stateLogProbs [L * V] (log P_u over the whole vocabulary), links [L * L]
// (log E(s, t), -Infinity where there is no edge), gamma [M * L], marginals [M * V].
// Indexed reads carry `!`: every index is in range by construction of these shapes.
//
// The slot vocabulary: every [MASK] stands for one whole word (the playground masks words and the
// models were trained on masked one-piece words), so a slot never holds a special token or a "##"
// continuation piece. It is a [V] array of 1 (allowed) and 0, from ExlmTokenizer.slotVocabulary;
// without one, only the special ids are left out.

import { SPECIAL_IDS } from './types';

/** Ids a masked slot can never hold: [PAD], [UNK], [CLS], [SEP], [MASK]. */
const SPECIAL_ID_LIST: readonly number[] = Object.values(SPECIAL_IDS);
export const isSpecialId = (id: number): boolean => SPECIAL_ID_LIST.includes(id);

/** [V]: 1 where a slot may hold the id, 0 where it may not. */
export type SlotVocabulary = Uint8Array;

/** All ids but the special ones (for vocabularies without continuation pieces). */
export function nonSpecialVocabulary(vocabSize: number): SlotVocabulary {
  const allowed = new Uint8Array(vocabSize).fill(1);
  for (const id of SPECIAL_ID_LIST) if (id < vocabSize) allowed[id] = 0;
  return allowed;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const max = Math.max(a, b);
  return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
}

export interface SlotPosteriors {
  /** [M * L]: gamma_i(u), probability that the path's i-th inner vertex (i = 1..M) is state u. */
  gamma: Float64Array;
  /** log of the total weight of all paths with exactly M inner vertices. */
  logZ: number;
}

/**
 * Forward-backward over paths S[0] = a_0 < a_1 < .. < a_M < a_{M+1} = S[L-1] weighted by
 * prod E(a_{i-1}, a_i). Emissions are summed out (each P_u sums to 1) and the end points are
 * fixed, so only the links matter.
 */
export function slotPosteriors(
  links: ArrayLike<number>,
  stateCount: number,
  slots: number,
): SlotPosteriors {
  const L = stateCount;
  const steps = slots + 2; // vertices on a path
  // alpha[i * L + u]: log weight of prefixes a_0..a_i ending at a_i = u.
  const alpha = new Float64Array(steps * L).fill(-Infinity);
  const beta = new Float64Array(steps * L).fill(-Infinity);
  alpha[0] = 0;
  for (let i = 1; i < steps; i++) {
    for (let u = 1; u < L; u++) {
      let sum = -Infinity;
      for (let v = 0; v < u; v++) sum = logAddExp(sum, alpha[(i - 1) * L + v]! + links[v * L + u]!);
      alpha[i * L + u] = sum;
    }
  }
  beta[(steps - 1) * L + L - 1] = 0;
  for (let i = steps - 2; i >= 0; i--) {
    for (let u = 0; u < L - 1; u++) {
      let sum = -Infinity;
      for (let t = u + 1; t < L; t++)
        sum = logAddExp(sum, links[u * L + t]! + beta[(i + 1) * L + t]!);
      beta[i * L + u] = sum;
    }
  }
  const logZ = alpha[(steps - 1) * L + L - 1]!;
  if (!Number.isFinite(logZ)) {
    throw new RangeError(
      `no path through the DAG with exactly ${slots} inner vertices among ${L} states`,
    );
  }
  const gamma = new Float64Array(slots * L);
  for (let i = 1; i <= slots; i++) {
    for (let u = 0; u < L; u++)
      gamma[(i - 1) * L + u] = Math.exp(alpha[i * L + u]! + beta[i * L + u]! - logZ);
  }
  return { gamma, logZ };
}

/**
 * p_i(w) = sum_u gamma_i(u) P_u(w) over the slot vocabulary, renormalized; ids outside it
 * hold 0. Returns [M * V].
 */
export function slotMarginals(
  gamma: ArrayLike<number>,
  stateLogProbs: ArrayLike<number>,
  stateCount: number,
  vocabSize: number,
  slots: number,
  allowed: SlotVocabulary = nonSpecialVocabulary(vocabSize),
): Float64Array {
  // State-major, so each P_u is exponentiated once for all slots (L * V exps, not M * L * V).
  return mixStates(gamma, stateCount, vocabSize, slots, (u, probs) => {
    for (let w = 0; w < vocabSize; w++)
      probs[w] = allowed[w] ? Math.exp(stateLogProbs[u * vocabSize + w]!) : 0;
  });
}

/** slotMarginals from the probabilities P_u themselves ([L * V]): no exp at all. Rows may also
 *  be P_u times a factor per state when `gamma` is divided by it, as the result is renormalized. */
export function slotMarginalsOfProbs(
  gamma: ArrayLike<number>,
  stateProbs: ArrayLike<number>,
  stateCount: number,
  vocabSize: number,
  slots: number,
  allowed: SlotVocabulary = nonSpecialVocabulary(vocabSize),
): Float64Array {
  return mixStates(gamma, stateCount, vocabSize, slots, (u, probs) => {
    for (let w = 0; w < vocabSize; w++) probs[w] = allowed[w] ? stateProbs[u * vocabSize + w]! : 0;
  });
}

/** sum_u gamma_i(u) row_u, renormalized per slot, where `fill(u, row)` writes row_u. */
function mixStates(
  gamma: ArrayLike<number>,
  stateCount: number,
  vocabSize: number,
  slots: number,
  fill: (u: number, row: Float64Array) => void,
): Float64Array {
  const L = stateCount;
  const V = vocabSize;
  const out = new Float64Array(slots * V);
  const probs = new Float64Array(V);
  for (let u = 0; u < L; u++) {
    let needed = false;
    for (let i = 0; i < slots; i++) needed ||= gamma[i * L + u]! > 0;
    if (!needed) continue;
    fill(u, probs);
    for (let i = 0; i < slots; i++) {
      const weight = gamma[i * L + u]!;
      if (weight === 0) continue;
      const row = out.subarray(i * V, (i + 1) * V);
      for (let w = 0; w < V; w++) row[w] = row[w]! + weight * probs[w]!;
    }
  }
  for (let i = 0; i < slots; i++) {
    const row = out.subarray(i * V, (i + 1) * V);
    let total = 0;
    for (let w = 0; w < V; w++) total += row[w]!;
    for (let w = 0; w < V; w++) row[w] = row[w]! / total;
  }
  return out;
}

/** Per state: the best token of the slot vocabulary and its log P_u (not renormalized). */
export function bestWords(
  stateLogProbs: ArrayLike<number>,
  stateCount: number,
  vocabSize: number,
  allowed: SlotVocabulary = nonSpecialVocabulary(vocabSize),
): { ids: Int32Array; logProbs: Float64Array } {
  const ids = new Int32Array(stateCount);
  const logProbs = new Float64Array(stateCount).fill(-Infinity);
  for (let u = 0; u < stateCount; u++) {
    for (let w = 0; w < vocabSize; w++) {
      if (!allowed[w]) continue;
      const value = stateLogProbs[u * vocabSize + w]!;
      if (value > logProbs[u]!) {
        logProbs[u] = value;
        ids[u] = w;
      }
    }
  }
  return { ids, logProbs };
}

export interface ViterbiResult {
  /** M + 2 state indices: 0, the M inner vertices, L - 1. */
  path: Int32Array;
  /** The chosen token of each inner vertex (M entries). */
  fillIds: Int32Array;
  /** sum of links along the path + sum_i max_w log P_{a_i}(w) over the inner vertices. */
  score: number;
}

/** Best path with exactly M inner vertices for sum links + sum_i max_w log P_{a_i}(w), w in
 *  the slot vocabulary. Ties go to the earlier state. */
export function viterbi(
  links: ArrayLike<number>,
  stateLogProbs: ArrayLike<number>,
  stateCount: number,
  vocabSize: number,
  slots: number,
  allowed: SlotVocabulary = nonSpecialVocabulary(vocabSize),
): ViterbiResult {
  return viterbiOverBest(
    links,
    bestWords(stateLogProbs, stateCount, vocabSize, allowed),
    stateCount,
    slots,
  );
}

/** Each state's best word of the slot vocabulary and its log P_u (see bestWords). */
export interface BestWords {
  ids: ArrayLike<number>;
  logProbs: ArrayLike<number>;
}

/** viterbi() given each state's best word (bestWords, or the same computed on the device). */
export function viterbiOverBest(
  links: ArrayLike<number>,
  best: BestWords,
  stateCount: number,
  slots: number,
): ViterbiResult {
  const L = stateCount;
  const steps = slots + 2;
  const score = new Float64Array(steps * L).fill(-Infinity);
  const back = new Int32Array(steps * L).fill(-1);
  score[0] = 0;
  for (let i = 1; i < steps; i++) {
    const last = i === steps - 1;
    for (let u = 1; u < L; u++) {
      if (last && u !== L - 1) continue; // the path ends at S[L-1]
      let top = -Infinity;
      let arg = -1;
      for (let v = 0; v < u; v++) {
        const candidate = score[(i - 1) * L + v]! + links[v * L + u]!;
        if (candidate > top) {
          top = candidate;
          arg = v;
        }
      }
      score[i * L + u] = last ? top : top + best.logProbs[u]!;
      back[i * L + u] = arg;
    }
  }
  const total = score[(steps - 1) * L + L - 1]!;
  if (!Number.isFinite(total)) {
    throw new RangeError(
      `no path through the DAG with exactly ${slots} inner vertices among ${L} states`,
    );
  }
  const path = new Int32Array(steps);
  path[steps - 1] = L - 1;
  for (let i = steps - 1; i > 0; i--) path[i - 1] = back[i * L + path[i]!]!;
  const fillIds = new Int32Array(slots);
  for (let i = 0; i < slots; i++) fillIds[i] = best.ids[path[i + 1]!]!;
  return { path, fillIds, score: total };
}

/** Entropy in nats of probabilities `p` (entries that are 0 contribute 0). */
export function entropy(p: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi > 0) sum -= pi * Math.log(pi);
  }
  return sum;
}

export interface Ranked {
  id: number;
  value: number;
}

/** The k largest entries of `values` (index and value), largest first; ties keep the lower index.
 *  With `allowed`, only ids where it is 1 are returned. */
export function topK(values: ArrayLike<number>, k: number, allowed?: SlotVocabulary): Ranked[] {
  const top: Ranked[] = [];
  if (k <= 0) return top;
  for (let id = 0; id < values.length; id++) {
    if (allowed !== undefined && !allowed[id]) continue;
    const value = values[id]!;
    let at: number;
    if (top.length < k) {
      top.push({ id, value });
      at = top.length - 1;
    } else if (value > top[k - 1]!.value) {
      at = k - 1;
    } else {
      continue;
    }
    // Insertion into the sorted list; strict comparison keeps the lower id first on ties.
    while (at > 0 && top[at - 1]!.value < value) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = { id, value };
  }
  return top;
}

export interface DagDecoding {
  /** [M * L] slot posteriors gamma_i(u). */
  gamma: Float32Array;
  /** [M * V] slot marginals p_i, 0 outside the slot vocabulary. */
  marginals: Float32Array;
  /** [M] entropy of each p_i in nats. */
  entropy: Float32Array;
  /** M + 2 state indices of the best joint fill. */
  path: Int32Array;
  /** [M] token ids of the best joint fill. */
  fillIds: Int32Array;
}

/** The DAG part of the decoding, from the links and each state's best word alone: gamma_i(u), the
 *  Viterbi path and the fill. ExLM: forward-backward and Viterbi over the DAG. MLM twin (k = 1, no
 *  transitions): slot i is state i + 1, and the fill is each slot's best word. */
export function decodePaths(
  architecture: 'exlm' | 'mlm',
  links: ArrayLike<number>,
  best: BestWords,
  stateCount: number,
  slots: number,
): { gamma: Float64Array; path: Int32Array; fillIds: Int32Array } {
  if (architecture === 'exlm') {
    const { gamma } = slotPosteriors(links, stateCount, slots);
    return { gamma, ...viterbiOverBest(links, best, stateCount, slots) };
  }
  if (stateCount !== slots + 2)
    throw new RangeError(`an MLM has M + 2 = ${slots + 2} states, got ${stateCount}`);
  const gamma = new Float64Array(slots * stateCount);
  for (let i = 0; i < slots; i++) gamma[i * stateCount + i + 1] = 1;
  return {
    gamma,
    path: Int32Array.from({ length: slots + 2 }, (_, i) => i),
    fillIds: Int32Array.from({ length: slots }, (_, i) => best.ids[i + 1]!),
  };
}

/**
 * Everything the playground shows about the slots, from the full per-state distributions
 * (decodePaths, then the slot marginals and their entropies).
 */
export function decodeSlots(
  architecture: 'exlm' | 'mlm',
  stateLogProbs: ArrayLike<number>,
  links: ArrayLike<number>,
  stateCount: number,
  vocabSize: number,
  slots: number,
  allowed: SlotVocabulary = nonSpecialVocabulary(vocabSize),
): DagDecoding {
  const best = bestWords(stateLogProbs, stateCount, vocabSize, allowed);
  const { gamma, path, fillIds } = decodePaths(architecture, links, best, stateCount, slots);
  const marginals = slotMarginals(gamma, stateLogProbs, stateCount, vocabSize, slots, allowed);
  const entropies = new Float32Array(slots);
  for (let i = 0; i < slots; i++)
    entropies[i] = entropy(marginals.subarray(i * vocabSize, (i + 1) * vocabSize));
  return {
    gamma: Float32Array.from(gamma),
    marginals: Float32Array.from(marginals),
    entropy: entropies,
    path,
    fillIds,
  };
}
