// The structure view as one standalone SVG, for its export: the drawings (RDKit's, already safe
// markup) placed in rows, each with its lines of text under it, and a heading over each row. Every
// style is an attribute, so the file renders anywhere and the PNG export can draw it. Pure.
import { FIGURE_BACKGROUND, type SvgImage, xmlText } from '../common/exportImage';
import { FIGURE_BORDER, FIGURE_FONT, FIGURE_INK } from '../common/figureCaption';
import type { SafeSvg } from './safeSvg';

/** One drawing and the lines under it; `missing` is said in its place when there is no drawing. */
export interface FigureTile {
  svg: SafeSvg | null;
  width: number;
  height: number;
  lines: string[];
  missing?: string;
}

export interface FigureRow {
  heading: string;
  tiles: FigureTile[];
}

const MARGIN = 16;
const GAP = 16;
const HEADING_SIZE = 16;
const LINE_SIZE = 13;
const LINE_HEIGHT = 17;
/** Wide enough for a glyph of 13-px type on average: SMILES are mostly capitals and digits. */
const CHAR_WIDTH = 7.8;
/** The widest the figure runs before a row wraps. */
const MAX_WIDTH = 1100;

/** `text` cut into pieces of at most `width` pixels of 13-px type (SMILES have no spaces). */
export function hardWrap(text: string, width: number): string[] {
  const per = Math.max(4, Math.floor(width / CHAR_WIDTH));
  const out: string[] = [];
  for (const word of text.split(' ')) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= per) {
      out[out.length - 1] = `${last} ${word}`;
      continue;
    }
    for (let i = 0; i < word.length || i === 0; i += per) out.push(word.slice(i, i + per));
  }
  return out;
}

function text(x: number, y: number, content: string, size: number, weight = 'normal'): string {
  return (
    `<text x="${x}" y="${y}" font-family="${xmlText(FIGURE_FONT)}" font-size="${size}" font-weight="${weight}" ` +
    `fill="${FIGURE_INK}">${xmlText(content)}</text>`
  );
}

/** A tile's markup at (x, y) and its height. */
function tileMarkup(tile: FigureTile, x: number, y: number): { markup: string; height: number } {
  const parts = [
    `<rect x="${x}" y="${y}" width="${tile.width}" height="${tile.height}" fill="none" stroke="${FIGURE_BORDER}"/>`,
  ];
  if (tile.svg !== null) {
    parts.push(
      `<svg x="${x}" y="${y}" width="${tile.width}" height="${tile.height}" viewBox="${xmlText(tile.svg.viewBox)}">${tile.svg.body}</svg>`,
    );
  } else {
    hardWrap(tile.missing ?? 'No drawing', tile.width - 16).forEach((line, i) => {
      parts.push(text(x + 8, y + 24 + i * LINE_HEIGHT, line, LINE_SIZE));
    });
  }
  const lines = tile.lines.flatMap((line) => hardWrap(line, tile.width));
  lines.forEach((line, i) => {
    parts.push(text(x, y + tile.height + LINE_HEIGHT * (i + 1), line, LINE_SIZE));
  });
  return { markup: parts.join(''), height: tile.height + LINE_HEIGHT * lines.length + 4 };
}

/** The rows laid out top to bottom, each row's tiles left to right, wrapping at MAX_WIDTH. */
export function structureFigure(rows: readonly FigureRow[]): SvgImage {
  const parts: string[] = [];
  let y = MARGIN;
  let width = 0;
  for (const row of rows) {
    y += HEADING_SIZE;
    parts.push(text(MARGIN, y, row.heading, HEADING_SIZE, 'bold'));
    y += 8;
    let x = MARGIN;
    let rowHeight = 0;
    for (const tile of row.tiles) {
      if (x > MARGIN && x + tile.width > MAX_WIDTH) {
        x = MARGIN;
        y += rowHeight + GAP;
        rowHeight = 0;
      }
      const placed = tileMarkup(tile, x, y);
      parts.push(placed.markup);
      rowHeight = Math.max(rowHeight, placed.height);
      width = Math.max(width, x + tile.width);
      x += tile.width + GAP;
    }
    y += rowHeight + GAP;
  }
  const w = Math.ceil(Math.max(width, 200) + MARGIN);
  const h = Math.ceil(y);
  const markup =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<rect width="${w}" height="${h}" fill="${FIGURE_BACKGROUND}"/>${parts.join('')}</svg>`;
  return { markup, width: w, height: h };
}
