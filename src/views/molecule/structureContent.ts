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
}

/** What the model's analysis gives the view (Analysis has these and more). */
export interface AnalysisPart {
  masks: readonly { top: readonly TopToken[] }[];
  fill: { tokens: readonly string[] };
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
    return { original, notes, fill: null, fillTokens: [], candidates: [] };
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
  return { original, notes, fill, fillTokens, candidates };
}
