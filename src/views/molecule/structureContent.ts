// What the structure view shows, worked out from the editor's tokens and the model's analysis
// before anything is drawn: the SMILES of each drawing, which atoms and bonds each highlights, and
// the words that say what a masked token that is not an atom stands for. Pure, so that the mapping
// from tokens to RDKit's atoms and the substitution of candidates are tested without a browser.
import type { TopToken } from '../../model/types';
import { type CandidateStructure, candidateStructures, joinSmiles, substitute } from './candidates';
import { type AtomPair, TOKEN_KIND_NAMES, smilesGraph, smilesTokenKind } from './smilesGraph';

/** How many candidates each mask shows. */
export const CANDIDATES_PER_MASK = 5;

const MASK = '[MASK]';

/** One SMILES to draw and what to highlight in it. */
export interface DrawingPlan {
  smiles: string;
  atoms: number[];
  bonds: AtomPair[];
}

/** A masked token of the editor, as the view describes it. */
export interface MaskNote {
  slot: number;
  /** Index into the editor's tokens. */
  position: number;
  /** The token's own text, null for a typed [MASK]. */
  original: string | null;
  /** What the drawing of the original highlights for it, in words. */
  shows: string;
}

export interface StructureContent {
  /** The unmasked molecule with the masked tokens highlighted; null when a mask was typed as
   *  [MASK] (there is no original to draw). */
  original: DrawingPlan | null;
  notes: MaskNote[];
  /** The best joint fill, the filled tokens highlighted; null without an analysis. */
  fill: DrawingPlan | null;
  /** The best joint fill's token per slot; empty without an analysis. */
  fillTokens: string[];
  /** Per slot, its candidates each substituted alone; empty without an analysis. */
  candidates: (CandidateStructure & DrawingPlan)[][];
  /** The model's N best joint fills put in, best first (the first is `fill`), where the one valid
   *  molecule among them is looked for; empty without an analysis or a list of them. */
  bestFills: RankedFillPlan[];
}

/** One of the N best joint fills, put into the molecule. */
export interface RankedFillPlan extends DrawingPlan {
  /** 1 for the best joint fill. */
  rank: number;
  /** Its probability relative to the best joint fill's (1 for the best). */
  relative: number;
}

/** What the model's analysis gives the view (Analysis has these and more). */
export interface AnalysisPart {
  masks: readonly { top: readonly TopToken[] }[];
  fill: { tokens: readonly string[] };
  /** The N best joint fills, best first, each with its joint score (log). */
  bestFills?: readonly { tokens: readonly string[]; score: number }[];
}

/** The atoms and bonds that the tokens at `positions` write. */
export function highlightsOf(
  tokens: readonly string[],
  positions: readonly number[],
): Pick<DrawingPlan, 'atoms' | 'bonds'> {
  const graph = smilesGraph(tokens);
  const atoms: number[] = [];
  const bonds: AtomPair[] = [];
  for (const position of positions) {
    const atom = graph.atomOf[position];
    const bond = graph.bondOf[position];
    if (atom !== null && atom !== undefined) atoms.push(atom);
    else if (bond !== null && bond !== undefined) bonds.push(bond);
  }
  return { atoms, bonds };
}

/** What the original's drawing shows for the masked token at `position`. */
function shows(tokens: readonly string[], position: number): string {
  const token = tokens[position] ?? '';
  if (token === MASK) return 'typed as [MASK]: there is no original token to show';
  const graph = smilesGraph(tokens);
  const kind = smilesTokenKind(token);
  const atom = graph.atomOf[position];
  if (atom !== null && atom !== undefined) return `atom ${atom + 1}, highlighted`;
  const bond = graph.bondOf[position];
  const between = bond ? `between atoms ${bond[0] + 1} and ${bond[1] + 1}` : '';
  const name = TOKEN_KIND_NAMES[kind];
  switch (kind) {
    case 'bond':
      return bond
        ? `${name}, not an atom: the bond it sets is highlighted, ${between}`
        : `${name} that joins nothing: nothing is highlighted`;
    case 'ring-closure':
      return bond
        ? `${name}, not an atom: the bond that closes its ring is highlighted, ${between}`
        : `${name} that closes no ring: nothing is highlighted`;
    case 'branch-open':
      return bond
        ? `${name}, not an atom: the bond into the branch is highlighted, ${between}`
        : `${name}: nothing is highlighted`;
    case 'branch-close':
      return bond
        ? `${name}, not an atom: the next bond from the branch point is highlighted, ${between}`
        : `${name}: nothing is highlighted`;
    default:
      return `${name}: it has no atom or bond, so nothing is highlighted`;
  }
}

/**
 * The view's content for the editor's `tokens` (masked tokens keep their own text; a typed mask
 * is "[MASK]"), its masked token indices `masks` (slot i is tokens[masks[i]]) and the analysis of
 * that masked SMILES, or null while there is none.
 */
export function structureContent(
  tokens: readonly string[],
  masks: readonly number[],
  analysis: AnalysisPart | null,
  perMask = CANDIDATES_PER_MASK,
): StructureContent {
  const typedMask = masks.some((position) => tokens[position] === MASK);
  const original: DrawingPlan | null = typedMask
    ? null
    : { smiles: joinSmiles(tokens), ...highlightsOf(tokens, masks) };
  const notes = masks.map((position, slot) => ({
    slot,
    position,
    original: tokens[position] === MASK ? null : (tokens[position] ?? null),
    shows: shows(tokens, position),
  }));
  const usable = analysis !== null && analysis.fill.tokens.length === masks.length;
  if (!usable || masks.length === 0) {
    return { original, notes, fill: null, fillTokens: [], candidates: [], bestFills: [] };
  }
  const fillTokens = [...analysis.fill.tokens];
  const filled = substitute({ tokens, masks }, fillTokens);
  const fill = { smiles: joinSmiles(filled), ...highlightsOf(filled, masks) };
  const candidates = candidateStructures(
    { tokens, masks },
    fillTokens,
    analysis.masks.map((slot) => slot.top),
    perMask,
  ).map((slot) =>
    slot.map((candidate) => ({
      ...candidate,
      ...highlightsOf(candidate.tokens, [candidate.position]),
    })),
  );
  const ranked = (analysis.bestFills ?? []).filter((f) => f.tokens.length === masks.length);
  const bestScore = ranked[0]?.score ?? 0;
  const bestFills = ranked.map((ranking, i) => {
    const tokensIn = substitute({ tokens, masks }, ranking.tokens);
    return {
      smiles: joinSmiles(tokensIn),
      ...highlightsOf(tokensIn, masks),
      rank: i + 1,
      relative: Math.exp(ranking.score - bestScore),
    };
  });
  return { original, notes, fill, fillTokens, candidates, bestFills };
}
