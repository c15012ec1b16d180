// How the T expanded positions relate to the N source tokens and to the L states. The views
// group the copies of one [CLS]/[SEP]/[MASK] together (bands, stacks, columns); these helpers
// compute those groups once from the plain arrays of an Analysis.
import type { ExpandedSequence } from '../../model/types';
import { type EntryName, entryName, maskNumbers } from './labels';

/** One source token and the run of expanded entries it became. */
export interface ExpandedGroup {
  /** Source position (pos1), [CLS] = 0. */
  sourcePosition: number;
  /** The source token as a string. */
  token: string;
  /** First expanded index of the run. */
  start: number;
  /** How many expanded entries: k for [CLS]/[SEP]/[MASK] in ExLM, 1 otherwise. */
  count: number;
  /** True when the entries are states (pos2 >= 1), even a single one as in the MLM twin. */
  isStates: boolean;
}

/** Splits the expanded sequence into runs of equal pos1. Throws when the arrays disagree with
 *  each other or with the source tokens, since every drawing would then be wrong. */
export function groupExpandedPositions(
  expanded: ExpandedSequence,
  tokens: readonly string[],
): ExpandedGroup[] {
  const { pos1, pos2, tokenIds } = expanded;
  const length = pos1.length;
  if (pos2.length !== length || tokenIds.length !== length) {
    throw new Error(
      `Expanded sequence arrays differ in length (pos1 ${length}, pos2 ${pos2.length}, ` +
        `tokenIds ${tokenIds.length}); the analysis is malformed.`,
    );
  }
  const groups: ExpandedGroup[] = [];
  for (let t = 0; t < length; t++) {
    const source = pos1[t] ?? -1;
    const copy = pos2[t] ?? -1;
    const last = groups[groups.length - 1];
    if (last && last.sourcePosition === source) {
      last.count += 1;
      if (copy !== last.count) {
        throw new Error(`Expanded entry ${t} has copy index ${copy}, expected ${last.count}.`);
      }
      continue;
    }
    const expectedSource = last ? last.sourcePosition + 1 : 0;
    if (source !== expectedSource) {
      throw new Error(
        `Expanded entry ${t} has source position ${source}, expected ${expectedSource}: ` +
          'pos1 must walk the source tokens in order.',
      );
    }
    if (copy !== 0 && copy !== 1) {
      throw new Error(`Expanded entry ${t} starts a group with copy index ${copy}.`);
    }
    const token = tokens[source];
    if (token === undefined) {
      throw new Error(`Expanded entry ${t} points at source position ${source}, past the tokens.`);
    }
    groups.push({ sourcePosition: source, token, start: t, count: 1, isStates: copy === 1 });
  }
  if (groups.length !== tokens.length) {
    throw new Error(`The expanded sequence covers ${groups.length} of ${tokens.length} tokens.`);
  }
  return groups;
}

/** For each expanded index, the index of its state in `states`, or -1 for ordinary tokens. */
export function stateIndexByExpanded(states: Int32Array, expandedLength: number): Int32Array {
  const byExpanded = new Int32Array(expandedLength).fill(-1);
  states.forEach((expandedIndex, state) => {
    if (expandedIndex < 0 || expandedIndex >= expandedLength) {
      throw new Error(`State ${state} points at expanded index ${expandedIndex}, out of range.`);
    }
    byExpanded[expandedIndex] = state;
  });
  return byExpanded;
}

/** The name of every expanded entry, in order: masks by number, copies by index ("m2·c3"). */
export function expandedLabels(
  groups: readonly ExpandedGroup[],
  masks: readonly { position: number }[],
): EntryName[] {
  const numbers = maskNumbers(masks);
  return groups.flatMap((group) =>
    Array.from({ length: group.count }, (_, i) =>
      entryName(
        group.token,
        numbers.get(group.sourcePosition) ?? null,
        group.isStates ? i + 1 : 0,
        group.count,
      ),
    ),
  );
}
