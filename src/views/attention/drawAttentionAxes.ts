// The SVG layer over the attention canvas: token labels on both axes, brackets and separator
// lines for the groups of copies (compact names such as "m2·c3", the full name in a tooltip), and the marks for the cell under the pointer and the hovered
// state. Called from AttentionView's effects only.
import { select } from 'd3';
import { clearSvg } from '../common/clearSvg';
import type { ExpandedGroup } from '../common/expandedGroups';
import type { EntryName } from '../common/labels';
import type { HeatmapGeometry } from './heatmapGeometry';
import { groupSpans } from './heatmapGeometry';

export function drawAttentionAxes(
  svgElement: SVGSVGElement,
  labels: readonly EntryName[],
  groups: readonly ExpandedGroup[],
  geometry: HeatmapGeometry,
): void {
  const { left, top, side, cell, stride, fontSize } = geometry;
  const svg = clearSvg(svgElement, geometry.width, geometry.height);
  svg.style('font-size', `${fontSize}px`);

  const spans = groupSpans(groups, geometry);
  // Bands behind the labels of each group of copies, so the copies read as one token.
  const bands = svg.append('g').attr('class', 'attention-bands');
  for (const span of spans) {
    bands
      .append('rect')
      .attr('x', 0)
      .attr('y', top + span.from + 1)
      .attr('width', left - 4)
      .attr('height', span.to - span.from - 2);
    bands
      .append('rect')
      .attr('x', left + span.from + 1)
      .attr('y', 0)
      .attr('width', span.to - span.from - 2)
      .attr('height', top - 4);
  }

  const shown = labels
    .map((label, index) => ({ label, index }))
    .filter((d) => d.index % stride === 0);
  svg
    .append('g')
    .attr('class', 'attention-labels attention-labels--rows')
    .selectAll('text')
    .data(shown)
    .join('text')
    .attr('data-index', (d) => d.index)
    .attr('x', left - 14)
    .attr('y', (d) => top + (d.index + 0.5) * cell)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => d.label.compact)
    .append('title')
    .text((d) => d.label.full);
  svg
    .append('g')
    .attr('class', 'attention-labels attention-labels--cols')
    .selectAll('text')
    .data(shown)
    .join('text')
    .attr('data-index', (d) => d.index)
    .attr('transform', (d) => `translate(${left + (d.index + 0.5) * cell},${top - 14}) rotate(-90)`)
    .attr('dy', '0.35em')
    .text((d) => d.label.compact)
    .append('title')
    .text((d) => d.label.full);

  // Brackets along both axes and thin separators across the map at each group's edges.
  const brackets = svg.append('g').attr('class', 'attention-brackets');
  for (const span of spans) {
    const a = span.from + 1;
    const b = span.to - 1;
    brackets
      .append('path')
      .attr('d', `M${left - 4},${top + a} H${left - 9} V${top + b} H${left - 4}`);
    brackets
      .append('path')
      .attr('d', `M${left + a},${top - 4} V${top - 9} H${left + b} V${top - 4}`);
  }
  const separators = svg.append('g').attr('class', 'attention-separators');
  for (const edge of new Set(spans.flatMap((s) => [s.from, s.to]))) {
    if (edge <= 0 || edge >= side) continue;
    separators
      .append('line')
      .attr('x1', left)
      .attr('x2', left + side)
      .attr('y1', top + edge)
      .attr('y2', top + edge);
    separators
      .append('line')
      .attr('x1', left + edge)
      .attr('x2', left + edge)
      .attr('y1', top)
      .attr('y2', top + side);
  }

  const marks = svg.append('g').attr('class', 'attention-marks');
  marks.append('rect').attr('class', 'attention-mark--state-row').attr('visibility', 'hidden');
  marks.append('rect').attr('class', 'attention-mark--state-col').attr('visibility', 'hidden');
  marks.append('rect').attr('class', 'attention-mark--cell').attr('visibility', 'hidden');
}

/** Outlines the row and column of the hovered state's expanded position (or hides them) and the
 *  cell under the pointer or keyboard cursor, and bolds their labels. */
export function highlightAttention(
  svgElement: SVGSVGElement,
  geometry: HeatmapGeometry,
  hoveredExpanded: number | null,
  cursor: { row: number; col: number } | null,
): void {
  const { left, top, side, cell } = geometry;
  const svg = select(svgElement);
  const stateRow = svg.select('.attention-mark--state-row');
  const stateCol = svg.select('.attention-mark--state-col');
  if (hoveredExpanded === null) {
    stateRow.attr('visibility', 'hidden');
    stateCol.attr('visibility', 'hidden');
  } else {
    const at = hoveredExpanded * cell;
    stateRow
      .attr('visibility', 'visible')
      .attr('x', left)
      .attr('y', top + at)
      .attr('width', side)
      .attr('height', cell);
    stateCol
      .attr('visibility', 'visible')
      .attr('x', left + at)
      .attr('y', top)
      .attr('width', cell)
      .attr('height', side);
  }
  const cellMark = svg.select('.attention-mark--cell');
  if (cursor === null) {
    cellMark.attr('visibility', 'hidden');
  } else {
    cellMark
      .attr('visibility', 'visible')
      .attr('x', left + cursor.col * cell)
      .attr('y', top + cursor.row * cell)
      .attr('width', cell)
      .attr('height', cell);
  }
  svg
    .selectAll<SVGTextElement, { index: number }>('.attention-labels--rows text')
    .classed('is-active', (d) => d.index === cursor?.row || d.index === hoveredExpanded);
  svg
    .selectAll<SVGTextElement, { index: number }>('.attention-labels--cols text')
    .classed('is-active', (d) => d.index === cursor?.col || d.index === hoveredExpanded);
}
