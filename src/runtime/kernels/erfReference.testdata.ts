// The exact erf the kernels' tests measure against: slow, plain float64, independent of ./erf.

/** erf in float64 to about 1e-12: its Taylor series below 3, the continued fraction of erfc above. */
export function erfReference(x: number): number {
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
