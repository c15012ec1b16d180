// The view's drawings and its export figure on RDKit in Node: a candidate that breaks the molecule
// is marked not valid with its reason, the others are drawn with their slot highlighted.
import initRDKitModule from '@rdkit/rdkit';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Rdkit } from './chemistry';
import { LARGE, SMALL, SMALL_PRESENTING, drawContent } from './drawContent';
import { structureContent } from './structureContent';
import { structureExport } from './structureExport';

let rdkit: Rdkit;

/** The export figure's own lines of text, top to bottom (RDKit's drawings left out). */
function textLines(markup: string): string[] {
  const own = markup.replace(/<svg x="[^"]*"[^>]*>[\s\S]*?<\/svg>/g, '');
  return [...own.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
  );
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const intersects = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, b: Box) => a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;

/** No two drawings' boxes and no two lines of text overlap, and no text runs into a drawing's box
 *  unless it is the reason written inside it. A line's extent is estimated generously: 0.6 em a
 *  character, from its cap height to its descenders. */
function expectNoOverlap(markup: string): void {
  const own = markup.replace(/<svg x="[^"]*"[^>]*>[\s\S]*?<\/svg>/g, '');
  const tiles: Box[] = [
    ...own.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none"/g,
    ),
  ].map(([, x, y, w, h]) => ({ x0: +x!, y0: +y!, x1: +x! + +w!, y1: +y! + +h! }));
  const texts = [
    ...own.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]* font-size="(\d+)"[^>]*>([^<]*)<\/text>/g),
  ].map(([, x, y, size, content]) => ({
    content,
    box: {
      x0: +x!,
      y0: +y! - +size!,
      x1: +x! + (content ?? '').length * 0.6 * +size!,
      y1: +y! + 0.25 * +size!,
    },
  }));
  expect(tiles.length).toBeGreaterThan(0);
  expect(texts.length).toBeGreaterThan(0);
  tiles.forEach((a, i) => tiles.slice(i + 1).forEach((b) => expect(intersects(a, b)).toBe(false)));
  texts.forEach((a, i) =>
    texts.slice(i + 1).forEach((b) => {
      if (intersects(a.box, b.box)) expect.fail(`"${a.content}" runs into "${b.content}"`);
    }),
  );
  for (const { content, box } of texts) {
    for (const tile of tiles) {
      if (intersects(box, tile) && !inside(box, tile))
        expect.fail(`"${content}" runs into a drawing`);
    }
  }
}

beforeAll(async () => {
  rdkit = await initRDKitModule();
});

// Aspirin with its last O masked (token 20, atom 12).
const ASPIRIN = 'C C ( = O ) O c 1 c c c c c 1 C ( = O ) O'.split(' ');
const ANALYSIS = {
  masks: [
    {
      top: [
        { id: 1, token: 'O', prob: 0.7 },
        { id: 2, token: '1', prob: 0.2 },
        { id: 3, token: 'N', prob: 0.1 },
      ],
    },
  ],
  fill: { tokens: ['O'] },
};

describe('drawContent', () => {
  const content = structureContent(ASPIRIN, [20], ANALYSIS);

  it('checks and draws the original, the fill and every candidate', () => {
    const drawn = drawContent(rdkit, content, false);
    expect(drawn.original?.verdict).toEqual({ valid: true });
    expect(drawn.fill?.verdict).toEqual({ valid: true });
    const verdicts = drawn.candidates[0]?.map((d) => d.verdict);
    expect(verdicts).toEqual([
      { valid: true },
      { valid: false, reason: expect.stringMatching(/^ring not closed/) },
      { valid: true },
    ]);
    expect(drawn.candidates[0]?.[1]?.svg).toBeNull();
    expect(drawn.candidates[0]?.[2]?.svg?.width).toBe(SMALL.width);
    expect(drawn.original?.svg?.body).toMatch(/<ellipse [^>]*class="rdkit-atom-12"/);
  });

  it('draws candidates with larger atom labels for a projector', () => {
    const normal = drawContent(rdkit, content, false).candidates[0]?.[0]?.svg?.body ?? '';
    const presenting = drawContent(rdkit, content, true).candidates[0]?.[0]?.svg?.body ?? '';
    expect(SMALL_PRESENTING.minFontSize).toBeGreaterThan(SMALL.minFontSize);
    expect(presenting).not.toBe(normal);
  });
});

describe('the best valid fill', () => {
  // Aspirin with its ring's closing digit masked (token 14): "1" closes the ring, "O" and "N"
  // leave it open.
  const withFills = (tokens: string[], scores: number[]) =>
    structureContent(ASPIRIN, [14], {
      ...ANALYSIS,
      fill: { tokens: [tokens[0]!] },
      bestFills: tokens.map((token, i) => ({ tokens: [token], score: scores[i]! })),
    });

  it('is the first of the N best fills that RDKit reads, drawn with its rank', () => {
    const content = withFills(['O', 'N', '1', 'C'], [-1, -2, -3, -4]);
    const { bestValid } = drawContent(rdkit, content, false);
    expect(bestValid?.kind).toBe('later');
    if (bestValid?.kind !== 'later') return;
    expect(bestValid.fill.rank).toBe(3);
    expect(bestValid.fill.smiles).toBe('CC(=O)Oc1ccccc1C(=O)O');
    expect(bestValid.fill.relative).toBeCloseTo(Math.exp(-2), 12);
    expect(bestValid.drawn.verdict).toEqual({ valid: true });
    expect(bestValid.drawn.svg?.width).toBe(LARGE.width);
  });

  it('is the best fill itself when that is valid, and none when no fill is', () => {
    const best = drawContent(rdkit, withFills(['1', 'O'], [-1, -2]), false).bestValid;
    expect(best).toEqual({ kind: 'best' });
    const none = drawContent(rdkit, withFills(['O', 'N'], [-1, -2]), false).bestValid;
    expect(none).toEqual({ kind: 'none', searched: 2 });
  });

  it('is not looked for without a list of best fills', () => {
    expect(drawContent(rdkit, structureContent(ASPIRIN, [20], ANALYSIS), false).bestValid).toBe(
      null,
    );
  });
});

describe('structureExport', () => {
  it('holds every drawing, the SMILES and each verdict in words', () => {
    const content = structureContent(ASPIRIN, [20], ANALYSIS);
    const image = structureExport(content, drawContent(rdkit, content, false));
    expect(image.markup).toContain('Your molecule: CC(=O)Oc1ccccc1C(=O)O');
    expect(image.markup).toContain('Mask 1 (was O): its candidates');
    expect(image.markup).toContain('1  20.0%');
    expect(image.markup).toMatch(/>not valid: ring not/);
    // The original, the fill and the two valid candidates are drawn.
    expect(image.markup.match(/<svg x=/g)).toHaveLength(4);
    expect(image.markup).not.toContain('style=');
  });
  // Aspirin with its ring digit masked and four best fills, as in 'the best valid fill' above.
  const ringFills = (tokens: string[]) =>
    structureContent(ASPIRIN, [14], {
      ...ANALYSIS,
      fill: { tokens: [tokens[0]!] },
      bestFills: tokens.map((token, i) => ({ tokens: [token], score: -1 - i })),
    });

  it('holds a later best valid fill as the page shows it: drawn, its rank and probability', () => {
    const content = ringFills(['O', 'N', '1', 'C']);
    const image = structureExport(content, drawContent(rdkit, content, false));
    const lines = textLines(image.markup);
    expect(lines[0]).toBe('Your molecule, the best joint fill and the best valid fill');
    const at = lines.indexOf('Best valid fill: the 3rd most likely fill');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual(['CC(=O)Oc1ccccc1C(=O)O', 'valid molecule']);
    // exp(-2) of the best fill's probability, the sentence wrapped to the drawing's width.
    expect(lines.slice(at + 3).join(' ')).toContain(
      'Its probability is 13.5% of the best joint fill’s.',
    );
    // The original, the best valid fill and the one valid candidate ("1") are drawn; the best
    // fill ("O" leaves the ring open) says why not in its box.
    expect(image.markup.match(/<svg x=/g)).toHaveLength(3);
    expect(lines).toContain('Best joint fill: CC(=O)Oc1cccccOC(=O)O');
    expect(image.markup).toContain(`width="${LARGE.width}" height="${LARGE.height}" viewBox`);
    expect(lines.some((l) => l.includes('most likely fills'))).toBe(false);
    expectNoOverlap(image.markup);
  });

  it('says under the best fill that it is valid already, or that none of the N is', () => {
    const valid = ringFills(['1', 'O']);
    const best = textLines(structureExport(valid, drawContent(rdkit, valid, false)).markup);
    expect(best[0]).toBe('Your molecule and the best joint fill');
    expect(best.join(' ')).toContain(
      'The best joint fill is a valid molecule, so it is also the best valid fill.',
    );
    expect(best.some((l) => l.startsWith('Best valid fill:'))).toBe(false);

    const invalid = ringFills(['O', 'N']);
    const image = structureExport(invalid, drawContent(rdkit, invalid, false));
    expect(textLines(image.markup).join(' ')).toContain(
      'None of the model’s 2 most likely fills is a valid molecule.',
    );
    expectNoOverlap(image.markup);
  });

  it('says nothing of a best valid fill without a list of best fills', () => {
    const content = structureContent(ASPIRIN, [20], ANALYSIS);
    const lines = textLines(structureExport(content, drawContent(rdkit, content, false)).markup);
    expect(lines.some((l) => /best valid fill|most likely fill/i.test(l))).toBe(false);
  });
});
