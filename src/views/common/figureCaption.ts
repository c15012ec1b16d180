// The caption an exported figure carries above the drawing: its title, the sentence, the model,
// the view's settings and, where the view colours by value (the attention heatmap), the colour
// scale with its end values. Built as SVG markup from plain strings, so it is the same in the SVG
// and the PNG and is pinned by unit tests without a browser.
import { type SvgImage, xmlText } from './exportImage';

/** A colour ramp from 0 to `max`: `colour(t)` for t in [0, 1] of the way. */
export interface CaptionScale {
  max: string;
  colour: (t: number) => string;
  /** What the scale measures ("attention weight, relative to the largest on this map"). */
  label: string;
}

export interface FigureCaption {
  title: string;
  lines: readonly string[];
  scale?: CaptionScale;
}

/** Palette colours (app.css), spelled out: a standalone image has no page CSS to read. */
export const FIGURE_INK = '#222222';
const MUTED = '#5f6368';
export const FIGURE_BORDER = '#c8ccd2';
/** The type of every exported figure's text (a CSS font-family list; escape it for markup). */
export const FIGURE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_SIZE = 13;
const LINE = 18;
const PAD = 12;
/** Average advance of a character at FONT_SIZE, generous, to size the caption's width. */
const CHAR_WIDTH = 7.2;
/** Longest caption line before it wraps, in characters. */
const WRAP = 96;
const RAMP_WIDTH = 180;
const RAMP_HEIGHT = 12;
const RAMP_STOPS = 11;

/** Splits `text` into lines of at most `width` characters at spaces (a longer word stays whole). */
export function wrapLine(text: string, width = WRAP): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

export interface CaptionMarkup {
  /** SVG elements (no root), drawn from (0, 0). */
  markup: string;
  width: number;
  height: number;
}

/** The caption's elements and the room they take. */
export function captionMarkup(caption: FigureCaption): CaptionMarkup {
  const lines = caption.lines.flatMap((l) => wrapLine(l));
  const parts: string[] = [];
  let y = PAD + FONT_SIZE;
  parts.push(
    `<text x="${PAD}" y="${y}" font-weight="700" font-size="${FONT_SIZE + 2}">${xmlText(caption.title)}</text>`,
  );
  for (const line of lines) {
    y += LINE;
    parts.push(`<text x="${PAD}" y="${y}">${xmlText(line)}</text>`);
  }
  let widest = Math.max(caption.title.length + 2, ...lines.map((l) => l.length)) * CHAR_WIDTH;
  const { scale } = caption;
  if (scale !== undefined) {
    const top = y + 10;
    const stops = Array.from({ length: RAMP_STOPS }, (_, i) => {
      const t = i / (RAMP_STOPS - 1);
      return `<stop offset="${t}" stop-color="${xmlText(scale.colour(t))}"/>`;
    }).join('');
    const rampX = PAD + 2 * CHAR_WIDTH;
    const text = `${scale.max} · ${scale.label}`;
    parts.push(
      `<defs><linearGradient id="exlm-caption-scale" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`,
      `<text x="${PAD}" y="${top + RAMP_HEIGHT - 1}">0</text>`,
      `<rect x="${rampX}" y="${top}" width="${RAMP_WIDTH}" height="${RAMP_HEIGHT}" fill="url(#exlm-caption-scale)" stroke="${MUTED}" stroke-width="0.5"/>`,
      `<text x="${rampX + RAMP_WIDTH + 6}" y="${top + RAMP_HEIGHT - 1}">${xmlText(text)}</text>`,
    );
    y = top + RAMP_HEIGHT;
    widest = Math.max(widest, rampX + RAMP_WIDTH + 6 + text.length * CHAR_WIDTH - PAD);
  }
  const height = Math.ceil(y + PAD);
  const markup =
    `<g class="exlm-caption" font-family="${xmlText(FIGURE_FONT)}" font-size="${FONT_SIZE}" fill="${FIGURE_INK}">` +
    `${parts.join('')}<line x1="${PAD}" x2="${Math.ceil(widest + PAD)}" y1="${height - 1}" y2="${height - 1}" stroke="${FIGURE_BORDER}"/></g>`;
  return { markup, width: Math.ceil(widest + 2 * PAD), height };
}

/** A standalone SVG of the caption alone, `width` wide (at least its own width). */
export function captionSvg(caption: FigureCaption, width: number, background: string): SvgImage {
  const c = captionMarkup(caption);
  const w = Math.max(width, c.width);
  return {
    markup:
      `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${c.height}" viewBox="0 0 ${w} ${c.height}">` +
      `<rect width="${w}" height="${c.height}" fill="${background}"/>${c.markup}</svg>\n`,
    width: w,
    height: c.height,
  };
}

/** `image` under its caption, as one SVG: the figure's own <svg> nested below the caption. */
export function withCaption(
  image: SvgImage,
  caption: FigureCaption,
  background: string,
): SvgImage & { captionHeight: number } {
  const c = captionMarkup(caption);
  const width = Math.max(image.width, c.width);
  const height = image.height + c.height;
  const inner = image.markup
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .trim()
    .replace(/^<svg\b/, `<svg x="0" y="${c.height}"`);
  return {
    markup:
      `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<rect width="${width}" height="${height}" fill="${background}"/>${c.markup}${inner}</svg>\n`,
    width,
    height,
    captionHeight: c.height,
  };
}
