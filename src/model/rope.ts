// 2D rotary position tables of docs/design.md, computed once per input on the CPU.
// A head vector [u1, u2, w1, w2] (four quarters of size dh/4) becomes
//   [u1 c1 - u2 s1, u2 c1 + u1 s1, w1 c2 - w2 s2, w2 c2 + w1 s2]
// with c1/s1 = cos/sin(pos1 * inv_freq) and c2/s2 the same for pos2, which is rotate-half RoPE of
// dimension r = dh/2 on each half: x * cos + swap(x) * sin, where
// swap([u1, u2, w1, w2]) = [u2, u1, w2, w1] and `sin` carries the signs [-s1, s1, -s2, s2].
// The encoder gets x and swap(x) from two matmuls (fuse.ts) and multiplies them by the tables
// below. They depend on every entry's (pos1, pos2), not only on the length, so they are filled per
// input, an upload and no kernel; the cos and sin of each position are computed once per head size
// and base and kept (positionAngles), so a pass only copies them (about 50 microseconds of
// Math.cos and Math.sin a pass before).

/** inv_freq[m] = base^(-2m/r), m = 0..r/2-1, rounded like the float32 reference
 *  (`base ** (-arange(0, r, 2) / r)` in torch, training/model.py). */
export function inverseFrequencies(headDim: number, base: number): Float32Array {
  const r = headDim / 2;
  const out = new Float32Array(r / 2);
  for (let m = 0; m < r / 2; m++) {
    out[m] = Math.fround(base ** Math.fround((-2 * m) / r));
  }
  return out;
}

export interface RotaryTables {
  /** [length, copies * headDim] row-major: cos of each component, the head's row repeated. */
  cos: Float32Array;
  /** The same for sin, signs folded in: [-s1, s1, -s2, s2] per head. */
  sin: Float32Array;
}

/** cos and sin of p * inv_freq[m] for one position p, m < headDim / 4. */
interface PositionAngles {
  cos: Float64Array;
  sin: Float64Array;
}

/** Per head size and base, each position's angles once computed (positions past
 *  max_expanded_positions never come: a few hundred rows at most). */
const anglesCache = new Map<string, PositionAngles[]>();

function positionAngles(p: number, headDim: number, base: number): PositionAngles {
  const key = `${headDim}/${base}`;
  let rows = anglesCache.get(key);
  if (rows === undefined) anglesCache.set(key, (rows = []));
  let row = rows[p];
  if (row === undefined) {
    const invFreq = inverseFrequencies(headDim, base);
    const quarter = headDim / 4;
    row = { cos: new Float64Array(quarter), sin: new Float64Array(quarter) };
    for (let m = 0; m < quarter; m++) {
      const angle = Math.fround(p * invFreq[m]!);
      row.cos[m] = Math.cos(angle);
      row.sin[m] = Math.sin(angle);
    }
    rows[p] = row;
  }
  return row;
}

/** The tables for positions (pos1[t], pos2[t]), t < pos1.length, for `copies` heads side by side
 *  (the encoder rotates the query and the key heads at once); rows past the end (padding) hold
 *  position (0, 0). `length` is the number of rows to build (>= pos1.length). Written into `into`
 *  from row `at` on (the encoder's tables of a whole batch), else into tables of their own. */
export function rotaryTables(
  pos1: Int32Array,
  pos2: Int32Array,
  length: number,
  headDim: number,
  copies: number,
  base: number,
  into?: { tables: RotaryTables; at: number },
): RotaryTables {
  const quarter = headDim / 4;
  const width = copies * headDim;
  const tables = into?.tables ?? {
    cos: new Float32Array(length * width),
    sin: new Float32Array(length * width),
  };
  const { cos, sin } = tables;
  for (let t = 0; t < length; t++) {
    const first = positionAngles(pos1[t] ?? 0, headDim, base);
    const second = positionAngles(pos2[t] ?? 0, headDim, base);
    const row = ((into?.at ?? 0) + t) * width;
    for (let m = 0; m < quarter; m++) {
      const [c1, s1, c2, s2] = [first.cos[m]!, first.sin[m]!, second.cos[m]!, second.sin[m]!];
      cos[row + m] = c1;
      cos[row + quarter + m] = c1;
      cos[row + 2 * quarter + m] = c2;
      cos[row + 3 * quarter + m] = c2;
      sin[row + m] = -s1;
      sin[row + quarter + m] = s1;
      sin[row + 2 * quarter + m] = -s2;
      sin[row + 3 * quarter + m] = s2;
    }
    for (let c = 1; c < copies; c++) {
      cos.copyWithin(row + c * headDim, row, row + headDim);
      sin.copyWithin(row + c * headDim, row, row + headDim);
    }
  }
  return tables;
}
