// The predictions and compare views are HTML (cards of bars); their SVG export is drawn here from
// the same numbers instead: per model a column with its fill and, per mask, the top-k candidates
// with probability bars (on the page's bar scale) and the entropy. Pure: a string of SVG markup
// with its size, so the layout is pinned by unit tests and the file needs no page CSS.
import type { BarScale } from '../../core/defaults';
import type { InputMode } from '../../core/inputMode';
import type { Analysis } from '../../model/types';
import { type SvgImage, FIGURE_BACKGROUND, xmlText } from '../common/exportImage';
import { FIGURE_FONT } from '../common/figureCaption';
import { truncateLabel } from '../common/labels';
import { barFraction } from '../common/scales';
import { formatNats, formatPercent } from '../common/format';
import { noMasksFigureLine } from './noMasks';

export interface SlotsFigureColumn {
  /** "ExLM" or "MLM". */
  title: string;
  analysis: Pick<Analysis, 'model' | 'masks' | 'fill'>;
}

export interface SlotsFigureOptions {
  /** The figure's title: the view's. */
  heading: string;
  columns: readonly SlotsFigureColumn[];
  /** Per mask, left to right: the word that was masked, or null when unknown or hidden. */
  hiddenWords: readonly (string | null)[];
  topK: number;
  barScale: BarScale;
  /** The model's domain: an input without masks is a sentence or a molecule. */
  domain: InputMode;
  /** A line under the columns (the twin's state, when Compare has no twin result). */
  note?: string | null;
}

/** Sizes in CSS pixels: the page's own (15-16 px text, a projector's minimum). */
export const SLOTS_GEOMETRY = {
  margin: 16,
  columnWidth: 380,
  columnGap: 24,
  headingHeight: 34,
  titleHeight: 26,
  fillHeight: 24,
  cardHead: 26,
  rowHeight: 22,
  cardGap: 12,
  cardPadding: 10,
  tokenWidth: 120,
  barWidth: 160,
  barHeight: 12,
  tokenChars: 14,
} as const;

const INK = '#222222';
const MUTED = '#5f6368';
const BORDER = '#c8ccd2';
const ACCENT = '#0072b2';
const TRACK = '#e4e8ee';

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}"${attributes}>${xmlText(content)}</text>`;
}

function cardHeight(topK: number, rows: number): number {
  const g = SLOTS_GEOMETRY;
  return g.cardPadding * 2 + g.cardHead + Math.min(topK, rows) * g.rowHeight;
}

/** The column of one model; returns its markup and height. */
function column(
  x: number,
  y0: number,
  { title, analysis }: SlotsFigureColumn,
  options: SlotsFigureOptions,
): { markup: string; height: number } {
  const g = SLOTS_GEOMETRY;
  const parts: string[] = [];
  let y = y0;
  parts.push(text(x, y + 18, `${title} ${analysis.model}`, ' font-size="16" font-weight="600"'));
  y += g.titleHeight;
  if (analysis.masks.length === 0) {
    parts.push(text(x, y + 16, noMasksFigureLine(options.domain), ` fill="${MUTED}"`));
    return { markup: parts.join(''), height: y + g.fillHeight - y0 };
  }
  parts.push(text(x, y + 16, `Fill: ${analysis.fill.text}`));
  y += g.fillHeight + 4;
  analysis.masks.forEach((slot, i) => {
    const top = slot.top.slice(0, Math.max(0, options.topK));
    const height = cardHeight(options.topK, top.length);
    const hidden = options.hiddenWords[i] ?? null;
    parts.push(
      `<rect x="${x}" y="${y}" width="${g.columnWidth}" height="${height}" rx="8" fill="#ffffff" stroke="${BORDER}"/>`,
    );
    const inner = x + g.cardPadding;
    const head = y + g.cardPadding + 16;
    parts.push(text(inner, head, `Mask ${i + 1}`, ' font-weight="600"'));
    if (hidden !== null)
      parts.push(text(inner + 72, head, `was “${truncateLabel(hidden, 20)}”`, ` fill="${MUTED}"`));
    parts.push(
      text(
        x + g.columnWidth - g.cardPadding,
        head,
        `entropy ${formatNats(slot.entropy)}`,
        ` fill="${MUTED}" text-anchor="end"`,
      ),
    );
    const best = top[0]?.prob ?? 0;
    top.forEach((candidate, rank) => {
      const rowY = y + g.cardPadding + g.cardHead + rank * g.rowHeight;
      const barX = inner + g.tokenWidth;
      const barY = rowY + (g.rowHeight - g.barHeight) / 2;
      const fill = g.barWidth * barFraction(candidate.prob, options.barScale, best);
      parts.push(
        text(inner, rowY + 16, truncateLabel(candidate.token, g.tokenChars), ' font-weight="600"'),
        `<rect x="${barX}" y="${barY}" width="${g.barWidth}" height="${g.barHeight}" rx="3" fill="${TRACK}"/>`,
        `<rect x="${barX}" y="${barY}" width="${fill.toFixed(2)}" height="${g.barHeight}" rx="3" fill="${ACCENT}"/>`,
        text(
          x + g.columnWidth - g.cardPadding,
          rowY + 16,
          formatPercent(candidate.prob),
          ' text-anchor="end"',
        ),
      );
    });
    y += height + g.cardGap;
  });
  return { markup: parts.join(''), height: y - y0 };
}

/** The predictions (one column) or the comparison (two) as a standalone SVG figure. */
export function slotsFigure(options: SlotsFigureOptions): SvgImage {
  const g = SLOTS_GEOMETRY;
  const columns = options.columns.map((c, i) =>
    column(g.margin + i * (g.columnWidth + g.columnGap), g.margin + g.headingHeight, c, options),
  );
  const n = Math.max(1, options.columns.length);
  const width = g.margin * 2 + n * g.columnWidth + (n - 1) * g.columnGap;
  let height = g.margin + g.headingHeight + Math.max(0, ...columns.map((c) => c.height));
  const note =
    options.note === undefined || options.note === null
      ? ''
      : text(g.margin, height + 18, options.note, ` fill="${MUTED}"`);
  if (note !== '') height += g.fillHeight;
  height += g.margin;
  const scaleNote =
    options.barScale === 'absolute'
      ? 'bars: probability out of 100%'
      : 'bars: scaled to the top guess';
  const markup = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlText(FIGURE_FONT)}" font-size="15" fill="${INK}">`,
    `<rect width="${width}" height="${height}" fill="${FIGURE_BACKGROUND}"/>`,
    text(g.margin, g.margin + 20, options.heading, ' font-size="18" font-weight="700"'),
    text(
      width - g.margin,
      g.margin + 20,
      scaleNote,
      ` fill="${MUTED}" text-anchor="end" font-size="13"`,
    ),
    ...columns.map((c) => c.markup),
    note,
    '</svg>',
    '',
  ].join('\n');
  return { markup, width, height };
}
