import { describe, expect, it } from 'vitest';

import { checkSmiles } from '../../core/smilesChecks';
import { smilesTokenRole, splitSmiles } from '../../core/smilesTokens';
import { MOLECULE_EXAMPLES } from './moleculeExamples';

describe('MOLECULE_EXAMPLES', () => {
  it('mask the tokens they name, in SMILES that pass every check', () => {
    for (const example of MOLECULE_EXAMPLES) {
      const tokens = splitSmiles(example.smiles).map((t) => t.text);
      expect(
        example.masks.map((i) => tokens[i]),
        example.name,
      ).toEqual(example.masked);
      expect(checkSmiles(example.smiles, { limitTokens: 128 }), example.name).toEqual([]);
    }
  });

  it('are 8 to 10 different molecules whose masks hide every kind of SMILES token', () => {
    expect(MOLECULE_EXAMPLES.length).toBeGreaterThanOrEqual(8);
    expect(MOLECULE_EXAMPLES.length).toBeLessThanOrEqual(10);
    expect(new Set(MOLECULE_EXAMPLES.map((e) => e.smiles)).size).toBe(MOLECULE_EXAMPLES.length);
    const hidden = MOLECULE_EXAMPLES.flatMap((e) => e.masked);
    const roles = new Set(hidden.map(smilesTokenRole));
    expect([...roles].sort()).toEqual(['atom', 'bond', 'branch', 'ring closure']);
    // Lower-case letters are aromatic atoms.
    expect(hidden.some((t) => /^[a-z]$/.test(t))).toBe(true);
  });

  it('back every caption with claims about real slots that name what the caption quotes', () => {
    for (const example of MOLECULE_EXAMPLES) {
      expect(example.why.trim(), example.name).not.toBe('');
      expect(example.expect.length, example.name).toBeGreaterThan(0);
      for (const claim of example.expect) {
        if (claim.slot !== undefined) {
          expect(claim.slot, example.name).toBeLessThan(example.masks.length);
        } else {
          // A claim without a slot is about the fill.
          expect(claim.fill ?? claim.validFill, example.name).toBeDefined();
        }
        for (const [token, [min, max]] of Object.entries(claim.probs ?? {})) {
          expect(min, `${example.name}: ${token}`).toBeLessThanOrEqual(max);
        }
        // Every token a claim names is quoted in the caption, and a fill it names is written there.
        const named = [
          claim.top,
          ...(claim.topIncludes ?? []),
          ...Object.keys(claim.probs ?? {}),
          ...Object.keys(claim.validWith ?? {}),
        ];
        for (const token of named) {
          if (token !== undefined) expect(example.why, example.name).toContain(`“${token}”`);
        }
      }
    }
  });
});
