// The view's drawings and its export figure on RDKit in Node: a candidate that breaks the molecule
// is marked not valid with its reason, the others are drawn with their slot highlighted.
import initRDKitModule from '@rdkit/rdkit';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Rdkit } from './chemistry';
import { LARGE, SMALL, SMALL_PRESENTING, drawContent } from './drawContent';
import { structureContent } from './structureContent';
import { structureExport } from './structureExport';

let rdkit: Rdkit;

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
});
