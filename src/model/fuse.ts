// The weights rearranged once at load for a forward pass with few kernels. Every change here is
// exact in real arithmetic; in float32 it moves results by a few units in the last place, far
// inside the golden tolerance (docs/golden-fixtures.md):
// - a LayerNorm followed by a dense layer: LN(x) W + b = n (diag(gamma) W) + (beta W + b), with
//   n = (x - mean) / sqrt(var + eps), so the encoder only normalizes (ln1 into q, k, v; ln2 into
//   fc1; the final LayerNorm into the heads, h_L itself being made only when asked for; the LM
//   head's into its tied output layer);
// - the attention scale 1/sqrt(dh) multiplied into the query weights;
// - rotate-half RoPE: swap(x W + b) = x W' + b' with W' the columns of W permuted (rope.ts), so
//   RoPE of q and k is one matmul times cos plus another times sin (no Reverse kernel); q and k
//   share each matmul;
// - exact GELU: gelu(x) = 0.5 x (1 + erf(x / sqrt 2)); with z = x / sqrt 2 (the dense layer before it
//   scaled by 1/sqrt 2) it is z (1 + erf z) / sqrt 2, and the last 1/sqrt 2 goes into the next dense
//   layer (feed-forward) or into the LayerNorm's eps (LM head: LN(c u) = LN'(u) with eps / c^2).
// All of this runs on Float32Arrays; sums are taken in float64 and rounded once.

/** A dense layer as stored: kernel [inSize, outSize] row-major, bias [outSize]. */
export interface DenseArrays {
  kernel: Float32Array;
  bias: Float32Array;
}

export interface LayerNormArrays {
  gamma: Float32Array;
  beta: Float32Array;
}

/** LN(x) W + b as normalize(x) W' + b' (see the top of the file). Only the first gamma.length
 *  input rows of W follow the LayerNorm (the transition head's W takes [h; Pos]). */
export function foldLayerNorm(dense: DenseArrays, ln: LayerNormArrays): DenseArrays {
  const inSize = ln.gamma.length;
  const outSize = dense.bias.length;
  const kernel = Float32Array.from(dense.kernel);
  const bias = new Float64Array(dense.bias);
  for (let i = 0; i < inSize; i++) {
    const gamma = ln.gamma[i]!;
    const beta = ln.beta[i]!;
    const row = i * outSize;
    for (let j = 0; j < outSize; j++) {
      const w = dense.kernel[row + j]!;
      kernel[row + j] = gamma * w;
      bias[j] = bias[j]! + beta * w;
    }
  }
  return { kernel, bias: Float32Array.from(bias) };
}

/** x W s + b s: the layer's output scaled. */
export function scaleDense(dense: DenseArrays, scale: number): DenseArrays {
  return { kernel: dense.kernel.map((w) => w * scale), bias: dense.bias.map((b) => b * scale) };
}

/** (x s) W + b = x (W s) + b: the layer's input scaled. */
export function scaleKernel(dense: DenseArrays, scale: number): DenseArrays {
  return { kernel: dense.kernel.map((w) => w * scale), bias: dense.bias };
}

/** Within each head of `headDim` (quarters [u1, u2, w1, w2]), the column that rotate-half RoPE
 *  pairs with column `j`: swap(x)[j] = x[swapIndex(j)] with swap([u1, u2, w1, w2]) = [u2, u1, w2, w1]
 *  (rope.ts). */
export function swapIndex(j: number, headDim: number): number {
  const quarter = headDim / 4;
  const within = j % headDim;
  return Math.floor(within / quarter) % 2 === 0 ? j + quarter : j - quarter;
}

/** The columns of `a` then those of `b`: one dense layer for two that share their input. */
export function concatColumns(a: DenseArrays, b: DenseArrays): DenseArrays {
  const [aOut, bOut] = [a.bias.length, b.bias.length];
  const width = aOut + bOut;
  const rows = a.kernel.length / aOut;
  const kernel = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) {
    kernel.set(a.kernel.subarray(i * aOut, (i + 1) * aOut), i * width);
    kernel.set(b.kernel.subarray(i * bOut, (i + 1) * bOut), i * width + aOut);
  }
  const bias = new Float32Array(width);
  bias.set(a.bias);
  bias.set(b.bias, aOut);
  return { kernel, bias };
}

/** swap(x W + b) as a dense layer: the columns of W and b permuted within each head of
 *  `headDim` (swapIndex). With it, RoPE is (x W + b) cos + (x W' + b') sin (rope.ts). */
export function swapColumns(dense: DenseArrays, headDim: number): DenseArrays {
  const outSize = dense.bias.length;
  const rows = dense.kernel.length / outSize;
  const kernel = new Float32Array(dense.kernel.length);
  const bias = new Float32Array(outSize);
  for (let c = 0; c < outSize; c++) {
    const from = swapIndex(c, headDim);
    bias[c] = dense.bias[from]!;
    for (let i = 0; i < rows; i++) kernel[i * outSize + c] = dense.kernel[i * outSize + from]!;
  }
  return { kernel, bias };
}

/** [rows, cols] row-major -> [cols, rows] row-major. */
export function transposeMatrix(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  }
  return out;
}
