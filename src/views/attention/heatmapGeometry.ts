// Where the parts of the attention figure go: label margins, the heatmap square, group brackets.
// Pure numbers, unit tested; drawHeatmap and drawAttentionAxes only paint them.
import type { ExpandedGroup } from '../common/expandedGroups';
import { cellSize, labelStride } from './attentionData';

/** The heatmap is at most this many CSS pixels on a side (fits a 1280-px projector beside the
 *  labels). */
export const HEATMAP_MAX_SIDE = 640;
/** Labels closer than this are thinned out (one every `stride` cells). */
const MIN_LABEL_SPACING = 13;
/** Width of one label character as a fraction of the font size, generous enough for the bold
 *  label of the hovered row ("SEP·c2" is wide: capitals). */
const LABEL_CHAR_EM = 0.68;
/** Room for the bracket lines between labels and heatmap. */
const BRACKET_SPACE = 14;

export interface HeatmapGeometry {
  expandedLength: number;
  cell: number;
  /** Heatmap top-left corner inside the figure. */
  left: number;
  top: number;
  side: number;
  width: number;
  height: number;
  stride: number;
  fontSize: number;
}

/** How the figure must fit: the widest it may be (CSS px) and whether it is shown on a projector,
 *  where its labels keep PRESENTATION_FONT_SIZE whatever the size of the cells. */
export interface HeatmapFit {
  maxWidth: number;
  presenting: boolean;
}

/** Labels in presentation mode: 20 px, as all the page's text there. */
export const PRESENTATION_FONT_SIZE = 20;

export function heatmapGeometry(
  labels: readonly string[],
  maxSide = HEATMAP_MAX_SIDE,
  fit: HeatmapFit = { maxWidth: Number.POSITIVE_INFINITY, presenting: false },
): HeatmapGeometry {
  const expandedLength = labels.length;
  const longest = labels.reduce((max, label) => Math.max(max, [...label].length), 0);
  const marginFor = (font: number) =>
    Math.min(140, Math.ceil(longest * LABEL_CHAR_EM * font) + 8) + BRACKET_SPACE;
  // The square takes what the labels leave of the width (the margin at the largest type first:
  // a smaller type then only leaves more room).
  const largest = fit.presenting ? PRESENTATION_FONT_SIZE : 15;
  const room = Math.min(maxSide, fit.maxWidth - marginFor(largest) - 8);
  const cell = cellSize(expandedLength, Math.max(0, room));
  const fontSize = fit.presenting ? largest : Math.max(11, Math.min(15, cell - 2));
  const margin = marginFor(fontSize);
  const side = cell * expandedLength;
  return {
    expandedLength,
    cell,
    left: margin,
    top: margin,
    side,
    width: margin + side + 8,
    height: margin + side + 8,
    stride: labelStride(cell, Math.max(MIN_LABEL_SPACING, fontSize)),
    fontSize,
  };
}

/** Pixel span [from, to) of each group of copies along either axis; only groups that are states
 *  with several copies get a bracket (ordinary tokens need none). */
export function groupSpans(
  groups: readonly ExpandedGroup[],
  geometry: Pick<HeatmapGeometry, 'cell'>,
): { group: ExpandedGroup; from: number; to: number }[] {
  return groups
    .filter((group) => group.isStates && group.count > 1)
    .map((group) => ({
      group,
      from: group.start * geometry.cell,
      to: (group.start + group.count) * geometry.cell,
    }));
}
