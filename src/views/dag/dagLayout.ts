// Geometry of the transition DAG: a line of states per source position that holds them ([CLS],
// each [MASK], [SEP]) with its copies side by side, and the edges between states. The lines run
// left to right as columns where they fit the panel at full size ('across'), and top to bottom as
// rows otherwise ('down'), so that no label is ever shrunk. Pure: the component only turns these
// numbers into SVG.
import type { Analysis } from '../../model/types';
import { groupExpandedPositions, stateIndexByExpanded } from '../common/expandedGroups';
import { maskNumbers, sourceTokenName } from '../common/labels';
import { linkProbability } from '../common/scales';

/** Which way the sentence runs: 'across', a column per [CLS], mask and [SEP] with its copies
 *  stacked in it and links from left to right; 'down', a row per token with its copies side by
 *  side and links from top to bottom (for panels too narrow for the columns). */
export type DagFlow = 'across' | 'down';

export interface DagGeometry {
  flow: DagFlow;
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal distance between the centres of two neighbouring nodes: of two tokens across, of
   *  two copies down. */
  columnGap: number;
  /** Vertical distance between the centres of two neighbouring nodes: of two copies across, of two
   *  tokens down. */
  rowGap: number;
  /** Space left of the first node: the copy labels across, the least room for the token labels
   *  down (layoutDag widens it to the longest). */
  marginLeft: number;
  /** Space above the first node: the path roles, and down the copy labels. */
  marginTop: number;
  /** Across: space under the last row for the token labels and the ordinary words between the
   *  columns. Down (where the arcs between copies take the room under the last row): 0. */
  marginBottom: number;
  /** Size of the drawing's text (the CSS sets the same, dagGeometry's callers keep them equal). */
  fontSize: number;
  /** Characters of a token that fit in a node. */
  nodeChars: number;
}

/** The geometry of each flow in one size of type. */
export interface DagStyle {
  across: DagGeometry;
  down: DagGeometry;
}

export const DEFAULT_DAG_STYLE: DagStyle = {
  across: {
    flow: 'across',
    nodeWidth: 104,
    nodeHeight: 44,
    columnGap: 168,
    rowGap: 72,
    marginLeft: 84,
    marginTop: 34,
    marginBottom: 64,
    fontSize: 15,
    nodeChars: 11,
  },
  down: {
    flow: 'down',
    nodeWidth: 104,
    nodeHeight: 44,
    columnGap: 136,
    rowGap: 96,
    marginLeft: 72,
    marginTop: 48,
    marginBottom: 0,
    fontSize: 15,
    nodeChars: 11,
  },
};

/** Presentation mode: 20-px type, drawn at its own size (not enlarged as a whole), in nodes only
 *  as wide as seven characters of it, so that a DAG of two masks still runs across an 800-px
 *  projector and one of more runs down it. */
export const PRESENTATION_DAG_STYLE: DagStyle = {
  across: {
    flow: 'across',
    nodeWidth: 96,
    nodeHeight: 56,
    columnGap: 176,
    rowGap: 84,
    marginLeft: 86,
    marginTop: 40,
    marginBottom: 84,
    fontSize: 20,
    nodeChars: 7,
  },
  down: {
    flow: 'down',
    nodeWidth: 96,
    nodeHeight: 56,
    columnGap: 136,
    rowGap: 116,
    marginLeft: 96,
    marginTop: 64,
    marginBottom: 0,
    fontSize: 20,
    nodeChars: 7,
  },
};

/** Average width of a character of the drawing's type, in ems: how much of the ordinary words
 *  fits between two columns or beside two rows. */
export const CHAR_EM = 0.53;

/** Width of a character of a token's label ("mask 2 @3", semibold: "m" and "@" are a full em
 *  wide), in ems, with some to spare. */
const LABEL_EM = 0.72;

/** Room between two columns' nodes for the edges, at the least (across). */
const MIN_EDGE_ROOM = 40;

/** Room between two copies side by side, at the least (down: no edge runs between them). */
const MIN_COPY_ROOM = 16;

/** Left of the labels in the left margin, and between them and the first node. */
const LABEL_PAD = 8;

/** What the layout reads of an analysis: its expansion, its states and which tokens are masks. */
export type DagInput = Pick<Analysis, 'tokens' | 'expanded' | 'states'> & {
  masks: readonly { position: number }[];
};

/** The geometry with the nodes drawn closer together where the DAG would be wider than
 *  `maxWidth`: across, the columns, down to a node's width plus room for the edges between them;
 *  down, the copies, down to a node's width plus a small gap (a DAG still wider is shrunk by the
 *  CSS to its panel). */
export function fitDagGeometry(
  analysis: DagInput,
  geometry: DagGeometry,
  maxWidth: number,
): DagGeometry {
  const natural = layoutDag(analysis, geometry);
  const gaps = (geometry.flow === 'across' ? natural.groups.length : natural.copies) - 1;
  if (natural.width <= maxWidth || gaps < 1) return geometry;
  const fixed = natural.width - gaps * geometry.columnGap;
  const fitting = Math.floor((maxWidth - fixed) / gaps);
  const room = geometry.flow === 'across' ? MIN_EDGE_ROOM : MIN_COPY_ROOM;
  const columnGap = Math.max(geometry.nodeWidth + room, fitting);
  return { ...geometry, columnGap };
}

/** The DAG laid out to `maxWidth`: across where its columns fit at full size, down where only its
 *  rows do; where neither fits (a panel narrower than four copies), the narrower, which the CSS
 *  shrinks the least. */
export function fitDag(
  analysis: DagInput,
  style: DagStyle,
  maxWidth: number,
): { geometry: DagGeometry; layout: DagLayout } {
  const across = fitDagGeometry(analysis, style.across, maxWidth);
  const acrossLayout = layoutDag(analysis, across);
  if (acrossLayout.width <= maxWidth) return { geometry: across, layout: acrossLayout };
  const down = fitDagGeometry(analysis, style.down, maxWidth);
  const downLayout = layoutDag(analysis, down);
  return downLayout.width < acrossLayout.width
    ? { geometry: down, layout: downLayout }
    : { geometry: across, layout: acrossLayout };
}

export interface DagNode {
  /** Index into analysis.states. */
  state: number;
  expandedIndex: number;
  sourcePosition: number;
  /** Copy index pos2 (1..k). */
  copy: number;
  /** Index into layout.groups. */
  group: number;
  /** Centre of the node. */
  x: number;
  y: number;
}

/** One source token that holds states, and its line of copies. */
export interface DagGroup {
  sourcePosition: number;
  token: string;
  /** What the drawing calls it: "mask 2 @3", "[SEP] @7". */
  label: string;
  /** Centre of its first copy's node. */
  x: number;
  y: number;
  /** Ordinary source tokens between the previous group and this one, as one string. */
  contextBefore: string;
}

export interface DagLayout {
  flow: DagFlow;
  nodes: DagNode[];
  groups: DagGroup[];
  /** Copies per group (k). */
  copies: number;
  /** The left margin as laid out (down: wide enough for the longest token label). */
  marginLeft: number;
  width: number;
  height: number;
}

/** The label of a group of states: the token, or "mask N" for a mask, and its source position. */
export function groupLabel(token: string, maskNumber: number | null, position: number): string {
  return `${sourceTokenName(token, maskNumber)} @${position}`;
}

export function layoutDag(
  analysis: DagInput,
  geometry: DagGeometry = DEFAULT_DAG_STYLE.across,
): DagLayout {
  const groups = groupExpandedPositions(analysis.expanded, analysis.tokens);
  const stateAt = stateIndexByExpanded(analysis.states, analysis.expanded.pos1.length);
  const numbers = maskNumbers(analysis.masks);
  const stateGroups = groups.filter((g) => g.isStates);
  const labels = stateGroups.map((g) =>
    groupLabel(g.token, numbers.get(g.sourcePosition) ?? null, g.sourcePosition),
  );
  const down = geometry.flow === 'down';
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const marginLeft = down
    ? Math.max(
        geometry.marginLeft,
        Math.ceil(longest * LABEL_EM * geometry.fontSize) + 2 * LABEL_PAD,
      )
    : geometry.marginLeft;
  const firstX = marginLeft + geometry.nodeWidth / 2;
  const firstY = geometry.marginTop + geometry.nodeHeight / 2;
  // Across, a group advances by a column and a copy by a row; down, the other way round.
  const groupStep = down ? { x: 0, y: geometry.rowGap } : { x: geometry.columnGap, y: 0 };
  const copyStep = down ? { x: geometry.columnGap, y: 0 } : { x: 0, y: geometry.rowGap };

  const nodes: DagNode[] = [];
  const placed: DagGroup[] = [];
  let context: string[] = [];
  let copies = 0;
  for (const group of groups) {
    if (!group.isStates) {
      context.push(group.token);
      continue;
    }
    const index = placed.length;
    const x = firstX + index * groupStep.x;
    const y = firstY + index * groupStep.y;
    placed.push({
      sourcePosition: group.sourcePosition,
      token: group.token,
      label: labels[index] ?? group.token,
      x,
      y,
      contextBefore: context.join(' '),
    });
    context = [];
    for (let copy = 1; copy <= group.count; copy++) {
      const expandedIndex = group.start + copy - 1;
      const state = stateAt[expandedIndex] ?? -1;
      if (state < 0) {
        throw new Error(`Expanded entry ${expandedIndex} has a copy index but is not in states.`);
      }
      nodes.push({
        state,
        expandedIndex,
        sourcePosition: group.sourcePosition,
        copy,
        group: index,
        x: x + (copy - 1) * copyStep.x,
        y: y + (copy - 1) * copyStep.y,
      });
    }
    copies = Math.max(copies, group.count);
  }
  nodes.sort((a, b) => a.state - b.state);
  // The arcs between copies of one token bulge past the last group: right across, down below.
  const arcRoom = arcBulge(Math.max(1, copies - 1)) + 8;
  const lines = Math.max(0, placed.length - 1);
  const steps = Math.max(0, copies - 1);
  const width = down
    ? marginLeft + steps * geometry.columnGap + geometry.nodeWidth + 8
    : marginLeft + lines * geometry.columnGap + geometry.nodeWidth + arcRoom;
  const height = down
    ? geometry.marginTop + lines * geometry.rowGap + geometry.nodeHeight + arcRoom
    : geometry.marginTop + steps * geometry.rowGap + geometry.nodeHeight + geometry.marginBottom;
  return { flow: geometry.flow, nodes, groups: placed, copies, marginLeft, width, height };
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

/** SVG path of an edge. Between groups: an S-curve from the side of the source node that faces
 *  the later groups (right across, bottom down) to the facing side of the target. Within one group
 *  (copy i to a later copy j of the same token): an arc bulging the same way, wider for copies
 *  further apart, so it stays visible. */
export function edgePathData(from: DagNode, to: DagNode, geometry: DagGeometry): string {
  if (geometry.flow === 'down') {
    const half = geometry.nodeHeight / 2;
    if (from.group === to.group) {
      const y = from.y + half;
      const bulge = arcBulge(Math.abs(to.copy - from.copy));
      return `M${from.x},${y} C${from.x},${y + bulge} ${to.x},${y + bulge} ${to.x},${y}`;
    }
    const y1 = from.y + half;
    const y2 = to.y - half;
    const mid = (y1 + y2) / 2;
    return `M${from.x},${y1} C${from.x},${mid} ${to.x},${mid} ${to.x},${y2}`;
  }
  const half = geometry.nodeWidth / 2;
  if (from.group === to.group) {
    const x = from.x + half;
    const bulge = arcBulge(Math.abs(to.copy - from.copy));
    return `M${x},${from.y} C${x + bulge},${from.y} ${x + bulge},${to.y} ${x},${to.y}`;
  }
  const x1 = from.x + half;
  const x2 = to.x - half;
  const mid = (x1 + x2) / 2;
  return `M${x1},${from.y} C${mid},${from.y} ${mid},${to.y} ${x2},${to.y}`;
}
