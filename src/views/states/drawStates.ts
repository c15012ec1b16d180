// D3 drawing of the expanded states into an <svg>: token boxes, one card per state, and the
// highlight classes for the hovered state. Called from StatesView's effects only.
import { select } from 'd3';
import type { BarScale } from '../../core/defaults';
import type { Analysis } from '../../model/types';
import { clearSvg } from '../common/clearSvg';
import { formatNats, formatPercent } from '../common/format';
import { entryName, formatPosition, maskNumbers, truncateLabel } from '../common/labels';
import type { PathRole } from '../common/pathRoles';
import { describePathRole } from '../common/pathRoles';
import { barWidth } from '../common/scales';
import type { StateCard, StatesGeometry, StatesLayout } from './statesLayout';

export interface StatesDrawing {
  analysis: Analysis;
  layout: StatesLayout;
  geometry: StatesGeometry;
  topN: number;
  roles: Map<number, PathRole>;
  /** Bars out of 100% ('absolute') or scaled to each card's top token ('relative'). */
  barScale: BarScale;
  /** Called with a state index on pointer enter or keyboard focus, null on leave or blur. */
  onHover: (state: number | null) => void;
}

const CARD_PADDING = 8;
/** Characters of a top token that fit beside its percentage on a card. */
const TOKEN_CHARS = 12;

/** A card's name: "mask 2 · copy 3" for a copy of the second [MASK], "[SEP] · copy 1". */
function cardName(card: StateCard, analysis: Pick<Analysis, 'masks'>) {
  const number = maskNumbers(analysis.masks).get(card.sourcePosition) ?? null;
  return entryName(card.token, number, card.copy, card.copies);
}

/** Everything a screen reader says about one state. */
export function describeState(
  card: StateCard,
  analysis: Analysis,
  role: PathRole | undefined,
): string {
  const label = cardName(card, analysis).full;
  const top = (analysis.stateTop[card.state] ?? [])
    .slice(0, 3)
    .map((t) => `${t.token} ${formatPercent(t.prob)}`)
    .join(', ');
  const entropy = formatNats(analysis.stateEntropy[card.state] ?? Number.NaN);
  const onPath = role ? `; on the best path, ${describePathRole(role)}` : '';
  return `State ${label} at position ${formatPosition(card.sourcePosition, card.copy)}: ${top}; entropy ${entropy}${onPath}`;
}

export function drawStates(svgElement: SVGSVGElement, drawing: StatesDrawing): void {
  const { analysis, layout, geometry, topN, roles, barScale, onHover } = drawing;
  const svg = clearSvg(svgElement, layout.width, layout.height);

  const tokens = svg
    .append('g')
    .attr('class', 'states-tokens')
    .selectAll('g')
    .data(layout.tokens)
    .join('g')
    .attr('class', 'states-token')
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  tokens
    .append('rect')
    .attr('width', (d) => d.width)
    .attr('height', geometry.tokenHeight)
    .attr('rx', 6);
  tokens
    .append('text')
    .attr('x', (d) => d.width / 2)
    .attr('y', geometry.tokenHeight / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'middle')
    .text((d) => d.token);

  const cards = svg
    .append('g')
    .attr('class', 'states-cards')
    .selectAll<SVGGElement, StateCard>('g')
    .data(layout.cards)
    .join('g')
    .attr('class', 'states-card')
    .classed('is-on-path', (d) => roles.has(d.state))
    .attr('data-state', (d) => d.state)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', (d) => describeState(d, analysis, roles.get(d.state)))
    .on('mouseenter focus', (_event, d) => onHover(d.state))
    .on('mouseleave blur', () => onHover(null));

  cards
    .append('rect')
    .attr('class', 'states-card__frame inside-focus-ring')
    .attr('width', geometry.cardWidth)
    .attr('height', layout.cardHeight)
    .attr('rx', 8);

  const header = cards
    .append('g')
    .attr('transform', `translate(${CARD_PADDING},${geometry.headerHeight - 8})`);
  header
    .append('text')
    .attr('class', 'states-card__token')
    .text((d) => cardName(d, analysis).full);
  header
    .append('text')
    .attr('class', 'states-card__position')
    .attr('x', geometry.cardWidth - 2 * CARD_PADDING)
    .attr('text-anchor', 'end')
    .text((d) => formatPosition(d.sourcePosition, d.copy));

  const fullBar = geometry.cardWidth - 2 * CARD_PADDING;
  const lines = cards
    .selectAll('g.states-card__line')
    .data((d) => {
      // Each line keeps its card's best probability: the full bar on the relative scale.
      const top = (analysis.stateTop[d.state] ?? []).slice(0, topN);
      return top.map((t) => ({ ...t, best: top[0]?.prob ?? 1 }));
    })
    .join('g')
    .attr('class', 'states-card__line')
    .attr(
      'transform',
      (_d, i) => `translate(${CARD_PADDING},${geometry.headerHeight + i * geometry.lineHeight})`,
    );
  lines
    .append('rect')
    .attr('class', 'states-card__bar')
    .attr('y', 2)
    .attr('height', geometry.lineHeight - 4)
    .attr('width', (t) => barWidth(t.prob, fullBar, barScale, t.best));
  lines
    .append('text')
    .attr('x', 4)
    .attr('y', geometry.lineHeight / 2)
    .attr('dy', '0.35em')
    .text((t) => truncateLabel(t.token, TOKEN_CHARS))
    .append('title')
    .text((t) => t.token);
  lines
    .append('text')
    .attr('class', 'states-card__prob')
    .attr('x', fullBar - 4)
    .attr('y', geometry.lineHeight / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((t) => formatPercent(t.prob));

  // The footer's first line holds the entropy, and the role beside it or on a second line.
  const footer = cards
    .append('g')
    .attr(
      'transform',
      `translate(${CARD_PADDING},${geometry.headerHeight + topN * geometry.lineHeight + 18})`,
    );
  footer
    .append('text')
    .attr('class', 'states-card__entropy')
    .text((d) => `H ${formatNats(analysis.stateEntropy[d.state] ?? Number.NaN)}`);
  footer
    .append('text')
    .attr('class', 'states-card__role')
    .attr('x', geometry.roleBelow ? 0 : geometry.cardWidth - 2 * CARD_PADDING)
    .attr('y', geometry.roleBelow ? 20 : 0)
    .attr('text-anchor', geometry.roleBelow ? 'start' : 'end')
    .text((d) => {
      const role = roles.get(d.state);
      return role ? describePathRole(role) : '';
    });
}

/** Marks the hovered state's card; cheap, so it runs on every hover change. */
export function highlightState(svgElement: SVGSVGElement, hoveredState: number | null): void {
  select(svgElement)
    .selectAll<SVGGElement, StateCard>('g.states-card')
    .classed('is-hovered', (d) => d.state === hoveredState);
}
