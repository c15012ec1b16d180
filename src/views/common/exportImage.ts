// A view's figure as a file: SVG that renders on its own (no page CSS needed) and PNG at twice the
// size on screen. The page's SVGs are styled by class names and CSS variables, so the export copies
// each element with what the browser computed for it written as SVG presentation attributes
// (fill="…", font-size="…"): a copy, never the live drawing, and never a `style` attribute, which
// the page's Content-Security-Policy would refuse. A PNG is that SVG drawn onto a canvas through an
// <img> of a data: URL (img-src allows data:); the attention heatmap, a canvas already, is drawn
// directly, and its SVG embeds the canvas as a PNG image. Downloads go through a Blob and an object
// URL on an <a download>.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** A figure ready to save: standalone SVG markup and its size in CSS pixels. */
export interface SvgImage {
  markup: string;
  width: number;
  height: number;
}

/** What an exported figure is drawn on: the page's card colour, so it reads on slides too. */
export const FIGURE_BACKGROUND = '#ffffff';

/** Computed properties written on every copied element, as presentation attributes; the inherited
 *  ones only where they differ from the parent's, so the file stays small. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'paint-order',
] as const;
/** Not inherited: written where they are not their initial value. */
const OWN: Readonly<Record<string, string>> = { opacity: '1' };

/**
 * The presentation attributes to write on a copied element: every inherited property whose value
 * differs from the parent's (all of them on the root, which has no parent), and the others where
 * they are not their initial value. `own` and `parent` read computed values by property name.
 */
export function presentationAttributes(
  own: (property: string) => string,
  parent: ((property: string) => string) | null,
): [string, string][] {
  const out: [string, string][] = [];
  for (const property of INHERITED) {
    const value = own(property);
    if (value !== '' && (parent === null || parent(property) !== value))
      out.push([property, value]);
  }
  for (const [property, initial] of Object.entries(OWN)) {
    const value = own(property);
    if (value !== '' && value !== initial) out.push([property, value]);
  }
  return out;
}

/** Characters XML 1.0 does not allow (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone
 *  surrogates) become U+FFFD, so the file parses whatever the tokens hold. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, '\uFFFD');
}

/** Text and attribute values escaped for SVG markup. */
export function xmlText(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A data: URL of SVG markup, for an <img> (the policy allows data: images). */
export function svgDataUrl(markup: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
}

/** Largest canvas side browsers draw reliably, and the area cap under every browser's limit. */
const MAX_CANVAS_SIDE = 16384;
const MAX_CANVAS_AREA = 120_000_000;

/** The scale a PNG of a `width` x `height` figure is drawn at: `wanted` (2x), less when the canvas
 *  would pass what a browser can draw. */
export function pngScale(width: number, height: number, wanted = 2): number {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  return Math.min(
    wanted,
    MAX_CANVAS_SIDE / w,
    MAX_CANVAS_SIDE / h,
    Math.sqrt(MAX_CANVAS_AREA / (w * h)),
  );
}

// ---- In the browser ---------------------------------------------------------------------------

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const attr = (name: 'width' | 'height') => Number(svg.getAttribute(name));
  const width = attr('width') > 0 ? attr('width') : box.width;
  const height = attr('height') > 0 ? attr('height') : box.height;
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

/** A copy of `source` and its subtree in `doc`, computed styles written as attributes; elements
 *  that are not displayed are left out. */
function copyElement(source: Element, parentStyle: CSSStyleDeclaration | null): Element | null {
  const style = getComputedStyle(source);
  if (style.display === 'none') return null;
  const copy = document.createElementNS(SVG_NS, source.localName);
  for (const attribute of source.attributes) {
    const name = attribute.name;
    if (name === 'style' || name === 'tabindex' || name.startsWith('on')) continue;
    if (attribute.namespaceURI === null) copy.setAttribute(name, attribute.value);
    else copy.setAttributeNS(attribute.namespaceURI, name, attribute.value);
  }
  const attributes = presentationAttributes(
    (p) => style.getPropertyValue(p),
    parentStyle === null ? null : (p) => parentStyle.getPropertyValue(p),
  );
  for (const [name, value] of attributes) copy.setAttribute(name, value);
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) copy.append(child.textContent ?? '');
    else if (child instanceof Element) {
      const copied = copyElement(child, style);
      if (copied !== null) copy.append(copied);
    }
  }
  return copy;
}

function backgroundRect(width: number, height: number, fill: string): Element {
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', String(height));
  rect.setAttribute('fill', fill);
  return rect;
}

function serialize(root: Element): string {
  const markup = new XMLSerializer().serializeToString(root);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlSafe(markup)}\n`;
}

export interface StandaloneOptions {
  /** Painted behind the drawing; null for none (a layer drawn over something else). */
  background?: string | null;
  /** Called with the copy before it is written out, to add what the page draws elsewhere. */
  extend?: (copy: Element) => void;
}

/** The view's <svg> as standalone SVG markup: what the page shows, readable without its CSS. */
export function standaloneSvg(svg: SVGSVGElement, options: StandaloneOptions = {}): SvgImage {
  const { width, height } = sizeOf(svg);
  const copy = copyElement(svg, null) ?? document.createElementNS(SVG_NS, 'svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.removeAttribute('aria-hidden');
  options.extend?.(copy);
  const background = options.background === undefined ? FIGURE_BACKGROUND : options.background;
  if (background !== null) copy.prepend(backgroundRect(width, height, background));
  return { markup: serialize(copy), width, height };
}

/** Where `canvas` sits over `svg`, in the svg's own units. */
function canvasBox(svg: SVGSVGElement, canvas: HTMLCanvasElement) {
  const outer = svg.getBoundingClientRect();
  const inner = canvas.getBoundingClientRect();
  const { width } = sizeOf(svg);
  const unit = outer.width > 0 ? width / outer.width : 1;
  return {
    x: (inner.left - outer.left) * unit,
    y: (inner.top - outer.top) * unit,
    width: inner.width * unit,
    height: inner.height * unit,
  };
}

/** A canvas drawn under an SVG layer (the attention heatmap under its labels) as one SVG: the
 *  canvas becomes a PNG <image> beneath the layer's copy. */
export function canvasUnderSvg(svg: SVGSVGElement, canvas: HTMLCanvasElement): SvgImage {
  const box = canvasBox(svg, canvas);
  return standaloneSvg(svg, {
    extend: (copy) => {
      const image = document.createElementNS(SVG_NS, 'image');
      const data = canvas.toDataURL('image/png');
      image.setAttribute('href', data);
      image.setAttributeNS(XLINK_NS, 'xlink:href', data);
      image.setAttribute('x', String(box.x));
      image.setAttribute('y', String(box.y));
      image.setAttribute('width', String(box.width));
      image.setAttribute('height', String(box.height));
      image.setAttribute('preserveAspectRatio', 'none');
      image.setAttribute('image-rendering', 'pixelated');
      copy.prepend(image);
    },
  });
}

async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob === null ? reject(new Error('The browser made no PNG.')) : resolve(blob)),
      'image/png',
    );
  });
}

/** A PNG of a figure `width` x `height` CSS pixels, drawn by `paint` at 2x (less for a figure too
 *  big for a canvas) on the figure background. */
async function renderPng(
  width: number,
  height: number,
  paint: (context: CanvasRenderingContext2D) => Promise<void> | void,
): Promise<Blob> {
  const scale = pngScale(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('The browser gave no canvas to draw the PNG on.');
  context.scale(scale, scale);
  context.fillStyle = FIGURE_BACKGROUND;
  context.fillRect(0, 0, width, height);
  await paint(context);
  return canvasBlob(canvas);
}

/** An SVG figure as a PNG at 2x. */
export async function svgToPng(image: SvgImage): Promise<Blob> {
  const img = await loadImage(svgDataUrl(image.markup));
  return renderPng(image.width, image.height, (context) => {
    context.drawImage(img, 0, 0, image.width, image.height);
  });
}

/** The heatmap canvas with its SVG layer on top, as a PNG at 2x: the canvas is drawn directly
 *  (sharp cells, no smoothing), the layer over it, and `header` (the caption) above both when
 *  given. Should the layer not draw, the canvas alone. */
export async function canvasUnderSvgToPng(
  svg: SVGSVGElement,
  canvas: HTMLCanvasElement,
  header: SvgImage | null = null,
): Promise<Blob> {
  const box = canvasBox(svg, canvas);
  const layer = standaloneSvg(svg, { background: null });
  const above = header?.height ?? 0;
  try {
    const img = await loadImage(svgDataUrl(layer.markup));
    const headerImg = header === null ? null : await loadImage(svgDataUrl(header.markup));
    const width = Math.max(layer.width, header?.width ?? 0);
    return await renderPng(width, layer.height + above, (context) => {
      if (headerImg !== null && header !== null)
        context.drawImage(headerImg, 0, 0, header.width, header.height);
      context.translate(0, above);
      context.imageSmoothingEnabled = false;
      context.drawImage(canvas, box.x, box.y, box.width, box.height);
      context.drawImage(img, 0, 0, layer.width, layer.height);
    });
  } catch {
    return canvasBlob(canvas);
  }
}

/** Saves `blob` as `fileName` through a temporary object URL and <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start reading the file; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

export const svgBlob = (image: SvgImage): Blob =>
  new Blob([image.markup], { type: 'image/svg+xml;charset=utf-8' });
