// Geometry of the expanded-states drawing: the sentence left to right, ordinary tokens as single
// boxes on the first row, and every [CLS]/[SEP]/[MASK] as a column of its k state cards, so the
// expansion reads as "this one token became these k states". Pure numbers, no DOM.
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
  gap: 12,
  tokenHeight: 34,
  charWidth: 9,
  minTokenWidth: 44,
  margin: 8,
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

export function layoutStates(
  analysis: Pick<Analysis, 'tokens' | 'expanded' | 'states'>,
  topN: number,
  geometry: StatesGeometry = DEFAULT_STATES_GEOMETRY,
): StatesLayout {
  const groups = groupExpandedPositions(analysis.expanded, analysis.tokens);
  const stateAt = stateIndexByExpanded(analysis.states, analysis.expanded.pos1.length);
  const height1 = cardHeight(topN, geometry);
  const cards: StateCard[] = [];
  const tokens: TokenBox[] = [];
  let x = geometry.margin;
  let rows = 1;
  for (const group of groups) {
    if (!group.isStates) {
      const width = Math.max(geometry.minTokenWidth, group.token.length * geometry.charWidth + 20);
      // Centred on the first row of cards, so the sentence reads along one line.
      const y = geometry.margin + (height1 - geometry.tokenHeight) / 2;
      tokens.push({ sourcePosition: group.sourcePosition, token: group.token, x, y, width });
      x += width + geometry.gap;
      continue;
    }
    for (let copy = 1; copy <= group.count; copy++) {
      const expandedIndex = group.start + copy - 1;
      const state = stateAt[expandedIndex] ?? -1;
      if (state < 0) {
        throw new Error(`Expanded entry ${expandedIndex} has a copy index but is not in states.`);
      }
      const y = geometry.margin + (copy - 1) * (height1 + geometry.gap);
      cards.push({
        state,
        expandedIndex,
        sourcePosition: group.sourcePosition,
        copy,
        copies: group.count,
        token: group.token,
        x,
        y,
      });
    }
    rows = Math.max(rows, group.count);
    x += geometry.cardWidth + geometry.gap;
  }
  cards.sort((a, b) => a.state - b.state);
  return {
    cards,
    tokens,
    cardHeight: height1,
    rows,
    width: x - geometry.gap + geometry.margin,
    height: 2 * geometry.margin + rows * height1 + (rows - 1) * geometry.gap,
  };
}
