// The wasm backend's one-kernel log-softmax against the composite the model runs elsewhere (Max,
// Sub, Exp, Sum, Log, Sub) on the cpu backend, and against log-softmax in float64.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { LOG_SOFTMAX_KERNEL, logSoftmax } from '../../model/ops';
import { setNodeBackend } from '../../node';
import { registerWasmKernels } from './wasmKernels';

/** log-softmax of each row in float64. */
function reference(values: Float32Array, cols: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let start = 0; start < values.length; start += cols) {
    const row = Array.from(values.subarray(start, start + cols));
    const max = Math.max(...row);
    const logSum = Math.log(row.reduce((sum, v) => sum + Math.exp(v - max), 0));
    row.forEach((v, i) => (out[start + i] = v - max - logSum));
  }
  return out;
}

/** Logits spread like an LM head's (about +-20), one row far apart: its smallest entries lie
 *  more than 104 below its max, where exp underflows float32 to 0. */
function logits(rows: number, cols: number): Float32Array {
  const values = Float32Array.from(
    { length: rows * cols },
    (_, i) => 8 * Math.sin(i * 0.377) + 6 * Math.cos(i * 0.0131),
  );
  for (let i = 0; i < cols; i++) values[i] = i % 2 === 0 ? 30 : -95;
  return values;
}

describe('ExlmLogSoftmax on wasm', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmKernels();
  });

  it('is one kernel within 1e-5 of log-softmax in float64 and of the composite', async () => {
    const [rows, cols] = [20, 8192];
    const values = logits(rows, cols);
    const expected = reference(values, cols);
    await setNodeBackend('cpu');
    const composite = tf.tidy(() => logSoftmax(tf.tensor3d(values, [1, rows, cols])));
    const compositeValues = await composite.data();
    composite.dispose();
    await setNodeBackend('wasm');
    const x = tf.tensor3d(values, [1, rows, cols]);
    const profile = await tf.profile(() => logSoftmax(x));
    const fused = await (profile.result as tf.Tensor).data();
    expect(profile.kernels.map((k) => k.name)).toEqual([LOG_SOFTMAX_KERNEL]);
    let worst = 0;
    let worstComposite = 0;
    fused.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - expected[i]!));
      worstComposite = Math.max(worstComposite, Math.abs(v - compositeValues[i]!));
    });
    expect(worst).toBeLessThan(1e-5);
    expect(worstComposite).toBeLessThan(1e-5);
    // The far row: finite where its probability underflows.
    expect(fused[1]).toBeCloseTo(expected[1]!, 4);
    expect(Number.isFinite(fused[1])).toBe(true);
    tf.dispose([x, profile.result as tf.Tensor]);
  });

  it('takes any rank, a row of one included, and leaves no tensor behind but its output', async () => {
    const backend = tf.backend();
    const x = tf.tensor([[1], [2]]);
    const [tensors, dataIds] = [tf.memory().numTensors, backend.numDataIds()];
    const y = logSoftmax(x);
    expect(Array.from(await y.data())).toEqual([0, 0]);
    expect(tf.memory().numTensors).toBe(tensors + 1);
    expect(backend.numDataIds()).toBe(dataIds + 1);
    const z = tf.tensor1d([0, Math.log(3)]);
    const logs = await logSoftmax(z).data();
    expect(logs[0]).toBeCloseTo(Math.log(0.25), 6);
    expect(logs[1]).toBeCloseTo(Math.log(0.75), 6);
    tf.dispose([x, y, z]);
  });
});
