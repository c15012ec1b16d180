// DEMO DATA ONLY. Builds a synthetic but internally consistent Analysis (same shapes and
// invariants as src/model produces: expansion per docs/design.md, a DAG of log-softmax links, a real
// Viterbi path and forward-backward gammas over those links) so that the inside views can be
// developed and looked at before a model exists. Never used by the real page.
import type { Analysis, TopToken } from '../../../model/types';
import { SPECIAL_IDS } from '../../../model/types';
import { seededRandom } from '../../../model/seededRandom';

export interface DemoSpec {
  /** Words between [CLS] and [SEP]; "[MASK]" marks a masked slot. */
  words: string[];
  /** Candidate answers for each [MASK], left to right; the copies spread their mass over them. */
  candidates: string[][];
  /** k: copies per [CLS]/[SEP]/[MASK]; 1 builds the MLM twin. */
  expansion: number;
  numLayers: number;
  numHeads: number;
  seed: number;
  /** Entries per state and per slot top list (the model's default is 10). */
  topK?: number;
}

const DEMO_VOCAB_SIZE = 8192;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const FILLER_TOKENS = ['the', 'a', 'it', 'and', 'of', 'to', 'was', '.', ',', 'in', 'is', 'he'];

function logSumExp(values: number[]): number {
  const max = Math.max(...values);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(values.reduce((sum, v) => sum + Math.exp(v - max), 0));
}

function softmax(logits: number[]): number[] {
  const lse = logSumExp(logits);
  return logits.map((l) => Math.exp(l - lse));
}

/** Entropy of a top list whose remaining mass is spread evenly over the rest of the vocabulary. */
function entropyOf(top: TopToken[], vocabSize: number): number {
  const listed = top.reduce((sum, t) => sum + t.prob, 0);
  const rest = Math.max(0, 1 - listed);
  const restCount = vocabSize - top.length;
  let h = -top.reduce((sum, t) => sum + (t.prob > 0 ? t.prob * Math.log(t.prob) : 0), 0);
  if (rest > 0) h -= rest * Math.log(rest / restCount);
  return h;
}

export function buildDemoAnalysis(spec: DemoSpec): Analysis {
  const random = seededRandom(spec.seed);
  const topK = spec.topK ?? 10;
  const k = spec.expansion;
  const tokens = ['[CLS]', ...spec.words, '[SEP]'];
  const vocab = new Map<string, number>(SPECIAL_TOKENS.map((t, i) => [t, i]));
  const idOf = (token: string): number => {
    if (!vocab.has(token)) vocab.set(token, vocab.size);
    return vocab.get(token) ?? SPECIAL_IDS.unk;
  };
  const tokenIds = Int32Array.from(tokens, idOf);
  const isExpanded = (t: string) => t === '[CLS]' || t === '[SEP]' || t === '[MASK]';

  // Expansion (docs/design.md): k copies of [CLS]/[SEP]/[MASK], pos2 = 1..k.
  const ids: number[] = [];
  const pos1: number[] = [];
  const pos2: number[] = [];
  const states: number[] = [];
  const stateSource: string[] = [];
  const stateMaskIndex: number[] = [];
  let maskIndex = -1;
  tokens.forEach((token, i) => {
    if (token === '[MASK]') maskIndex += 1;
    const copies = isExpanded(token) ? k : 1;
    for (let c = 1; c <= copies; c++) {
      if (isExpanded(token)) {
        states.push(ids.length);
        stateSource.push(token);
        stateMaskIndex.push(token === '[MASK]' ? maskIndex : -1);
      }
      ids.push(tokenIds[i] ?? SPECIAL_IDS.unk);
      pos1.push(i);
      pos2.push(isExpanded(token) ? c : 0);
    }
  });
  const T = ids.length;
  const L = states.length;
  const M = spec.candidates.length;

  // Per state: a distribution over a few candidates plus filler; copies of one mask favour
  // different candidates, which is the multimodality ExLM is about.
  const stateTop: TopToken[][] = states.map((_, s) => {
    const source = stateSource[s] ?? '[UNK]';
    const slot = stateMaskIndex[s] ?? -1;
    const own = slot >= 0 ? (spec.candidates[slot] ?? []) : [source, '.', '[SEP]'];
    const pool = [...new Set([...own, ...FILLER_TOKENS, '[MASK]', '[UNK]'])];
    const favourite = s % Math.max(1, own.length);
    const logits = pool.map((token, j) => {
      const bonus = j < own.length ? (j === favourite ? 3.5 : 2) : 0;
      return bonus + random() * 1.5 + (token.startsWith('[') ? -1 : 0);
    });
    const probs = softmax(logits).map((p) => p * 0.92); // 8% stays with the rest of the vocabulary
    return pool
      .map((token, j) => ({ id: idOf(token), token, prob: probs[j] ?? 0 }))
      .sort((a, b) => b.prob - a.prob)
      .slice(0, topK);
  });
  const stateEntropy = Float32Array.from(stateTop, (top) => entropyOf(top, DEMO_VOCAB_SIZE));

  // Links: log-softmax over the later states of each state, favouring the next source group.
  const links = new Float32Array(L * L).fill(-Infinity);
  if (k > 1) {
    for (let s = 0; s < L - 1; s++) {
      const scores: number[] = [];
      for (let t = s + 1; t < L; t++) {
        const jump = (pos1[states[t] ?? 0] ?? 0) - (pos1[states[s] ?? 0] ?? 0);
        scores.push(random() * 3 - 0.8 * Math.abs(jump - 2) - (jump === 0 ? 2 : 0));
      }
      const lse = logSumExp(scores);
      scores.forEach((score, j) => (links[s * L + s + 1 + j] = score - lse));
    }
  }
  const link = (s: number, t: number) => links[s * L + t] ?? -Infinity;

  // Emission score of a state: its best non-special token, as the Viterbi of docs/design.md uses.
  const bestWord = stateTop.map(
    (top) => top.find((t) => !SPECIAL_TOKENS.includes(t.token)) ?? top[0],
  );
  const emit = bestWord.map((t) => Math.log(t?.prob ?? 1e-9));

  // Path with exactly M inner vertices: ExLM by Viterbi, the twin takes its states in order.
  let path: number[];
  if (k === 1) {
    path = states.map((_, s) => s);
  } else {
    const score: number[][] = [[0, ...new Array<number>(L - 1).fill(-Infinity)]];
    const back: number[][] = [new Array<number>(L).fill(-1)];
    for (let i = 1; i <= M + 1; i++) {
      const row = new Array<number>(L).fill(-Infinity);
      const from = new Array<number>(L).fill(-1);
      for (let u = 1; u < L; u++) {
        if ((i === M + 1) !== (u === L - 1)) continue;
        for (let v = 0; v < u; v++) {
          const candidate = (score[i - 1]?.[v] ?? -Infinity) + link(v, u);
          if (candidate > (row[u] ?? -Infinity)) {
            row[u] = candidate;
            from[u] = v;
          }
        }
        row[u] = (row[u] ?? -Infinity) + (i <= M ? (emit[u] ?? 0) : 0);
      }
      score.push(row);
      back.push(from);
    }
    path = [L - 1];
    for (let i = M + 1; i > 0; i--) path.unshift(back[i]?.[path[0] ?? 0] ?? 0);
  }

  // Gamma: forward-backward over paths with M inner vertices, emissions summed out.
  const gamma = new Float32Array(M * L);
  if (k === 1) {
    for (let i = 0; i < M; i++) gamma[i * L + (path[i + 1] ?? 0)] = 1;
  } else {
    const alpha: number[][] = [[0, ...new Array<number>(L - 1).fill(-Infinity)]];
    for (let i = 1; i <= M + 1; i++) {
      alpha.push(
        Array.from({ length: L }, (_, u) =>
          logSumExp(
            Array.from({ length: u }, (_, v) => (alpha[i - 1]?.[v] ?? -Infinity) + link(v, u)),
          ),
        ),
      );
    }
    const beta: number[][] = [];
    beta[M + 1] = Array.from({ length: L }, (_, u) => (u === L - 1 ? 0 : -Infinity));
    for (let i = M; i >= 0; i--) {
      beta[i] = Array.from({ length: L }, (_, u) =>
        logSumExp(
          Array.from(
            { length: L - u - 1 },
            (_, j) => link(u, u + 1 + j) + (beta[i + 1]?.[u + 1 + j] ?? -Infinity),
          ),
        ),
      );
    }
    const logZ = alpha[M + 1]?.[L - 1] ?? 0;
    for (let i = 1; i <= M; i++) {
      for (let u = 0; u < L; u++) {
        gamma[(i - 1) * L + u] = Math.exp(
          (alpha[i]?.[u] ?? -Infinity) + (beta[i]?.[u] ?? -Infinity) - logZ,
        );
      }
    }
  }

  // Slot marginals over the non-special tokens, renormalized.
  const maskPositions = tokens.flatMap((t, i) => (t === '[MASK]' ? [i] : []));
  const masks = maskPositions.map((position, i) => {
    const mass = new Map<string, number>();
    states.forEach((_, u) => {
      const g = gamma[i * L + u] ?? 0;
      for (const t of stateTop[u] ?? []) {
        if (!SPECIAL_TOKENS.includes(t.token))
          mass.set(t.token, (mass.get(t.token) ?? 0) + g * t.prob);
      }
    });
    const total = [...mass.values()].reduce((a, b) => a + b, 0) || 1;
    const top = [...mass.entries()]
      .map(([token, m]) => ({ id: idOf(token), token, prob: m / total }))
      .sort((a, b) => b.prob - a.prob)
      .slice(0, topK);
    return { position, top, entropy: entropyOf(top, DEMO_VOCAB_SIZE) };
  });

  const fillTokens = path.slice(1, M + 1).map((u) => bestWord[u]?.token ?? '[UNK]');
  let filled = 0;
  const fillText = spec.words
    .map((w) => (w === '[MASK]' ? (fillTokens[filled++] ?? w) : w))
    .join(' ');

  // Attention: rows are softmaxes that favour the position itself, its neighbours and the other
  // copies of the same source token, with a head-dependent offset so heads differ.
  const attention = Array.from({ length: spec.numLayers }, (_, layer) => {
    const maps = new Float32Array(spec.numHeads * T * T);
    for (let h = 0; h < spec.numHeads; h++) {
      const offset = (h % 3) - 1;
      for (let q = 0; q < T; q++) {
        const logits = Array.from({ length: T }, (_, key) => {
          const d = (pos1[key] ?? 0) - (pos1[q] ?? 0);
          const sameGroup = d === 0 ? 1.5 : 0;
          return 2.5 * Math.exp(-((d - offset) ** 2) / (1 + layer)) + sameGroup + random() * 0.8;
        });
        softmax(logits).forEach((w, key) => (maps[(h * T + q) * T + key] = w));
      }
    }
    return maps;
  });

  return {
    model: k === 1 ? 'demo-mlm (synthetic demo data)' : 'demo-exlm (synthetic demo data)',
    architecture: k === 1 ? 'mlm' : 'exlm',
    text: spec.words.join(' '),
    tokens,
    tokenIds,
    expanded: {
      tokenIds: Int32Array.from(ids),
      pos1: Int32Array.from(pos1),
      pos2: Int32Array.from(pos2),
    },
    states: Int32Array.from(states),
    stateTop,
    stateEntropy,
    links,
    gamma,
    masks,
    fill: {
      path: Int32Array.from(path),
      tokenIds: Int32Array.from(fillTokens, idOf),
      tokens: fillTokens,
      text: fillText,
    },
    attention,
    elapsedMs: 0,
  };
}
