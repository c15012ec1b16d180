// The ONNX export of models/tiny-random (training/export_onnx.py, as npm run bench:peer runs it) in
// onnxruntime-web, in Node on its WebAssembly backend: within 1e-4 of the PyTorch reference outputs
// the export wrote to testdata/tiny-random.onnx-reference.json, and of src/model on an input of
// another length (the graph's lengths are dynamic). The .onnx file is written to a temporary folder
// here, never committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadModelFromFolder, setNodeBackend } from '../node';

const ROOT = resolve(import.meta.dirname, '../..');
const TOLERANCE = 1e-4;

interface OnnxReference {
  model: string;
  ids: number[];
  tokens: number[];
  pos1: number[];
  pos2: number[];
  states: number[];
  vocab_size: number;
  /** Row-major [L, V] and [L, L]; null stands for -Infinity. */
  log_probs: (number | null)[];
  links: (number | null)[];
}

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, 'testdata', 'tiny-random.onnx-reference.json'), 'utf8'),
) as OnnxReference;

/** Largest |actual - expected|; -Infinity (null in `expected`) must match exactly. */
function maxDifference(actual: ArrayLike<number>, expected: ArrayLike<number | null>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i] ?? -Infinity;
    if (e === -Infinity) {
      expect(a, `index ${i} must be -Infinity`).toBe(-Infinity);
    } else {
      expect(Number.isFinite(a), `index ${i} must be finite, got ${a}`).toBe(true);
      worst = Math.max(worst, Math.abs(a - e));
    }
  }
  return worst;
}

describe('the ONNX export of tiny-random in onnxruntime-web (Node, wasm)', () => {
  let dir = '';
  let session: ort.InferenceSession;

  async function run(input: Record<'tokenIds' | 'pos1' | 'pos2' | 'states', ArrayLike<number>>) {
    const int32 = (values: ArrayLike<number>) =>
      new ort.Tensor('int32', Int32Array.from(values), [values.length]);
    const out = await session.run({
      tokens: int32(input.tokenIds),
      pos1: int32(input.pos1),
      pos2: int32(input.pos2),
      states: int32(input.states),
    });
    return {
      logProbs: out.log_probs!.data as Float32Array,
      links: out.links!.data as Float32Array,
      dims: [out.log_probs!.dims, out.links!.dims],
    };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-onnx-'));
    const onnx = join(dir, 'tiny-random.onnx');
    execFileSync(
      process.env.PYTHON || '/usr/bin/python3',
      ['-m', 'training.export_onnx', '--model', join(ROOT, 'models', 'tiny-random'), '--out', onnx],
      { cwd: ROOT, stdio: 'pipe' },
    );
    ort.env.wasm.numThreads = 1;
    session = await ort.InferenceSession.create(readFileSync(onnx), {
      executionProviders: ['wasm'],
    });
  }, 120_000);

  afterAll(async () => {
    await session?.release();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('has the inputs and outputs bench:peer feeds and reads', () => {
    expect(session.inputNames).toEqual(['tokens', 'pos1', 'pos2', 'states']);
    expect(session.outputNames).toEqual(['log_probs', 'links']);
  });

  it('computes the PyTorch reference within 1e-4', async () => {
    const out = await run({ ...reference, tokenIds: reference.tokens });
    const L = reference.states.length;
    expect(out.dims).toEqual([
      [L, reference.vocab_size],
      [L, L],
    ]);
    expect(maxDifference(out.logProbs, reference.log_probs)).toBeLessThan(TOLERANCE);
    expect(maxDifference(out.links, reference.links)).toBeLessThan(TOLERANCE);
  });

  it('computes what src/model computes on an input of another length', async () => {
    await setNodeBackend('cpu');
    const model = await loadModelFromFolder(join(ROOT, 'models', 'tiny-random'));
    try {
      const { expansion, forward } = await model.inspect('She [MASK] [MASK] to the store.');
      expect(expansion.tokenIds.length).not.toBe(reference.tokens.length);
      const out = await run(expansion);
      const links = Array.from(forward.links, (v) => (v === -Infinity ? null : v));
      expect(maxDifference(out.logProbs, forward.stateLogProbs)).toBeLessThan(TOLERANCE);
      expect(maxDifference(out.links, links)).toBeLessThan(TOLERANCE);
    } finally {
      model.dispose();
    }
  });
});
