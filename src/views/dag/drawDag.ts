// D3 drawing of the transition DAG into an <svg>, across or down as dagLayout.ts laid it out: edges
// as curves whose width and opacity follow their probability, nodes labelled with their top token,
// the path and the hovered or selected node marked by classes. Called from DagView's effects only.
import { type Selection, select } from 'd3';
import type { Analysis } from '../../model/types';
import { clearSvg } from '../common/clearSvg';
import { formatPercent } from '../common/format';
import { truncateLabel } from '../common/labels';
import type { PathRole } from '../common/pathRoles';
import { edgeOpacity, edgeWidth } from '../common/scales';
import { dagEdgeLabel, dagNodeLabel } from './dagLabels';
import type { DagEdge, DagGeometry, DagLayout, DagNode } from './dagLayout';
import { CHAR_EM, edgeKey, edgePathData } from './dagLayout';

export interface DagDrawing {
  analysis: Analysis;
  layout: DagLayout;
  geometry: DagGeometry;
  roles: Map<number, PathRole>;
  onHover: (state: number | null) => void;
  onSelect: (state: number) => void;
}

function roleShort(role: PathRole): string {
  return role.kind === 'slot' ? `slot ${role.slot}` : role.kind;
}

/** The labels around the nodes: the copies (left of the rows across, over the columns down), each
 *  token (under its column across, left of its row down) and the ordinary words between two
 *  tokens (under the gap between their columns, or left of the gap between their rows). */
function drawLabels(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  layout: DagLayout,
  geometry: DagGeometry,
): void {
  const { fontSize } = geometry;
  const first = layout.groups[0];
  const copyLabels = svg.append('g').attr('class', 'dag-copy-labels');
  for (let copy = 1; copy <= layout.copies; copy++) {
    const label = copyLabels.append('text').text(`copy ${copy}`);
    if (layout.flow === 'down') {
      // Above the path roles of the first row.
      label
        .attr('x', (first?.x ?? 0) + (copy - 1) * geometry.columnGap)
        .attr('y', geometry.marginTop - 6 - Math.round(1.6 * fontSize))
        .attr('text-anchor', 'middle');
    } else {
      label
        .attr('x', 8)
        .attr('y', geometry.marginTop + geometry.nodeHeight / 2 + (copy - 1) * geometry.rowGap)
        .attr('dy', '0.35em');
    }
  }

  const groups = svg
    .append('g')
    .attr('class', 'dag-tokens')
    .selectAll('g')
    .data(layout.groups)
    .join('g');
  const tokens = groups.append('text').attr('class', 'dag-token__label');
  const contexts = groups
    .filter((g) => g.contextBefore !== '')
    .append('text')
    .attr('class', 'dag-token__context');
  if (layout.flow === 'down') {
    const chars = Math.floor((layout.marginLeft - 16) / (CHAR_EM * fontSize));
    tokens
      .attr('x', 8)
      .attr('y', (g) => g.y)
      .attr('dy', '0.35em');
    contexts
      .attr('x', 8)
      .attr('y', (g) => g.y - geometry.rowGap / 2)
      .attr('dy', '0.35em')
      .text((g) => truncateLabel(g.contextBefore, Math.max(2, chars)));
  } else {
    const baseline =
      geometry.marginTop +
      (layout.copies - 1) * geometry.rowGap +
      geometry.nodeHeight +
      Math.round(1.75 * fontSize);
    const chars = Math.floor(geometry.columnGap / (CHAR_EM * fontSize));
    tokens
      .attr('x', (g) => g.x)
      .attr('y', baseline)
      .attr('text-anchor', 'middle');
    contexts
      .attr('x', (g) => g.x - geometry.columnGap / 2)
      .attr('y', baseline + Math.round(1.45 * fontSize))
      .attr('text-anchor', 'middle')
      .text((g) => truncateLabel(g.contextBefore, chars));
  }
  tokens.text((g) => g.label);
  contexts.append('title').text((g) => g.contextBefore);
}

/** Draws the frame of the DAG (labels, nodes, an empty edge group); edges come separately so that
 *  moving the threshold slider touches only the edges that appear or vanish. */
export function drawDag(svgElement: SVGSVGElement, drawing: DagDrawing): void {
  const { analysis, layout, geometry, roles, onHover, onSelect } = drawing;
  const svg = clearSvg(svgElement, layout.width, layout.height);
  svg.attr('data-flow', layout.flow);
  drawLabels(svg, layout, geometry);
  const copies = layout.copies;

  // Edges go under the nodes; drawDagEdges fills this group.
  svg.append('g').attr('class', 'dag-edges');

  const nodes = svg
    .append('g')
    .attr('class', 'dag-nodes')
    .selectAll<SVGGElement, DagNode>('g')
    .data(layout.nodes)
    .join('g')
    .attr('class', 'dag-node')
    .classed('is-on-path', (n) => roles.has(n.state))
    .attr('data-state', (n) => n.state)
    .attr(
      'transform',
      (n) => `translate(${n.x - geometry.nodeWidth / 2},${n.y - geometry.nodeHeight / 2})`,
    )
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (n) => dagNodeLabel(analysis, n.state, copies, roles.get(n.state)))
    .on('mouseenter focus', (_event, n) => onHover(n.state))
    .on('mouseleave blur', () => onHover(null))
    .on('click', (_event, n) => onSelect(n.state))
    .on('keydown', (event: KeyboardEvent, n) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(n.state);
      }
    });
  nodes
    .append('rect')
    .attr('class', 'dag-node__frame inside-focus-ring')
    .attr('width', geometry.nodeWidth)
    .attr('height', geometry.nodeHeight)
    .attr('rx', 8);
  nodes
    .append('text')
    .attr('class', 'dag-node__token')
    .attr('x', geometry.nodeWidth / 2)
    .attr('y', Math.round(0.39 * geometry.nodeHeight))
    .attr('text-anchor', 'middle')
    .text((n) => truncateLabel(analysis.stateTop[n.state]?.[0]?.token ?? '?', geometry.nodeChars));
  nodes
    .append('text')
    .attr('class', 'dag-node__prob')
    .attr('x', geometry.nodeWidth / 2)
    .attr('y', Math.round(0.8 * geometry.nodeHeight))
    .attr('text-anchor', 'middle')
    .text((n) => formatPercent(analysis.stateTop[n.state]?.[0]?.prob ?? Number.NaN));
  nodes
    .filter((n) => roles.has(n.state))
    .append('text')
    .attr('class', 'dag-node__role')
    .attr('x', geometry.nodeWidth / 2)
    .attr('y', -6)
    .attr('text-anchor', 'middle')
    .text((n) => {
      const role = roles.get(n.state);
      return role ? roleShort(role) : '';
    });
}

/** Joins the visible edges into the edge group drawn by drawDag, keyed by (from, to), in the
 *  order given (weakest first, path last, so the strongest lines lie on top); each edge's tooltip
 *  names its ends as the nodes are named. */
export function drawDagEdges(
  svgElement: SVGSVGElement,
  analysis: Analysis,
  layout: DagLayout,
  geometry: DagGeometry,
  edges: DagEdge[],
): void {
  const stateCount = layout.nodes.length;
  const byState = new Map(layout.nodes.map((n) => [n.state, n]));
  select(svgElement)
    .select('g.dag-edges')
    .selectAll<SVGPathElement, DagEdge>('path.dag-edge')
    .data(edges, (e) => edgeKey(e.from, e.to, stateCount))
    .join((enter) => {
      const path = enter.append('path').attr('class', 'dag-edge');
      path.append('title');
      return path;
    })
    .classed('is-on-path', (e) => e.onPath)
    .attr('d', (e) => {
      const from = byState.get(e.from);
      const to = byState.get(e.to);
      return from && to ? edgePathData(from, to, geometry) : '';
    })
    .attr('stroke-width', (e) => edgeWidth(e.prob))
    .attr('stroke-opacity', (e) => (e.onPath ? 1 : edgeOpacity(e.prob)))
    .order()
    .select('title')
    .text((e) => dagEdgeLabel(analysis, e.from, e.to, e.prob, layout.copies));
}

/** Marks the hovered and the selected node and the edges that touch the hovered one. */
export function highlightDag(
  svgElement: SVGSVGElement,
  hoveredState: number | null,
  selectedState: number | null,
): void {
  const svg = select(svgElement);
  svg
    .selectAll<SVGGElement, DagNode>('g.dag-node')
    .classed('is-hovered', (n) => n.state === hoveredState)
    .classed('is-selected', (n) => n.state === selectedState);
  svg
    .selectAll<SVGPathElement, DagEdge>('path.dag-edge')
    .classed(
      'is-incident',
      (e) => hoveredState !== null && (e.from === hoveredState || e.to === hoveredState),
    );
  svg.classed('has-hover', hoveredState !== null);
}
