// erf in a few multiplications and one division, for the JavaScript kernels of the wasm backend.
//
// The rational approximation of Eigen's generic_fast_erf_float (the one XLA and TensorFlow use):
// an odd polynomial of degree 13 over an even one of degree 8, on x clamped to [-4, 4], where
// float32's erf is +-1 already. Largest error 6.5e-8 against erf in float64 (erf.test.ts), below
// the 1.5e-7 of Abramowitz-Stegun 7.1.26 that tfjs' cpu backend uses, and without an exp.

const ALPHA_1 = -1.60960333262415e-2;
const ALPHA_3 = -2.95459980854025e-3;
const ALPHA_5 = -7.34990630326855e-4;
const ALPHA_7 = -5.69250639462346e-5;
const ALPHA_9 = -2.10102402082508e-6;
const ALPHA_11 = 2.77068142495902e-8;
const ALPHA_13 = -2.72614225801306e-10;

const BETA_0 = -1.42647390514189e-2;
const BETA_2 = -7.37332916720468e-3;
const BETA_4 = -1.68282697438203e-3;
const BETA_6 = -2.13374055278905e-4;
const BETA_8 = -1.45660718464996e-5;

/** erf(x), |error| < 1e-7 for every x (NaN stays NaN). */
export function erf(x: number): number {
  const c = x > 4 ? 4 : x < -4 ? -4 : x;
  const c2 = c * c;
  const p =
    c *
    ((((((ALPHA_13 * c2 + ALPHA_11) * c2 + ALPHA_9) * c2 + ALPHA_7) * c2 + ALPHA_5) * c2 +
      ALPHA_3) *
      c2 +
      ALPHA_1);
  const q = (((BETA_8 * c2 + BETA_6) * c2 + BETA_4) * c2 + BETA_2) * c2 + BETA_0;
  return p / q;
}
