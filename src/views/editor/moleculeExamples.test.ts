import { describe, expect, it } from 'vitest';

import { checkSmiles } from '../../core/smilesChecks';
import { splitSmiles } from '../../core/smilesTokens';
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
});
