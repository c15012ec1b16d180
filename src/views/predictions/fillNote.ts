// Why the best joint fill can disagree with a mask's top guess, in plain words. The fill is the
// Viterbi path through the DAG: one state per mask, picked for all masks together, and each mask
// takes the best word of the state the path passes through. The Predictions list shows each
// mask's marginal guesses taken alone, so the two can differ; a teacher needs that said where it
// happens, not in a tooltip. Pure: the strings are pinned by unit tests and read by e2e tests.
import type { InputMode } from '../../core/inputMode';
import type { Analysis } from '../../model/types';
import { DOMAIN_WORDS } from '../common/domainWords';
import { formatPercent } from '../common/format';
import { stateName } from '../common/labels';

/** One mask whose fill word is not its top guess. */
export interface FillDifference {
  /** 1-based mask number, left to right. */
  mask: number;
  fillWord: string;
  topWord: string;
  /** 1-based rank of the fill word among the mask's guesses, and its probability; null when it
   *  is not among the guesses the page holds. */
  rank: number | null;
  prob: number | null;
  /** The path's state for this mask, named ("mask 1 · copy 3"), and its index. */
  stateName: string;
  state: number;
  /** The fill word's probability in that state alone; null when not in the state's top list. */
  stateProb: number | null;
}

/** The masks whose fill word differs from their first guess, left to right. `copies` is k. */
export function fillDifferences(
  analysis: Pick<Analysis, 'masks' | 'fill' | 'states' | 'stateTop' | 'tokens' | 'expanded'>,
  copies: number,
): FillDifference[] {
  const out: FillDifference[] = [];
  analysis.masks.forEach((slot, i) => {
    const fillWord = analysis.fill.tokens[i];
    const topWord = slot.top[0]?.token;
    if (fillWord === undefined || topWord === undefined || fillWord === topWord) return;
    const at = slot.top.findIndex((t) => t.token === fillWord);
    // The path's entries are [CLS] copy, one state per mask, [SEP] copy.
    const state = analysis.fill.path[i + 1] ?? -1;
    const inState = (analysis.stateTop[state] ?? []).find((t) => t.token === fillWord);
    out.push({
      mask: i + 1,
      fillWord,
      topWord,
      rank: at >= 0 ? at + 1 : null,
      prob: at >= 0 ? (slot.top[at]?.prob ?? null) : null,
      stateName: state >= 0 ? stateName(analysis, state, copies).full : '',
      state,
      stateProb: inState?.prob ?? null,
    });
  });
  return out;
}

/** Copies per expanded token of an analysis: L = k (M + 2) states. */
export function copiesOf(analysis: Pick<Analysis, 'states' | 'masks'>): number {
  return Math.max(1, Math.round(analysis.states.length / (analysis.masks.length + 2)));
}

/** The sentence said once above the list of differences, in the words of the model's domain. */
export function fillNoteLead(domain: InputMode): string {
  return (
    'The fill is the best joint path through the DAG: one state per mask, chosen for all masks ' +
    `together. It is not each mask's first guess taken alone, so it can pick another ${DOMAIN_WORDS[domain].token}.`
  );
}

/** One difference in words: "Mask 1: the fill has “done”, not the top guess “paris”; …". */
export function describeFillDifference(
  d: FillDifference,
  shown: number,
  domain: InputMode,
): string {
  const best = `whose own best ${DOMAIN_WORDS[domain].token} it is`;
  const head = `Mask ${d.mask}: the fill has “${d.fillWord}”, not the top guess “${d.topWord}”`;
  let rank: string;
  if (d.rank === null) rank = `“${d.fillWord}” is not among the ${shown} guesses listed`;
  else if (d.rank > shown)
    rank = `“${d.fillWord}” is guess ${d.rank} (${formatPercent(d.prob ?? Number.NaN)}), below the ${shown} listed`;
  else rank = `it is guess ${d.rank} in the list (${formatPercent(d.prob ?? Number.NaN)})`;
  const via =
    d.state < 0
      ? ''
      : `. The path takes it from ${d.stateName} (state ${d.state})` +
        (d.stateProb === null ? `, ${best}.` : `, ${best} (${formatPercent(d.stateProb)} there).`);
  return `${head}; ${rank}${via === '' ? '.' : via}`;
}
