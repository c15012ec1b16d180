// Expansion of docs/design.md: every [CLS], [SEP] and [MASK] becomes k copies with 2D
// positions (source index, copy 1..k); any other token stays one entry with copy 0.

import type { ExpandedSequence } from './types';
import { SPECIAL_IDS } from './types';

export interface Expansion extends ExpandedSequence {
  /** Expanded indices of the states S (the copies of [CLS]/[SEP]/[MASK]), in order: L = k(M+2). */
  states: Int32Array;
  /** Source positions of the [MASK] tokens, left to right (M entries). */
  maskPositions: Int32Array;
}

const isExpanded = (id: number): boolean =>
  id === SPECIAL_IDS.cls || id === SPECIAL_IDS.sep || id === SPECIAL_IDS.mask;

/** Expand `tokenIds` ([CLS] .. [SEP]) with k = `expansion` copies per special position. */
export function expand(tokenIds: ArrayLike<number>, expansion: number): Expansion {
  const tokens: number[] = [];
  const pos1: number[] = [];
  const pos2: number[] = [];
  const states: number[] = [];
  const maskPositions: number[] = [];
  for (let i = 0; i < tokenIds.length; i++) {
    const id = tokenIds[i]!;
    if (id === SPECIAL_IDS.mask) maskPositions.push(i);
    if (!isExpanded(id)) {
      tokens.push(id);
      pos1.push(i);
      pos2.push(0);
      continue;
    }
    for (let copy = 1; copy <= expansion; copy++) {
      states.push(tokens.length);
      tokens.push(id);
      pos1.push(i);
      pos2.push(copy);
    }
  }
  return {
    tokenIds: Int32Array.from(tokens),
    pos1: Int32Array.from(pos1),
    pos2: Int32Array.from(pos2),
    states: Int32Array.from(states),
    maskPositions: Int32Array.from(maskPositions),
  };
}
