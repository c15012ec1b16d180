// The page's palette (src/app/app.css) against WCAG 2: every text colour at least 4.5:1 on each
// background it is used on, every line colour at least 3:1, with and without presentation mode's
// overrides; and the palette defined once: no colour literals in the views' CSS, text colours in
// CSS only from the checked text variables, and hex colours in the views' code only where a file is
// written for use without the page's CSS, and then only the palette's own values.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const APP_CSS = join(ROOT, 'src', 'app', 'app.css');
const VIEWS = join(ROOT, 'src', 'views');

/** Files that write a standalone image (no page CSS to read variables from): they may spell out
 *  palette colours. */
const STANDALONE_WRITERS = [
  'src/views/predictions/slotsFigure.ts',
  'src/views/common/exportImage.ts',
  'src/views/common/figureCaption.ts',
];

const MIN_TEXT = 4.5;
const MIN_LINE = 3;

// ---- WCAG contrast ------------------------------------------------------------------------------

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  ) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// ---- Reading the palette ------------------------------------------------------------------------

interface Declaration {
  value: string;
  kind: 'text' | 'line' | null;
  on: string[];
}

type Palette = Map<string, Declaration>;

/** The body of the rule whose selector is exactly `selector` (no nested braces in it). */
function ruleBody(css: string, selector: string): string {
  const start = css.indexOf(`\n${selector} {`);
  if (start < 0) throw new Error(`no "${selector}" rule in app.css`);
  const open = css.indexOf('{', start);
  return css.slice(open + 1, css.indexOf('}', open));
}

function readDeclarations(body: string): Palette {
  const out: Palette = new Map();
  const pattern = /(--[\w-]+)\s*:\s*([^;]+);[ \t]*(?:\/\*\s*(text|line) on:([^*]*)\*\/)?/g;
  for (const m of body.matchAll(pattern)) {
    const [, name = '', value = '', kind, on = ''] = m;
    out.set(name, {
      value: value.trim(),
      kind: kind === 'text' || kind === 'line' ? kind : null,
      on: on.split(/\s+/).filter((s) => s !== ''),
    });
  }
  return out;
}

const css = readFileSync(APP_CSS, 'utf8');
const ROOT_SELECTOR = ':root';
const PRESENTING_SELECTOR = ':root:has(.app--presenting)';
const base = readDeclarations(ruleBody(css, ROOT_SELECTOR));
const overrides = readDeclarations(ruleBody(css, PRESENTING_SELECTOR));
/** Presentation mode: the overrides' values, the base's annotations. */
const presenting: Palette = new Map(base);
for (const [name, d] of overrides) {
  const annotated = base.get(name);
  presenting.set(name, { ...d, kind: annotated?.kind ?? d.kind, on: annotated?.on ?? d.on });
}

function resolve(palette: Palette, name: string, seen: string[] = []): string {
  if (seen.includes(name)) throw new Error(`circular variables: ${[...seen, name].join(' -> ')}`);
  const d = palette.get(name);
  if (d === undefined) throw new Error(`${name} is not defined in :root`);
  const ref = /^var\((--[\w-]+)\)$/.exec(d.value);
  if (ref?.[1] !== undefined) return resolve(palette, ref[1], [...seen, name]);
  if (!/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(d.value)) {
    throw new Error(`${name}: "${d.value}" is neither a hex colour nor var(--…)`);
  }
  return d.value.toLowerCase();
}

function failures(palette: Palette, mode: string): string[] {
  const out: string[] = [];
  for (const [name, d] of palette) {
    if (d.kind === null) continue;
    const min = d.kind === 'text' ? MIN_TEXT : MIN_LINE;
    for (const bg of d.on) {
      const ratio = contrastRatio(resolve(palette, name), resolve(palette, bg));
      if (ratio < min) out.push(`${mode}: ${name} on ${bg} is ${ratio.toFixed(2)}:1 (< ${min})`);
    }
  }
  return out;
}

// ---- The CSS and code under the palette -----------------------------------------------------------

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, accept);
    return accept(entry.name) ? [path] : [];
  });
}

const rel = (path: string) => relative(ROOT, path).split('\\').join('/');
const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '');
const HEX = /#[0-9a-fA-F]{3,8}\b/g;

const viewCss = filesUnder(VIEWS, (n) => n.endsWith('.css'));
/** app.css without its two palette rules: the page's own rules. */
const appRules = stripComments(css)
  .replace(/(^|\n):root \{[^}]*\}/, '')
  .replace(/\n:root:has\(\.app--presenting\) \{[^}]*\}/, '');
const styleSheets: [string, string][] = [
  ['src/app/app.css (outside the palette)', appRules],
  ...viewCss.map((f): [string, string] => [rel(f), stripComments(readFileSync(f, 'utf8'))]),
];

/** Custom properties the views define for themselves (e.g. --inside-ink: var(--ink)). */
const aliases = new Map<string, string>();
for (const [, text] of styleSheets) {
  for (const m of text.matchAll(/(--[\w-]+)\s*:\s*var\((--[\w-]+)\)\s*;/g)) {
    if (m[1] !== undefined && m[2] !== undefined) aliases.set(m[1], m[2]);
  }
}

function paletteName(name: string, seen = 0): string {
  const next = aliases.get(name);
  return next === undefined || seen > 10 ? name : paletteName(next, seen + 1);
}

describe('WCAG contrast ratio', () => {
  it('matches known values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey with 4.5:1 on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
  });
});

describe('the palette in app.css', () => {
  it('names text and line colours with the backgrounds they are used on', () => {
    const text = [...base.values()].filter((d) => d.kind === 'text');
    const lines = [...base.values()].filter((d) => d.kind === 'line');
    expect(text.length).toBeGreaterThanOrEqual(8);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const [name, d] of base) {
      if (d.kind !== null) expect(d.on.length, `${name} names no background`).toBeGreaterThan(0);
    }
    expect(overrides.size).toBeGreaterThan(0);
  });

  it('gives every text colour 4.5:1 and every line 3:1 on its backgrounds', () => {
    expect(failures(base, 'page')).toEqual([]);
  });

  it('does so in presentation mode too, with darker text than the page', () => {
    expect(failures(presenting, 'presentation mode')).toEqual([]);
    for (const name of ['--ink', '--muted']) {
      expect(luminance(resolve(presenting, name))).toBeLessThan(luminance(resolve(base, name)));
    }
  });
});

describe('the palette is the one place colours are defined', () => {
  it('leaves no colour literal in the views’ CSS or the page’s own rules', () => {
    expect(viewCss.length).toBeGreaterThan(10);
    const found = styleSheets.flatMap(([file, text]) =>
      [...text.matchAll(HEX)].map((m) => `${file}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('sets text colours only from the checked text variables', () => {
    const wrong: string[] = [];
    for (const [file, text] of styleSheets) {
      for (const m of text.matchAll(/(?:^|[;{\s])color\s*:\s*([^;}]+)/g)) {
        const value = (m[1] ?? '').trim();
        if (/^(inherit|currentcolor|transparent)$/i.test(value)) continue;
        const ref = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
        const name = ref === undefined ? null : paletteName(ref);
        if (name === null || base.get(name)?.kind !== 'text')
          wrong.push(`${file}: color: ${value}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('uses only variables that exist', () => {
    const defined = new Set([...base.keys(), ...overrides.keys(), ...aliases.keys()]);
    for (const [, text] of styleSheets) {
      for (const m of text.matchAll(/(--[\w-]+)\s*:/g)) if (m[1] !== undefined) defined.add(m[1]);
    }
    const missing = styleSheets.flatMap(([file, text]) =>
      // var(--x, fallback) may name a variable set from code (clearSvg's --figure-width).
      [...text.matchAll(/var\((--[\w-]+)\)/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => !defined.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('keeps hex colours out of the views’ code but for standalone images, in palette values', () => {
    const colours = [...base].filter(([, d]) => /^(#|var\()/.test(d.value));
    const values = new Set(colours.map(([name]) => resolve(base, name)));
    const code = filesUnder(
      VIEWS,
      (n) => /\.tsx?$/.test(n) && !n.endsWith('.test.ts') && !n.endsWith('.testdata.ts'),
    );
    const wrong: string[] = [];
    for (const file of code) {
      const hexes = [...readFileSync(file, 'utf8').matchAll(/['"`=]\s*(#[0-9a-fA-F]{3,8})\b/g)];
      for (const m of hexes) {
        const hex = (m[1] ?? '').toLowerCase();
        if (!STANDALONE_WRITERS.includes(rel(file))) wrong.push(`${rel(file)}: ${hex}`);
        else if (!values.has(hex)) wrong.push(`${rel(file)}: ${hex} is not in the palette`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
