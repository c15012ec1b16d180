// D3 drawing of the transition DAG into an <svg>: edges as curves whose width and opacity follow
// their probability, nodes labelled with their top token, the path and the hovered or selected
// node marked by classes. Called from DagView's effects only.
import { select } from 'd3';
import type { Analysis } from '../../model/types';
import { clearSvg } from '../common/clearSvg';
import { formatPercent } from '../common/format';
import { maskNumbers, sourceTokenName, truncateLabel } from '../common/labels';
import type { PathRole } from '../common/pathRoles';
import { edgeOpacity, edgeWidth } from '../common/scales';
import { dagEdgeLabel, dagNodeLabel } from './dagLabels';
import type { DagEdge, DagGeometry, DagLayout, DagNode } from './dagLayout';
import { edgeKey, edgePathData } from './dagLayout';

export interface DagDrawing {
  analysis: Analysis;
  layout: DagLayout;
  geometry: DagGeometry;
  roles: Map<number, PathRole>;
  onHover: (state: number | null) => void;
  onSelect: (state: number) => void;
}

/** Average width of a character of the drawing's type, in ems: how much context fits between
 *  two columns. */
const CHAR_EM = 0.53;

function roleShort(role: PathRole): string {
  return role.kind === 'slot' ? `slot ${role.slot}` : role.kind;
}

/** Draws the frame of the DAG (labels, nodes, an empty edge group); edges come separately so that
 *  moving the threshold slider touches only the edges that appear or vanish. */
export function drawDag(svgElement: SVGSVGElement, drawing: DagDrawing): void {
  const { analysis, layout, geometry, roles, onHover, onSelect } = drawing;
  const svg = clearSvg(svgElement, layout.width, layout.height);

  const copies = layout.rows;
  const rowLabels = svg.append('g').attr('class', 'dag-row-labels');
  for (let copy = 1; copy <= copies; copy++) {
    rowLabels
      .append('text')
      .attr('x', 8)
      .attr('y', geometry.marginTop + geometry.nodeHeight / 2 + (copy - 1) * geometry.rowGap)
      .attr('dy', '0.35em')
      .text(`copy ${copy}`);
  }

  const { fontSize } = geometry;
  const baseline =
    geometry.marginTop +
    (copies - 1) * geometry.rowGap +
    geometry.nodeHeight +
    Math.round(1.75 * fontSize);
  const numbers = maskNumbers(analysis.masks);
  const columns = svg
    .append('g')
    .attr('class', 'dag-columns')
    .selectAll('g')
    .data(layout.columns)
    .join('g');
  columns
    .append('text')
    .attr('class', 'dag-column__token')
    .attr('x', (c) => c.x)
    .attr('y', baseline)
    .attr('text-anchor', 'middle')
    .text(
      (c) =>
        `${sourceTokenName(c.token, numbers.get(c.sourcePosition) ?? null)} @${c.sourcePosition}`,
    );
  columns
    .filter((c) => c.contextBefore !== '')
    .append('text')
    .attr('class', 'dag-column__context')
    .attr('x', (c) => c.x - geometry.columnGap / 2)
    .attr('y', baseline + Math.round(1.45 * fontSize))
    .attr('text-anchor', 'middle')
    .text((c) =>
      truncateLabel(c.contextBefore, Math.floor(geometry.columnGap / (CHAR_EM * fontSize))),
    )
    .append('title')
    .text((c) => c.contextBefore);

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
    .text((e) => dagEdgeLabel(analysis, e.from, e.to, e.prob, layout.rows));
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
