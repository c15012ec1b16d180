// RDKit's SVG drawings made fit for the page. RDKit styles every element with a `style` attribute,
// which the page's Content-Security-Policy refuses (style-src 'self', no 'unsafe-inline'): the
// bonds would lose their colour and width. So each drawing is rebuilt here from RDKit's markup:
// only the drawing elements RDKit writes (path, ellipse, rect, ...) and their geometry are kept,
// each `style` declaration becomes a presentation attribute (fill="...", which no policy governs),
// values are escaped, and anything else (scripts, event handlers, links, unknown elements,
// RDKit's metadata) is dropped. The result is markup for the inside of an <svg>, safe to set as
// innerHTML, and the same markup makes the exported figure. Pure: strings in, strings out.

/** A drawing ready to place: its size in CSS pixels, viewBox and inner markup. */
export interface SafeSvg {
  width: number;
  height: number;
  viewBox: string;
  body: string;
}

const ELEMENTS = new Set([
  'g',
  'path',
  'ellipse',
  'circle',
  'rect',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
]);

const GEOMETRY = new Set([
  'd',
  'cx',
  'cy',
  'rx',
  'ry',
  'r',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'dx',
  'dy',
  'width',
  'height',
  'points',
  'transform',
]);

/** Presentation properties, allowed as attributes and as declarations of a `style`. */
const PRESENTATION = new Set([
  'fill',
  'fill-rule',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
]);

/** A value may name colours, numbers, lengths and keywords; never a URL or markup. */
const SAFE_VALUE = /^[#\w\s.,%()+-]*$/;

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:'[^']*'|"[^"]*"))*)\s*(\/?)>|([^<]+)/gy;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function attributesOf(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    out.set(match[1] ?? '', decode(match[2] ?? match[3] ?? ''));
  }
  return out;
}

/** The attributes kept on a drawing element, `style` turned into presentation attributes. */
function keptAttributes(attributes: ReadonlyMap<string, string>): [string, string][] {
  const kept = new Map<string, string>();
  for (const [name, value] of attributes) {
    if (name === 'style') {
      for (const declaration of value.split(';')) {
        const colon = declaration.indexOf(':');
        if (colon < 0) continue;
        const property = declaration.slice(0, colon).trim().toLowerCase();
        const propertyValue = declaration.slice(colon + 1).trim();
        // A style declaration outranks the attribute of the same name, as in CSS.
        if (PRESENTATION.has(property) && SAFE_VALUE.test(propertyValue))
          kept.set(property, propertyValue);
      }
    } else if (name === 'class') {
      // RDKit's classes (atom-3, bond-2, legend), prefixed so that no page style reaches them.
      const classes = value.split(/\s+/).filter((c) => /^[\w-]+$/.test(c));
      if (classes.length > 0) kept.set(name, classes.map((c) => `rdkit-${c}`).join(' '));
    } else if ((GEOMETRY.has(name) || PRESENTATION.has(name)) && !kept.has(name)) {
      if (name === 'd' || name === 'points' || SAFE_VALUE.test(value)) kept.set(name, value);
    }
  }
  return [...kept];
}

function openTag(name: string, attributes: readonly [string, string][], selfClosing: boolean) {
  const attrs = attributes.map(([key, value]) => ` ${key}="${escape(value)}"`).join('');
  return `<${name}${attrs}${selfClosing ? '/>' : '>'}`;
}

/** A length attribute ("300px", "300") in pixels, or NaN. */
function pixels(value: string | undefined): number {
  const match = /^\s*([0-9.]+)(px)?\s*$/.exec(value ?? '');
  return match === null ? Number.NaN : Number(match[1]);
}

/** Whether a rect covers the whole drawing: RDKit's background, left out so the card shows. */
function isBackground(attributes: ReadonlyMap<string, string>, width: number, height: number) {
  const at = (name: string) => pixels(attributes.get(name) ?? '0');
  return at('x') === 0 && at('y') === 0 && at('width') >= width && at('height') >= height;
}

export class SvgMarkupError extends Error {}

/** RDKit's SVG document as safe inner markup with its size. Throws SvgMarkupError on markup it
 *  cannot read (RDKit writes none). */
export function safeSvg(markup: string): SafeSvg {
  let width = Number.NaN;
  let height = Number.NaN;
  let viewBox = '';
  const out: string[] = [];
  /** Open elements: the name and whether it is kept (a dropped element drops its subtree). */
  const open: { name: string; kept: boolean }[] = [];
  let sawRoot = false;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < markup.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(markup);
    if (match === null) throw new SvgMarkupError(`unreadable SVG markup at character ${at}`);
    const [, closing, name, attributeSource, selfClosing, text] = match;
    const inKept = open.every((element) => element.kept);
    if (closing !== undefined) {
      const element = open.pop();
      if (element === undefined || element.name !== closing)
        throw new SvgMarkupError(`</${closing}> closes no <${closing}>`);
      if (element.kept && open.length > 0) out.push(`</${closing}>`);
    } else if (name !== undefined) {
      const attributes = attributesOf(attributeSource ?? '');
      const isSelfClosing = selfClosing === '/';
      if (!sawRoot) {
        if (name !== 'svg')
          throw new SvgMarkupError(`the drawing starts with <${name}>, not <svg>`);
        sawRoot = true;
        width = pixels(attributes.get('width'));
        height = pixels(attributes.get('height'));
        viewBox = attributes.get('viewBox') ?? `0 0 ${width} ${height}`;
        if (!/^[\d.\s-]+$/.test(viewBox)) throw new SvgMarkupError(`odd viewBox "${viewBox}"`);
        if (!isSelfClosing) open.push({ name, kept: true });
        continue;
      }
      const kept =
        inKept &&
        ELEMENTS.has(name) &&
        !(name === 'rect' && out.length === 0 && isBackground(attributes, width, height));
      if (kept) out.push(openTag(name, keptAttributes(attributes), isSelfClosing));
      if (!isSelfClosing) open.push({ name, kept });
    } else if (text !== undefined) {
      const parent = open[open.length - 1];
      if (inKept && parent !== undefined && (parent.name === 'text' || parent.name === 'tspan'))
        out.push(escape(decode(text)));
    }
  }
  if (!sawRoot) throw new SvgMarkupError('no <svg> element');
  if (open.length > 0) throw new SvgMarkupError(`<${open[open.length - 1]?.name}> is not closed`);
  if (!(width > 0) || !(height > 0)) throw new SvgMarkupError('the drawing has no size');
  return { width, height, viewBox, body: out.join('') };
}
