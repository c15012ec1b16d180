import { describe, expect, it } from 'vitest';

import { erf } from './erf';
import { erfReference } from './erfReference.testdata';

describe('erf', () => {
  it('is within 1e-7 of erf in float64 from -8 to 8', () => {
    let worst = 0;
    for (let x = -8; x <= 8; x += 1e-3) worst = Math.max(worst, Math.abs(erf(x) - erfReference(x)));
    expect(worst).toBeLessThan(1e-7);
  });

  it('is odd, 0 at 0, and +-1 far out', () => {
    expect(erf(0)).toBe(0);
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(erf(30)).toBeCloseTo(1, 7);
    expect(erf(-Infinity)).toBeCloseTo(-1, 7);
    expect(erf(NaN)).toBeNaN();
  });
});
