// Geometry of the expanded-states drawing: the sentence left to right, ordinary tokens as single
// boxes on the first row, and every [CLS]/[SEP]/[MASK] as a column of its k state cards, so the
// expansion reads as "this one token became these k states"; wrapped into lines where the panel is
// narrower than the sentence. Pure numbers, no DOM.
import type { Analysis } from '../../model/types';
import { groupExpandedPositions, stateIndexByExpanded } from '../common/expandedGroups';

export interface StatesGeometry {
  cardWidth: number;
  /** Height of a card's header line (token, copy, position). */
  headerHeight: number;
  /** Height of one top-token line. */
  lineHeight: number;
  /** Height of the entropy/role footer. */
  footerHeight: number;
  /** The path role ("fills slot 1") on a line of its own under the entropy, not beside it. */
  roleBelow: boolean;
  /** Gap between cards, columns and rows. */
  gap: number;
  tokenHeight: number;
  /** Average advance of one character of the token font, to size ordinary-token boxes. */
  charWidth: number;
  minTokenWidth: number;
  margin: number;
}

export const DEFAULT_STATES_GEOMETRY: StatesGeometry = {
  cardWidth: 172,
  headerHeight: 26,
  lineHeight: 22,
  footerHeight: 24,
  roleBelow: false,
  gap: 12,
  tokenHeight: 34,
  charWidth: 9,
  minTokenWidth: 44,
  margin: 8,
};

/** Presentation mode: the card's small print is as large as the rest (StatesView.css), so the
 *  entropy and the path role no longer share a line. */
export const PRESENTATION_STATES_GEOMETRY: StatesGeometry = {
  ...DEFAULT_STATES_GEOMETRY,
  footerHeight: 44,
  roleBelow: true,
};

export interface StateCard {
  state: number;
  expandedIndex: number;
  sourcePosition: number;
  copy: number;
  /** Copies of the same source token (k, or 1 for the MLM twin). */
  copies: number;
  token: string;
  /** Top-left corner. */
  x: number;
  y: number;
}

export interface TokenBox {
  sourcePosition: number;
  token: string;
  x: number;
  y: number;
  width: number;
}

export interface StatesLayout {
  cards: StateCard[];
  tokens: TokenBox[];
  cardHeight: number;
  /** Copies per expanded token (k; 1 for the MLM twin): the rows of cards. */
  rows: number;
  width: number;
  height: number;
}

/** Card height for `topN` token lines. */
export function cardHeight(topN: number, geometry: StatesGeometry): number {
  return geometry.headerHeight + topN * geometry.lineHeight + geometry.footerHeight + 8;
}

/** One item of the sentence, before it is placed: an ordinary token's box or a column of cards. */
type Item =
  | { kind: 'token'; sourcePosition: number; token: string; width: number }
  | {
      kind: 'states';
      sourcePosition: number;
      token: string;
      start: number;
      count: number;
      width: number;
    };

/** The items split into lines of at most `maxWidth` (an item wider than that gets a line alone). */
function breakLines(items: readonly Item[], maxWidth: number, geometry: StatesGeometry): Item[][] {
  const lines: Item[][] = [];
  let line: Item[] = [];
  let width = 2 * geometry.margin - geometry.gap;
  for (const item of items) {
    const next = width + geometry.gap + item.width;
    if (line.length > 0 && next > maxWidth) {
      lines.push(line);
      line = [];
      width = 2 * geometry.margin + item.width;
    } else {
      width = next;
    }
    line.push(item);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Lays the sentence out left to right, wrapped into lines no wider than `maxWidth` where the
 *  sentence is wider (a narrow screen, a projector's large type): each line as tall as its
 *  tallest column of cards, the lines `2 * gap` apart. */
export function layoutStates(
  analysis: Pick<Analysis, 'tokens' | 'expanded' | 'states'>,
  topN: number,
  geometry: StatesGeometry = DEFAULT_STATES_GEOMETRY,
  maxWidth = Number.POSITIVE_INFINITY,
): StatesLayout {
  const groups = groupExpandedPositions(analysis.expanded, analysis.tokens);
  const stateAt = stateIndexByExpanded(analysis.states, analysis.expanded.pos1.length);
  const height1 = cardHeight(topN, geometry);
  const items: Item[] = groups.map((group) =>
    group.isStates
      ? {
          kind: 'states',
          sourcePosition: group.sourcePosition,
          token: group.token,
          start: group.start,
          count: group.count,
          width: geometry.cardWidth,
        }
      : {
          kind: 'token',
          sourcePosition: group.sourcePosition,
          token: group.token,
          width: Math.max(geometry.minTokenWidth, group.token.length * geometry.charWidth + 20),
        },
  );
  const cards: StateCard[] = [];
  const tokens: TokenBox[] = [];
  let rows = 1;
  let width = 0;
  let top = geometry.margin;
  for (const line of breakLines(items, maxWidth, geometry)) {
    let x = geometry.margin;
    let lineRows = 1;
    for (const item of line) {
      if (item.kind === 'token') {
        // Centred on the line's first row of cards, so the sentence reads along one line.
        const y = top + (height1 - geometry.tokenHeight) / 2;
        tokens.push({
          sourcePosition: item.sourcePosition,
          token: item.token,
          x,
          y,
          width: item.width,
        });
      } else {
        for (let copy = 1; copy <= item.count; copy++) {
          const expandedIndex = item.start + copy - 1;
          const state = stateAt[expandedIndex] ?? -1;
          if (state < 0) {
            throw new Error(
              `Expanded entry ${expandedIndex} has a copy index but is not in states.`,
            );
          }
          cards.push({
            state,
            expandedIndex,
            sourcePosition: item.sourcePosition,
            copy,
            copies: item.count,
            token: item.token,
            x,
            y: top + (copy - 1) * (height1 + geometry.gap),
          });
        }
        lineRows = Math.max(lineRows, item.count);
      }
      x += item.width + geometry.gap;
    }
    rows = Math.max(rows, lineRows);
    width = Math.max(width, x - geometry.gap + geometry.margin);
    top += lineRows * height1 + (lineRows - 1) * geometry.gap + 2 * geometry.gap;
  }
  cards.sort((a, b) => a.state - b.state);
  return {
    cards,
    tokens,
    cardHeight: height1,
    rows,
    width,
    height: top - 2 * geometry.gap + geometry.margin,
  };
}
