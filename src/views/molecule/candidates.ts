// The SMILES strings the structure view draws: the molecule with its masks filled by the best joint
// fill, and each mask's candidates substituted alone (the other masks keep the best joint fill), so
// that a candidate's drawing differs from the fill's only where that mask is. Pure: token texts in,
// token texts and SMILES out.
import type { TopToken } from '../../model/types';

/** A masked SMILES as the view reads it. */
export interface MaskedTokens {
  /** Every token's text, in order (a masked token's own text is not read here). */
  tokens: readonly string[];
  /** Indices into `tokens` of the masked ones, left to right: slot i is tokens[masks[i]]. */
  masks: readonly number[];
}

/** The tokens with slot i's token replaced by fills[i]. */
export function substitute({ tokens, masks }: MaskedTokens, fills: readonly string[]): string[] {
  if (fills.length !== masks.length) {
    throw new Error(`${masks.length} masks but ${fills.length} fill tokens`);
  }
  const out = [...tokens];
  masks.forEach((position, slot) => {
    if (position < 0 || position >= out.length) {
      throw new Error(`mask ${slot + 1} points at token ${position} of ${out.length}`);
    }
    out[position] = fills[slot] ?? '';
  });
  return out;
}

/** A SMILES is its tokens joined without spaces (docs/molecules.md). */
export function joinSmiles(tokens: readonly string[]): string {
  return tokens.join('');
}

export interface CandidateStructure {
  /** The slot (0-based, left to right) this candidate fills. */
  slot: number;
  /** 0 for the slot's top guess. */
  rank: number;
  token: string;
  prob: number;
  /** The molecule's tokens with this candidate in its slot and the best fill in the others. */
  tokens: string[];
  smiles: string;
  /** The index into `tokens` of the candidate. */
  position: number;
}

/**
 * Per slot, its first `limit` candidates, each substituted alone into the best joint fill.
 * `candidates[i]` are slot i's guesses, most probable first; `fill[i]` the best joint fill's
 * token for slot i.
 */
export function candidateStructures(
  masked: MaskedTokens,
  fill: readonly string[],
  candidates: readonly (readonly TopToken[])[],
  limit: number,
): CandidateStructure[][] {
  return masked.masks.map((position, slot) =>
    (candidates[slot] ?? []).slice(0, Math.max(0, limit)).map((candidate, rank) => {
      const fills = fill.map((token, i) => (i === slot ? candidate.token : token));
      const tokens = substitute(masked, fills);
      return {
        slot,
        rank,
        token: candidate.token,
        prob: candidate.prob,
        tokens,
        smiles: joinSmiles(tokens),
        position,
      };
    }),
  );
}
