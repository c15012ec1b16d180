import { describe, expect, it } from 'vitest';

import { erf } from './erf';

/** erf in float64 to about 1e-12: its Taylor series below 3, the continued fraction of erfc above. */
function erfReference(x: number): number {
  const a = Math.abs(x);
  if (a > 3) {
    let fraction = 0;
    for (let k = 60; k >= 1; k--) fraction = k / 2 / (a + fraction);
    const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + fraction);
    return Math.sign(x) * (1 - erfc);
  }
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-20; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

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
