// ExlmModel end to end on the tiny fixture (cpu backend): bad folders, bad input, padding.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ExlmModel } from './analyze';
import { folderSource, loadModelFromFolder, setNodeBackend } from '../node';
import { SPECIAL_IDS } from './types';

const FIXTURE = 'models/tiny-random';

/** A scratch copy of the fixture folder, changed by `edit`. */
function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'exlm-model-test-'));
  cpSync(FIXTURE, dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson(path: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(path, JSON.stringify(json));
}

type ManifestJson = { paths: string[]; weights: { name: string; shape: number[] }[] }[];

function editManifest(dir: string, edit: (groups: ManifestJson) => void): void {
  const path = join(dir, 'weights.json');
  const groups = JSON.parse(readFileSync(path, 'utf8')) as ManifestJson;
  edit(groups);
  writeFileSync(path, JSON.stringify(groups));
}

const scratch: string[] = [];
const loadBroken = (edit: (dir: string) => void): Promise<ExlmModel> => {
  const dir = brokenCopy(edit);
  scratch.push(dir);
  return loadModelFromFolder(dir);
};

let model: ExlmModel;

beforeAll(async () => {
  await setNodeBackend('cpu');
  model = await loadModelFromFolder(FIXTURE);
});
afterAll(() => {
  model.dispose();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('loading a model folder', () => {
  it('reports its name, size and bytes', () => {
    expect(model.info.name).toBe('tiny-random');
    const {
      vocab_size: V,
      hidden_size: d,
      ffn_size: f,
      num_layers: layers,
      num_heads: H,
      max_expanded_positions: P,
    } = model.config;
    const perLayer = 4 * (d * d + d) + 4 * d + (d * f + f) + (f * d + d);
    const expected =
      V * d +
      layers * perLayer +
      2 * d +
      (d * d + d) +
      2 * d +
      V +
      P * d +
      2 * (2 * d * d + d) +
      (2 * d * H + H);
    expect(model.info.parameterCount).toBe(expected);
    expect(model.info.weightBytes).toBe(4 * expected); // the fixture is stored as float32
  });

  it('names the path of a missing folder or file', async () => {
    await expect(loadModelFromFolder('models/no-such-model')).rejects.toThrow(
      /cannot read model file .*models\/no-such-model\/config\.json: no such file/,
    );
    await expect(loadBroken((dir) => unlinkSync(join(dir, 'weights.json')))).rejects.toThrow(
      /exlm-model-test-\w+\/weights\.json: no such file/,
    );
    await expect(
      loadBroken((dir) => unlinkSync(join(dir, 'group1-shard1of1.bin'))),
    ).rejects.toThrow(/group1-shard1of1\.bin: no such file/);
  });

  it('names the malformed config field', async () => {
    const load = loadBroken((dir) =>
      editJson(join(dir, 'config.json'), (json) => (json.num_layers = 'two')),
    );
    await expect(load).rejects.toThrow(
      /config\.json: field "num_layers" must be a positive integer \(got "two"\)/,
    );
  });

  it('names a tensor of the wrong shape with both shapes', async () => {
    const load = loadBroken((dir) =>
      editManifest(dir, (groups) => {
        const entry = groups[0]!.weights.find((w) => w.name === 'layers.1.ffn.fc1.kernel')!;
        entry.shape = [64, 32];
      }),
    );
    await expect(load).rejects.toThrow(
      /tensor "layers\.1\.ffn\.fc1\.kernel" has shape \[64, 32\] but config\.json implies \[32, 64\]/,
    );
  });

  it('names a missing tensor, and weights that belong to another config', async () => {
    const missing = loadBroken((dir) =>
      editManifest(
        dir,
        (groups) =>
          (groups[0]!.weights = groups[0]!.weights.filter(
            (w) => w.name !== 'transition.gate.bias',
          )),
      ),
    );
    await expect(missing).rejects.toThrow(/missing tensor "transition\.gate\.bias"/);
    const mlmConfig = loadBroken((dir) =>
      cpSync('models/tiny-random-mlm/config.json', join(dir, 'config.json')),
    );
    await expect(mlmConfig).rejects.toThrow(
      /unexpected tensor "transition\.pos" for a "mlm" model/,
    );
  });
});

/** float32 -> IEEE half bits, round to nearest (enough for test weights of moderate size). */
function toHalf(value: number): number {
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -25) return sign;
  let exponent = Math.floor(Math.log2(magnitude));
  if (exponent < -14) return sign | Math.round(magnitude / 2 ** -24); // subnormal
  let mantissa = Math.round((magnitude / 2 ** exponent - 1) * 1024);
  if (mantissa === 1024) {
    mantissa = 0;
    exponent += 1;
  }
  return sign | ((exponent + 15) << 10) | mantissa;
}

describe('float16 weights', () => {
  it('loads shards stored as training/export.py writes them (quantization float16)', async () => {
    const half = await loadBroken((dir) => {
      const shard = readFileSync(join(dir, 'group1-shard1of1.bin'));
      const floats = new Float32Array(shard.buffer, shard.byteOffset, shard.byteLength / 4);
      const halves = new Uint16Array(floats.length);
      floats.forEach((f, i) => (halves[i] = toHalf(f)));
      writeFileSync(join(dir, 'group1-shard1of1.bin'), new Uint8Array(halves.buffer));
      editManifest(dir, (groups) => {
        for (const w of groups[0]!.weights)
          Object.assign(w, { quantization: { dtype: 'float16' } });
      });
    });
    try {
      expect(half.info.weightBytes).toBe(model.info.weightBytes / 2);
      const text = 'the cat [MASK] on the [MASK].';
      const a = (await half.inspect(text)).forward.stateLogProbs;
      const b = (await model.inspect(text)).forward.stateLogProbs;
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      // Weights rounded to 11 significant bits move log-probs a little, never by much.
      expect(worst).toBeGreaterThan(0);
      expect(worst).toBeLessThan(0.05);
    } finally {
      half.dispose();
    }
  });
});

describe('analyze', () => {
  it('rejects empty text and text past max_positions, saying the limit and the length', async () => {
    await expect(model.analyze('   ')).rejects.toThrow(/The text is empty/);
    const long = Array.from({ length: 70 }, () => 'cat').join(' ');
    await expect(model.analyze(long)).rejects.toThrow(
      /72 tokens \(\[CLS\] and \[SEP\] included\), but model "tiny-random" reads at most 64/,
    );
  });

  it('accepts text without [MASK]: no slots, the direct path', async () => {
    const analysis = await model.analyze('the cat sat on the mat.');
    expect(analysis.masks).toEqual([]);
    expect(analysis.gamma.length).toBe(0);
    expect(Array.from(analysis.fill.path)).toEqual([0, analysis.states.length - 1]);
    expect(analysis.fill.text).toBe('the cat sat on the mat.');
  });

  it('returns plain data of consistent sizes', async () => {
    const analysis = await model.analyze('the [MASK] sat on the [MASK].', { topK: 5 });
    const L = analysis.states.length;
    const T = analysis.expanded.tokenIds.length;
    const { num_layers: layers, num_heads: H, expansion: k } = model.config;
    expect(L).toBe(k * (2 + 2));
    expect(analysis.links.length).toBe(L * L);
    expect(analysis.gamma.length).toBe(2 * L);
    expect(analysis.stateTop).toHaveLength(L);
    expect(analysis.stateTop[0]).toHaveLength(5);
    expect(analysis.masks.map((m) => m.position)).toEqual([2, 6]);
    for (const mask of analysis.masks) {
      expect(mask.top).toHaveLength(5);
      expect(mask.top.every((t) => t.id > 4 && t.prob > 0 && t.prob <= 1)).toBe(true);
      expect(mask.top[0]!.prob).toBeGreaterThanOrEqual(mask.top[4]!.prob);
    }
    expect(analysis.fill.tokens).toHaveLength(2);
    expect(analysis.attention).toHaveLength(layers);
    expect(analysis.attention[0]!.length).toBe(H * T * T);
    expect((await model.analyze('the [MASK] sat.', { attention: false })).attention).toEqual([]);
  });
});

describe('analyzeIds', () => {
  it('gives what analyze gives for the text those ids come from', async () => {
    const text = 'the [MASK] sat on the [MASK].';
    const byText = await model.analyze(text, { topK: 5 });
    const byIds = await model.analyzeIds(byText.tokenIds, { topK: 5 });
    expect(byIds.tokens).toEqual(byText.tokens);
    expect(byIds.masks).toEqual(byText.masks);
    expect(byIds.fill).toEqual(byText.fill);
    expect(byIds.text).toBe('the [MASK] sat on the [MASK].');
  });

  it('takes ids no text tokenizes back to: a masked piece before its ## continuation', async () => {
    const { ids, tokens } = model.tokenizer.encode('a dog ran home.');
    expect(tokens.slice(4, 6)).toEqual(['r', '##an']); // the fixture's vocabulary splits "ran"
    const masked = Array.from(ids, (id, i) => (i === 4 ? SPECIAL_IDS.mask : id));
    const analysis = await model.analyzeIds(masked, { topK: 3 });
    expect(analysis.masks.map((m) => m.position)).toEqual([4]);
    expect(analysis.tokens[5]).toBe('##an');
  });

  it('rejects ids without [CLS]/[SEP] and ids outside the vocabulary, saying so', async () => {
    await expect(model.analyzeIds([5, 6, 7])).rejects.toThrow(/start with \[CLS\] \(2\)/);
    await expect(model.analyzeIds([2, 99999, 3])).rejects.toThrow(
      /Token id 99999 is outside the vocabulary of model "tiny-random"/,
    );
  });
});

describe('padding the expanded length to a bucket', () => {
  it('gives the same outputs as no padding', async () => {
    const padded = await ExlmModel.load(folderSource(FIXTURE), 'padded', { padToBucket: true });
    const unpadded = await ExlmModel.load(folderSource(FIXTURE), 'unpadded', {
      padToBucket: false,
    });
    try {
      // T = 33 (bucket 64) and T = 59 (bucket 64): real padding in both.
      for (const text of [
        '[MASK] cat [MASK] on [MASK] mat [MASK] the window [MASK]',
        'the [MASK] was warm and the sun was bright, so the children [MASK] in the garden until dinner.',
      ]) {
        const a = await padded.inspect(text, { attention: true, hidden: true });
        const b = await unpadded.inspect(text, { attention: true, hidden: true });
        expect(a.expansion.tokenIds.length % 16).not.toBe(0);
        const same = (x: Float32Array, y: Float32Array): void => {
          expect(x.length).toBe(y.length);
          let worst = 0;
          for (let i = 0; i < x.length; i++)
            worst = Math.max(worst, x[i] === y[i] ? 0 : Math.abs(x[i]! - y[i]!));
          expect(worst).toBeLessThan(1e-6);
        };
        same(a.forward.hidden, b.forward.hidden);
        same(a.forward.stateLogProbs, b.forward.stateLogProbs);
        same(a.forward.links, b.forward.links);
        a.forward.attention.forEach((att, layer) => same(att, b.forward.attention[layer]!));
        expect(Array.from(a.slots.fillIds)).toEqual(Array.from(b.slots.fillIds));
      }
    } finally {
      padded.dispose();
      unpadded.dispose();
    }
  });
});
