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

describe('model quality in words', () => {
  it('shows top-1 and top-5 at 15% masking', () => {
    expect(qualityParts(EXLM)).toEqual({
      top1: '30.9%',
      top5: '48.8%',
      sentences: '1,000',
      masked: '15%',
    });
  });

  it('falls back to the lowest ratio measured and says which', () => {
    const other: ModelQuality = { sentences: 200, ratios: EXLM.ratios.slice(1) };
    expect(headlineRatio(other)?.ratio).toBe(0.3);
    expect(qualityParts(other)).toEqual({
      top1: '26.0%',
      top5: '44.4%',
      sentences: '200',
      masked: '30%',
    });
    expect(qualityParts({ sentences: 5, ratios: [] })).toBeNull();
  });
});
