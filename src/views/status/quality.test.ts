import { describe, expect, it } from 'vitest';

import type { ModelQuality } from '../../core/catalog';
import { headlineRatio, qualityParts } from './quality';

const EXLM: ModelQuality = {
  sentences: 1000,
  ratios: [
    { ratio: 0.15, masks: 2317, top1: 0.308589, top5: 0.488131, entropy: 4.337034 },
    { ratio: 0.3, masks: 4581, top1: 0.259987, top5: 0.444226, entropy: 4.603082 },
    { ratio: 0.5, masks: 7550, top1: 0.214437, top5: 0.396556, entropy: 4.902532 },
  ],
};

/** exlm-smiles-small's evaluation as `npm run eval --write-config` wrote it. */
const SMILES: ModelQuality = {
  sentences: 600,
  ratios: [
    {
      ratio: 0.15,
      masks: 3328,
      top1: 0.607572,
      top5: 0.953125,
      entropy: 1.070292,
      validity: 0.353333,
      exact: 0.213333,
    },
    {
      ratio: 0.3,
      masks: 6667,
      top1: 0.460777,
      top5: 0.887506,
      entropy: 1.385824,
      validity: 0.103333,
      exact: 0.028333,
    },
  ],
};

describe('model quality in words', () => {
  it('shows top-1 and top-5 at 15% masking on held-out sentences', () => {
    expect(qualityParts(EXLM, 'text')).toEqual({
      top1: '30.9%',
      top5: '48.8%',
      sample: '1,000 held-out sentences',
      masked: '15% of words masked',
      valid: null,
    });
  });

  it('falls back to the lowest ratio measured and says which', () => {
    const other: ModelQuality = { sentences: 200, ratios: EXLM.ratios.slice(1) };
    expect(headlineRatio(other)?.ratio).toBe(0.3);
    expect(qualityParts(other, 'text')).toEqual({
      top1: '26.0%',
      top5: '44.4%',
      sample: '200 held-out sentences',
      masked: '30% of words masked',
      valid: null,
    });
    expect(qualityParts({ sentences: 5, ratios: [] }, 'text')).toBeNull();
  });

  it("speaks of molecules and SMILES tokens for a molecule model, with its valid fills' share", () => {
    expect(qualityParts(SMILES, 'molecules')).toEqual({
      top1: '60.8%',
      top5: '95.3%',
      sample: '600 held-out molecules',
      masked: '15% of SMILES tokens masked',
      valid: 'valid molecules: 35% of best fills at 15% masked',
    });
    const later = qualityParts({ sentences: 600, ratios: SMILES.ratios.slice(1) }, 'molecules');
    expect(later?.valid).toBe('valid molecules: 10% of best fills at 30% masked');
  });

  it('has no valid share where none was measured or the model reads text', () => {
    const unchecked: ModelQuality = { sentences: 600, ratios: EXLM.ratios };
    expect(qualityParts(unchecked, 'molecules')?.valid).toBeNull();
    expect(qualityParts(SMILES, 'text')?.valid).toBeNull();
  });
});
