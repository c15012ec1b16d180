// The structure view's drawings: each SMILES of its content (structureContent.ts) checked and drawn
// by RDKit, at the sizes the view shows them. Runs on a loaded RDKit module, in the page or in Node.
import { type Rdkit, type SmilesVerdict, checkSmiles, drawSmiles } from './chemistry';
import type { SafeSvg } from './safeSvg';
import type { DrawingPlan, RankedFillPlan, StructureContent } from './structureContent';

/** A drawing's size in CSS pixels at the page's normal scale (presentation mode enlarges it). */
export interface DrawingSize {
  width: number;
  height: number;
  /** Smallest atom label, in CSS pixels at that scale. */
  minFontSize: number;
}

/** The original and the fill, side by side where the panel is wide enough. */
export const LARGE: DrawingSize = { width: 340, height: 250, minFontSize: 16 };
/** A candidate: small enough for three or four in a row. */
export const SMALL: DrawingSize = { width: 190, height: 150, minFontSize: 14 };
/** A candidate on a projector, where the page shows drawings 1.34 times larger: 16-px labels
 *  come out at 21 px, as the large drawings' do. */
export const SMALL_PRESENTING: DrawingSize = { ...SMALL, minFontSize: 16 };

/** Light orange, under black atom labels: what is masked, filled or substituted. */
const HIGHLIGHT = [1, 0.8, 0.45] as const;

export interface Drawn {
  plan: DrawingPlan;
  verdict: SmilesVerdict;
  /** RDKit's drawing; null when it does not read the SMILES. */
  svg: SafeSvg | null;
}

/** The first of the N best joint fills that RDKit reads as a molecule. */
export type BestValidFill =
  /** The best joint fill itself: nothing more to draw. */
  | { kind: 'best' }
  /** A later one, drawn. */
  | { kind: 'later'; fill: RankedFillPlan; drawn: Drawn }
  /** None of the `searched` fills. */
  | { kind: 'none'; searched: number };

export interface DrawnContent {
  original: Drawn | null;
  fill: Drawn | null;
  /** Per slot, its candidates' drawings, in the order of content.candidates. */
  candidates: Drawn[][];
  /** Null without a list of best fills (content.bestFills empty). */
  bestValid: BestValidFill | null;
}

export function drawPlan(rdkit: Rdkit, plan: DrawingPlan, size: DrawingSize): Drawn {
  const verdict = checkSmiles(rdkit, plan.smiles);
  const svg = verdict.valid
    ? drawSmiles(rdkit, plan.smiles, {
        width: size.width,
        height: size.height,
        minFontSize: size.minFontSize,
        atoms: plan.atoms,
        bonds: plan.bonds,
        colour: HIGHLIGHT,
      })
    : null;
  return { plan, verdict, svg };
}

/** Checks the fills in their order and draws the first valid one (unless it is the best fill,
 *  which is drawn already): at most N checks and one drawing. */
export function bestValidFill(
  rdkit: Rdkit,
  fills: readonly RankedFillPlan[],
  size: DrawingSize,
): BestValidFill | null {
  if (fills.length === 0) return null;
  const first = fills.find((fill) => checkSmiles(rdkit, fill.smiles).valid);
  if (first === undefined) return { kind: 'none', searched: fills.length };
  if (first.rank === 1) return { kind: 'best' };
  return { kind: 'later', fill: first, drawn: drawPlan(rdkit, first, size) };
}

export function drawContent(
  rdkit: Rdkit,
  content: StructureContent,
  presenting: boolean,
): DrawnContent {
  const small = presenting ? SMALL_PRESENTING : SMALL;
  return {
    original: content.original === null ? null : drawPlan(rdkit, content.original, LARGE),
    fill: content.fill === null ? null : drawPlan(rdkit, content.fill, LARGE),
    candidates: content.candidates.map((slot) => slot.map((c) => drawPlan(rdkit, c, small))),
    bestValid: bestValidFill(rdkit, content.bestFills, LARGE),
  };
}
