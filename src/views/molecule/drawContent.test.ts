// The view's drawings and its export figure on RDKit in Node: a candidate that breaks the molecule
// is marked not valid with its reason, the others are drawn with their slot highlighted.
import initRDKitModule from '@rdkit/rdkit';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Rdkit } from './chemistry';
import { SMALL, SMALL_PRESENTING, drawContent } from './drawContent';
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
