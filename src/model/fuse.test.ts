// The load-time rearrangements of fuse.ts against the plain formulas of docs/design.md, in float64
// on random weights: each must give the same numbers as the layer it replaces.
import { describe, expect, it } from 'vitest';

import {
  concatColumns,
  foldLayerNorm,
  scaleDense,
  scaleKernel,
  swapColumns,
  swapIndex,
  transposeMatrix,
} from './fuse';
import { inverseFrequencies, rotaryTables } from './rope';
import { seededRandom } from './seededRandom';

const rand = seededRandom(7);
const randomArray = (n: number, scale = 1): Float32Array =>
  Float32Array.from({ length: n }, () => scale * (2 * rand() - 1));

/** x W + b for one row x, W [in, out] row-major. */
function denseRow(x: ArrayLike<number>, kernel: ArrayLike<number>, bias: ArrayLike<number>) {
  const outSize = bias.length;
  return Array.from({ length: outSize }, (_, j) => {
    let sum = bias[j]!;
    for (let i = 0; i < x.length; i++) sum += x[i]! * kernel[i * outSize + j]!;
    return sum;
  });
}

const worst = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!));
  return w;
};

describe('foldLayerNorm', () => {
  it('gives LN(x) W + b from the normalized x', () => {
    const [inSize, outSize] = [12, 5];
    const dense = { kernel: randomArray(inSize * outSize), bias: randomArray(outSize) };
    const ln = { gamma: randomArray(inSize, 2), beta: randomArray(inSize) };
    const x = randomArray(inSize, 3);
    const mean = x.reduce((s, v) => s + v, 0) / inSize;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / inSize;
    const normalized = Array.from(x, (v) => (v - mean) / Math.sqrt(variance + 1e-5));
    const layerNormed = normalized.map((n, i) => n * ln.gamma[i]! + ln.beta[i]!);
    const folded = foldLayerNorm(dense, ln);
    expect(
      worst(
        denseRow(normalized, folded.kernel, folded.bias),
        denseRow(layerNormed, dense.kernel, dense.bias),
      ),
    ).toBeLessThan(1e-5);
  });

  it('folds only the rows that follow the LayerNorm (the transition head takes [h; Pos])', () => {
    const dense = { kernel: randomArray(6 * 2), bias: randomArray(2) };
    const ln = { gamma: randomArray(3), beta: randomArray(3) };
    const folded = foldLayerNorm(dense, ln);
    expect(Array.from(folded.kernel.subarray(6))).toEqual(Array.from(dense.kernel.subarray(6)));
    expect(folded.kernel[0]).toBeCloseTo(dense.kernel[0]! * ln.gamma[0]!, 6);
  });
});

describe('scaling', () => {
  it('scales the output (scaleDense) or the input (scaleKernel) of a dense layer', () => {
    const dense = { kernel: randomArray(4 * 3), bias: randomArray(3) };
    const x = randomArray(4);
    const plain = denseRow(x, dense.kernel, dense.bias);
    const out = scaleDense(dense, 0.5);
    expect(
      worst(
        denseRow(x, out.kernel, out.bias),
        plain.map((v) => v * 0.5),
      ),
    ).toBeLessThan(1e-6);
    const input = scaleKernel(dense, 0.5);
    const halfX = Array.from(x, (v) => v * 2);
    expect(worst(denseRow(halfX, input.kernel, input.bias), plain)).toBeLessThan(1e-6);
  });
});

describe('rotate-half RoPE from one matmul', () => {
  it('pairs each component with the one rotate-half swaps it with', () => {
    // dh = 8: quarters [0 1 | 2 3 | 4 5 | 6 7]; the second head starts at 8.
    expect(Array.from({ length: 16 }, (_, j) => swapIndex(j, 8))).toEqual([
      2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
    ]);
  });

  it('gives q and k rotated by (pos1, pos2), as design.md defines RoPE', () => {
    const [inSize, heads, headDim, base] = [6, 2, 8, 10000];
    const d = heads * headDim;
    const q = { kernel: randomArray(inSize * d), bias: randomArray(d) };
    const k = { kernel: randomArray(inSize * d), bias: randomArray(d) };
    const plain = concatColumns(q, k);
    const swapped = concatColumns(swapColumns(q, headDim), swapColumns(k, headDim));
    const pos1 = Int32Array.from([0, 3, 7]);
    const pos2 = Int32Array.from([1, 0, 4]);
    const tables = rotaryTables(pos1, pos2, pos1.length, headDim, 2 * heads, base);
    const invFreq = inverseFrequencies(headDim, base);
    const quarter = headDim / 4;

    /** Rotate-half RoPE of dimension dh/2 on each half of each head (the reference). */
    const rope = (v: number[], p1: number, p2: number): number[] =>
      v.map((_, j) => {
        const within = j % headDim;
        const half = within < 2 * quarter ? 0 : 1;
        const m = within % quarter;
        const angle = Math.fround((half === 0 ? p1 : p2) * invFreq[m]!);
        const first = within % (2 * quarter) < quarter;
        const partner = v[first ? j + quarter : j - quarter]!;
        return v[j]! * Math.cos(angle) + (first ? -partner : partner) * Math.sin(angle);
      });

    for (let t = 0; t < pos1.length; t++) {
      const x = randomArray(inSize);
      const xs = denseRow(x, plain.kernel, plain.bias);
      const partners = denseRow(x, swapped.kernel, swapped.bias);
      const rotated = xs.map(
        (v, c) => v * tables.cos[t * 2 * d + c]! + partners[c]! * tables.sin[t * 2 * d + c]!,
      );
      const want = [
        ...rope(denseRow(x, q.kernel, q.bias), pos1[t]!, pos2[t]!),
        ...rope(denseRow(x, k.kernel, k.bias), pos1[t]!, pos2[t]!),
      ];
      expect(worst(rotated, want)).toBeLessThan(1e-5);
    }
  });
});

describe('rotaryTables', () => {
  it("writes a sequence into a batch's tables at its rows as it builds them alone", () => {
    const [headDim, copies, base] = [8, 4, 10000];
    const pos1 = Int32Array.from([0, 3, 7, 120]);
    const pos2 = Int32Array.from([1, 0, 4, 2]);
    const alone = rotaryTables(pos1, pos2, 5, headDim, copies, base);
    const width = copies * headDim;
    const batch = { cos: new Float32Array(7 * width), sin: new Float32Array(7 * width) };
    rotaryTables(pos1, pos2, 5, headDim, copies, base, { tables: batch, at: 2 });
    expect(batch.cos.subarray(2 * width)).toEqual(alone.cos);
    expect(batch.sin.subarray(2 * width)).toEqual(alone.sin);
    expect(batch.cos.subarray(0, 2 * width).every((v) => v === 0)).toBe(true);
    // The padding row is position (0, 0); a table built again (angles kept) is the same.
    expect(Array.from(alone.cos.subarray(4 * width))).toEqual(new Array(width).fill(1));
    expect(rotaryTables(pos1, pos2, 5, headDim, copies, base)).toEqual(alone);
  });
});

describe('transposeMatrix', () => {
  it('swaps rows and columns', () => {
    expect(Array.from(transposeMatrix(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([
      1, 4, 2, 5, 3, 6,
    ]);
  });
});
