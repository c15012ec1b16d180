// Geometry of the transition DAG: one column per source position that holds states ([CLS], each
// [MASK], [SEP]), its copies stacked top to bottom, and the edges between states. Pure: the
// component only turns these numbers into SVG.
import type { Analysis } from '../../model/types';
import { groupExpandedPositions, stateIndexByExpanded } from '../common/expandedGroups';
import { linkProbability } from '../common/scales';

export interface DagGeometry {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal distance between the centres of two neighbouring columns. */
  columnGap: number;
  /** Vertical distance between the centres of two copies. */
  rowGap: number;
  /** Space left of the first column (row labels) and above the first row. */
  marginLeft: number;
  marginTop: number;
  /** Space under the last row for column labels and the ordinary tokens between columns. */
  marginBottom: number;
  /** Size of the drawing's text (the CSS sets the same, dagGeometry's callers keep them equal). */
  fontSize: number;
  /** Characters of a token that fit in a node. */
  nodeChars: number;
}

export const DEFAULT_DAG_GEOMETRY: DagGeometry = {
  nodeWidth: 104,
  nodeHeight: 44,
  columnGap: 168,
  rowGap: 72,
  marginLeft: 84,
  marginTop: 34,
  marginBottom: 64,
  fontSize: 15,
  nodeChars: 11,
};

/** Presentation mode: 20-px type, drawn at its own size (not enlarged as a whole), in nodes only
 *  as wide as seven characters of it, so that a step's DAG still fits an 800-px projector. */
export const PRESENTATION_DAG_GEOMETRY: DagGeometry = {
  nodeWidth: 96,
  nodeHeight: 56,
  columnGap: 176,
  rowGap: 84,
  marginLeft: 86,
  marginTop: 40,
  marginBottom: 84,
  fontSize: 20,
  nodeChars: 7,
};

/** Room between two columns' nodes for the edges, at the least. */
const MIN_EDGE_ROOM = 40;

/** The geometry with the columns drawn closer where the DAG would be wider than `maxWidth`, down
 *  to a node's width plus room for the edges between them (a DAG still wider is shrunk by the
 *  CSS to its panel). */
export function fitDagGeometry(
  analysis: Pick<Analysis, 'tokens' | 'expanded' | 'states'>,
  geometry: DagGeometry,
  maxWidth: number,
): DagGeometry {
  const natural = layoutDag(analysis, geometry);
  const gaps = natural.columns.length - 1;
  if (natural.width <= maxWidth || gaps < 1) return geometry;
  const fixed = natural.width - gaps * geometry.columnGap;
  const fitting = Math.floor((maxWidth - fixed) / gaps);
  const columnGap = Math.max(geometry.nodeWidth + MIN_EDGE_ROOM, fitting);
  return { ...geometry, columnGap };
}

export interface DagNode {
  /** Index into analysis.states. */
  state: number;
  expandedIndex: number;
  sourcePosition: number;
  /** Copy index pos2 (1..k). */
  copy: number;
  column: number;
  /** Centre of the node. */
  x: number;
  y: number;
}

export interface DagColumn {
  sourcePosition: number;
  token: string;
  x: number;
  /** Ordinary source tokens between the previous column and this one, as one string. */
  contextBefore: string;
}

export interface DagLayout {
  nodes: DagNode[];
  columns: DagColumn[];
  /** Copies per column (k), the number of rows. */
  rows: number;
  width: number;
  height: number;
}

export function layoutDag(
  analysis: Pick<Analysis, 'tokens' | 'expanded' | 'states'>,
  geometry: DagGeometry = DEFAULT_DAG_GEOMETRY,
): DagLayout {
  const groups = groupExpandedPositions(analysis.expanded, analysis.tokens);
  const stateAt = stateIndexByExpanded(analysis.states, analysis.expanded.pos1.length);
  const nodes: DagNode[] = [];
  const columns: DagColumn[] = [];
  let context: string[] = [];
  let rows = 0;
  for (const group of groups) {
    if (!group.isStates) {
      context.push(group.token);
      continue;
    }
    const column = columns.length;
    const x = geometry.marginLeft + geometry.nodeWidth / 2 + column * geometry.columnGap;
    columns.push({
      sourcePosition: group.sourcePosition,
      token: group.token,
      x,
      contextBefore: context.join(' '),
    });
    context = [];
    for (let copy = 1; copy <= group.count; copy++) {
      const expandedIndex = group.start + copy - 1;
      const state = stateAt[expandedIndex] ?? -1;
      if (state < 0) {
        throw new Error(`Expanded entry ${expandedIndex} has a copy index but is not in states.`);
      }
      const y = geometry.marginTop + geometry.nodeHeight / 2 + (copy - 1) * geometry.rowGap;
      nodes.push({
        state,
        expandedIndex,
        sourcePosition: group.sourcePosition,
        copy,
        column,
        x,
        y,
      });
    }
    rows = Math.max(rows, group.count);
  }
  nodes.sort((a, b) => a.state - b.state);
  const width =
    geometry.marginLeft +
    Math.max(0, columns.length - 1) * geometry.columnGap +
    geometry.nodeWidth +
    arcBulge(Math.max(1, rows - 1)) +
    8;
  const height =
    geometry.marginTop +
    Math.max(0, rows - 1) * geometry.rowGap +
    geometry.nodeHeight +
    geometry.marginBottom;
  return { nodes, columns, rows, width, height };
}

export interface DagEdge {
  from: number;
  to: number;
  /** exp(links[from, to]). */
  prob: number;
  onPath: boolean;
}

/** Key of the edge from -> to among L states; used for sets of edges. */
export function edgeKey(from: number, to: number, stateCount: number): number {
  return from * stateCount + to;
}

/** Edges of consecutive states on the path. */
export function pathEdgeKeys(path: Int32Array, stateCount: number): Set<number> {
  const keys = new Set<number>();
  for (let i = 1; i < path.length; i++) {
    keys.add(edgeKey(path[i - 1] ?? 0, path[i] ?? 0, stateCount));
  }
  return keys;
}

/** Links are float32: exp(log 0.3) read back can be 0.29999998, which must still pass a 0.3
 *  threshold set on the slider. */
const THRESHOLD_TOLERANCE = 1e-6;

/** The edges to draw: every transition with probability >= threshold, plus the path's edges
 *  whatever their probability (the path is the answer the page explains, so it never vanishes).
 *  Sorted by probability with path edges last, so that the strongest lines are drawn on top. */
export function visibleEdges(
  links: Float32Array,
  stateCount: number,
  threshold: number,
  path: Int32Array,
): DagEdge[] {
  if (links.length !== stateCount * stateCount) {
    throw new Error(
      `links holds ${links.length} values, expected ${stateCount}² = ${stateCount * stateCount}.`,
    );
  }
  const onPath = pathEdgeKeys(path, stateCount);
  const edges: DagEdge[] = [];
  for (let from = 0; from < stateCount; from++) {
    for (let to = 0; to < stateCount; to++) {
      const key = edgeKey(from, to, stateCount);
      const prob = linkProbability(links[key] ?? -Infinity);
      const isPath = onPath.has(key);
      if (isPath || (prob > 0 && prob >= threshold - THRESHOLD_TOLERANCE))
        edges.push({ from, to, prob, onPath: isPath });
    }
  }
  return edges.sort((a, b) => Number(a.onPath) - Number(b.onPath) || a.prob - b.prob);
}

/** At most this many edges besides the path are drawn: a low threshold on a long sentence
 *  (L = 80 states: 3,160 edges) would otherwise cost about a second of painting per slider step
 *  on a CPU-rasterized page, for a drawing too dense to read anyway. */
export const MAX_DRAWN_EDGES = 500;

/** The path edges plus the `limit` most probable others, still weakest first and path last.
 *  `edges` must be sorted as visibleEdges returns them. */
export function strongestEdges(edges: DagEdge[], limit: number = MAX_DRAWN_EDGES): DagEdge[] {
  const others = edges.filter((e) => !e.onPath);
  if (others.length <= limit) return edges;
  const path = edges.filter((e) => e.onPath);
  return [...others.slice(others.length - limit), ...path];
}

/** True when the analysis has at least one finite transition (false for the MLM twin). */
export function hasTransitions(links: Float32Array): boolean {
  return links.some((logProb) => logProb > -Infinity);
}

/** How far right of its column an arc between copies `copyDistance` apart bulges, in pixels
 *  (its curve reaches about three quarters of that). */
export function arcBulge(copyDistance: number): number {
  return 28 + 14 * copyDistance;
}

/** SVG path of an edge. Between columns: a horizontal S-curve from the right side of the source
 *  node to the left side of the target. Within one column (copy i to a later copy j of the same
 *  token): an arc bulging to the right, wider for copies further apart, so it stays visible. */
export function edgePathData(from: DagNode, to: DagNode, geometry: DagGeometry): string {
  const half = geometry.nodeWidth / 2;
  if (from.column === to.column) {
    const x = from.x + half;
    const bulge = arcBulge(Math.abs(to.copy - from.copy));
    return `M${x},${from.y} C${x + bulge},${from.y} ${x + bulge},${to.y} ${x},${to.y}`;
  }
  const x1 = from.x + half;
  const x2 = to.x - half;
  const mid = (x1 + x2) / 2;
  return `M${x1},${from.y} C${mid},${from.y} ${mid},${to.y} ${x2},${to.y}`;
}
