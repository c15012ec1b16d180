// The numbers the DAG's details panel prints for one state: where it sits, how likely each slot
// is to use it (gamma) and its strongest successors. Pure, so it is unit tested.
import type { Analysis } from '../../model/types';
import { linkProbability } from '../common/scales';

export interface Successor {
  state: number;
  prob: number;
}

/** gamma_i(state) for every slot i (1-based in the UI, 0-based here). */
export function slotProbabilities(
  analysis: Pick<Analysis, 'gamma' | 'states' | 'masks'>,
  state: number,
): number[] {
  const L = analysis.states.length;
  return analysis.masks.map((_, slot) => analysis.gamma[slot * L + state] ?? 0);
}

/** The `count` most likely next states of `state`, most likely first. */
export function strongestSuccessors(
  analysis: Pick<Analysis, 'links' | 'states'>,
  state: number,
  count: number,
): Successor[] {
  const L = analysis.states.length;
  const successors: Successor[] = [];
  for (let to = 0; to < L; to++) {
    const prob = linkProbability(analysis.links[state * L + to] ?? -Infinity);
    if (prob > 0) successors.push({ state: to, prob });
  }
  return successors.sort((a, b) => b.prob - a.prob).slice(0, count);
}
