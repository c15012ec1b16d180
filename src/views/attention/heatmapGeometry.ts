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
 *  label of the hovered row ("[MASK]" is wide: capitals and brackets). */
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

export function heatmapGeometry(
  labels: readonly string[],
  maxSide = HEATMAP_MAX_SIDE,
): HeatmapGeometry {
  const expandedLength = labels.length;
  const cell = cellSize(expandedLength, maxSide);
  const fontSize = Math.max(11, Math.min(15, cell - 2));
  const longest = labels.reduce((max, label) => Math.max(max, [...label].length), 0);
  const labelSpace = Math.min(140, Math.ceil(longest * LABEL_CHAR_EM * fontSize) + 8);
  const margin = labelSpace + BRACKET_SPACE;
  const side = cell * expandedLength;
  return {
    expandedLength,
    cell,
    left: margin,
    top: margin,
    side,
    width: margin + side + 8,
    height: margin + side + 8,
    stride: labelStride(cell, MIN_LABEL_SPACING),
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
