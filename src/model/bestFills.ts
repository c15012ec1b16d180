// The N best joint fills, ranked by the score of the best joint fill (dag.ts): for the ExLM the
// sum of the links along a path plus the log-probability of the word each inner state emits, for
// the MLM twin the sum of each slot's log-probability. The best fill (Viterbi, or each slot's best
// word) is rank 1; the others let a molecule tool look for the most likely fill that is valid.
//
// A fill is a token sequence: two paths that emit the same tokens are one fill, scored by the
// better path (the max over paths, as Viterbi's score is), so the list never repeats a fill.
//
// Each state emits one of its W best words (StateWords). With W = N the list is exact: a fill that
// uses a word ranked below N at some vertex is beaten by the N fills that put one of that state's
// better words there instead (the same path, other tokens), so it is not among the N best.
// Costs, with L states, M slots and N fills:
// - ExLM: k-best Viterbi over the layers of the DAG. Each (layer, state) keeps its N best distinct
//   prefixes, taken lazily from a heap over its predecessors' lists: O(L) to start the heap and
//   O(log L) per prefix taken. A prefix taken is dropped when its tokens were reached already
//   through another predecessor, so up to L are taken per prefix kept: at most M * L * (L + N L
//   log L) heap steps, each with a key of up to M tokens. Measured in Node on random links with
//   N = 16: about 15 ms for 6 masks (32 states), 65 ms for 20 masks (88 states).
// - Twin: lazy enumeration of index vectors over independent sorted slot lists, O(N M log(N M)).
// Finding the W best words of each state is one scan of its distribution (analyze.ts).
//
// Shapes: StateWords.ids / logProbs [L * W], row per state, best first, padded with -Infinity;
// links [L * L] as in dag.ts.

/** How many of the best joint fills an analysis lists (a molecule tool looks for a valid one), and
 *  how many words of each state (each slot for the twin) they draw from, which makes the list
 *  exact (see above). */
export const BEST_FILL_COUNT = 16;

/** Each state's best words of the slot vocabulary and their log P_u, best first. */
export interface StateWords {
  /** W: words per state (rows shorter than W are padded with id -1 and -Infinity). */
  width: number;
  /** [L * W] */
  ids: ArrayLike<number>;
  /** [L * W], non-increasing along each row. */
  logProbs: ArrayLike<number>;
}

/** One of the N best joint fills: its token per slot and its joint score (log). */
export interface RankedFill {
  tokenIds: Int32Array;
  score: number;
}

/** A min-first binary heap under `before(a, b)`: a comes out before b. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < items.length && this.before(items[left]!, items[first]!)) first = left;
      if (right < items.length && this.before(items[right]!, items[first]!)) first = right;
      if (first === at) break;
      [items[at], items[first]] = [items[first]!, items[at]!];
      at = first;
    }
    return top;
  }
}

/** A prefix of a path: its score and the words of its inner vertices so far, as a chain back to
 *  the start (no copies) and as a key that tells fills apart. */
interface Prefix {
  score: number;
  key: string;
  word: number;
  back: Prefix | null;
}

function tokensOf(prefix: Prefix): Int32Array {
  const tokens: number[] = [];
  for (let at: Prefix | null = prefix; at !== null && at.back !== null; at = at.back)
    tokens.push(at.word);
  return Int32Array.from(tokens.reverse());
}

/** A candidate prefix at one state: predecessor v's r-th prefix, then the state's j-th word. */
interface Step {
  score: number;
  v: number;
  r: number;
  j: number;
}

/** Score first; on ties the earlier predecessor, its better prefix, the better word: the order in
 *  which Viterbi breaks ties, so that rank 1 is its fill. */
const stepBefore = (a: Step, b: Step): boolean =>
  a.score !== b.score
    ? a.score > b.score
    : a.v !== b.v
      ? a.v < b.v
      : a.r !== b.r
        ? a.r < b.r
        : a.j < b.j;

/**
 * The `count` best distinct fills over the DAG with exactly `slots` inner vertices, best first
 * (fewer when fewer exist). Rank 1 is viterbiOverBest's fill, with the same score, when each
 * state's first word is its best word.
 */
export function nBestDagFills(
  links: ArrayLike<number>,
  words: StateWords,
  stateCount: number,
  slots: number,
  count: number = BEST_FILL_COUNT,
): RankedFill[] {
  const L = stateCount;
  const W = words.width;
  // lists[u]: the best distinct prefixes ending at state u on the current layer, best first.
  let lists: Prefix[][] = Array.from({ length: L }, (_, u) =>
    u === 0 ? [{ score: 0, key: '', word: -1, back: null }] : [],
  );
  for (let i = 1; i <= slots + 1; i++) {
    const last = i === slots + 1;
    const next: Prefix[][] = Array.from({ length: L }, () => []);
    for (let u = last ? L - 1 : 1; u < L; u++) {
      // The last vertex is S[L-1] and emits nothing: one "word" of log-probability 0.
      const emission = (j: number): number => (last ? 0 : words.logProbs[u * W + j]!);
      const choices = last ? 1 : W;
      const heap = new Heap<Step>(stepBefore);
      for (let v = 0; v < u; v++) {
        const link = links[v * L + u]!;
        const head = lists[v]![0];
        if (head === undefined || link === -Infinity || emission(0) === -Infinity) continue;
        heap.push({ score: head.score + link + emission(0), v, r: 0, j: 0 });
      }
      const kept = next[u]!;
      const seen = new Set<string>();
      while (kept.length < count && heap.size > 0) {
        const step = heap.pop()!;
        const { v, r, j } = step;
        const prefix = lists[v]![r]!;
        if (last) {
          // S[L-1] adds no word: the prefix as it is, once per fill.
          if (!seen.has(prefix.key)) {
            seen.add(prefix.key);
            kept.push(prefix.score === step.score ? prefix : { ...prefix, score: step.score });
          }
        } else {
          const word = words.ids[u * W + j]!;
          const key = `${prefix.key},${word}`;
          if (!seen.has(key)) {
            seen.add(key);
            kept.push({ score: step.score, key, word, back: prefix });
          }
        }
        // Successors: the next word after this one; from the first word, the next prefix of v.
        // Each (v, r, j) is thus reached once, never before a better one.
        const link = links[v * L + u]!;
        if (j + 1 < choices && emission(j + 1) !== -Infinity) {
          heap.push({ score: prefix.score + link + emission(j + 1), v, r, j: j + 1 });
        }
        const below = lists[v]![r + 1];
        if (j === 0 && below !== undefined) {
          heap.push({ score: below.score + link + emission(0), v, r: r + 1, j: 0 });
        }
      }
    }
    lists = next;
  }
  return lists[L - 1]!.map((prefix) => ({ tokenIds: tokensOf(prefix), score: prefix.score }));
}

/** An index vector of the twin's enumeration: word index per slot, its score, and the first slot
 *  its successors may move (so that each vector is reached once). */
interface Choice {
  picks: number[];
  score: number;
  from: number;
}

const choiceBefore = (a: Choice, b: Choice): boolean => {
  if (a.score !== b.score) return a.score > b.score;
  for (let i = 0; i < a.picks.length; i++)
    if (a.picks[i] !== b.picks[i]) return a.picks[i]! < b.picks[i]!;
  return false;
};

/**
 * The twin's `count` best fills: slot i (state i + 1) takes one of its words, independently of the
 * others, scored by the sum of their log-probabilities; best first, the first being each slot's
 * best word.
 */
export function nBestSlotFills(
  words: StateWords,
  slots: number,
  count: number = BEST_FILL_COUNT,
): RankedFill[] {
  const W = words.width;
  const logProb = (slot: number, j: number): number =>
    j < W ? words.logProbs[(slot + 1) * W + j]! : -Infinity;
  const scoreOf = (picks: number[]): number =>
    picks.reduce((sum, j, slot) => sum + logProb(slot, j), 0);
  const start = new Array<number>(slots).fill(0);
  const out: RankedFill[] = [];
  if (!Number.isFinite(scoreOf(start))) return out;
  const heap = new Heap<Choice>(choiceBefore);
  heap.push({ picks: start, score: scoreOf(start), from: 0 });
  while (out.length < count && heap.size > 0) {
    const { picks, score, from } = heap.pop()!;
    out.push({
      tokenIds: Int32Array.from(picks, (j, slot) => words.ids[(slot + 1) * W + j]!),
      score,
    });
    for (let slot = from; slot < slots; slot++) {
      const moved = [...picks];
      moved[slot] = moved[slot]! + 1;
      const next = scoreOf(moved);
      if (next !== -Infinity) heap.push({ picks: moved, score: next, from: slot });
    }
  }
  return out;
}
