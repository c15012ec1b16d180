// A model folder that cannot be used stops the command with exit code 2 and a message naming the
// path, field or tensor at fault.
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenFixture, editJson, runCaptured, scratchDir } from './testing';

const scratch = scratchDir();
afterAll(scratch.cleanup);

async function predictWith(modelDir: string) {
  const run = await runCaptured(['predict', '--model', modelDir, 'the [MASK] sat .']);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return run.stderr;
}

interface WeightsGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string }[];
}

function editManifest(modelDir: string, change: (groups: WeightsGroup[]) => void): void {
  editJson(join(modelDir, 'weights.json'), (json) => change(json as unknown as WeightsGroup[]));
}

describe('exlm predict with an unusable model', () => {
  it('names a model folder that does not exist', async () => {
    const missing = join(scratch.dir, 'no-such-model');
    expect(await predictWith(missing)).toContain(`model folder not found: ${missing}`);
  });

  it.each(['config.json', 'tokenizer.json', 'weights.json'])('names a missing %s', async (file) => {
    const modelDir = brokenFixture(scratch.dir, `missing-${file}`, (dir) =>
      rmSync(join(dir, file)),
    );
    expect(await predictWith(modelDir)).toContain(join(modelDir, file));
  });

  it('names a missing weight shard', async () => {
    const modelDir = brokenFixture(scratch.dir, 'missing-shard', (dir) =>
      rmSync(join(dir, 'group1-shard1of1.bin')),
    );
    expect(await predictWith(modelDir)).toContain(join(modelDir, 'group1-shard1of1.bin'));
  });

  it('names the malformed field of config.json', async () => {
    const modelDir = brokenFixture(scratch.dir, 'bad-field', (dir) =>
      editJson(join(dir, 'config.json'), (config) => (config.num_heads = 'two')),
    );
    const stderr = await predictWith(modelDir);
    expect(stderr).toContain(join(modelDir, 'config.json'));
    expect(stderr).toContain('"num_heads"');
  });

  it('says when config.json is not JSON at all', async () => {
    const modelDir = brokenFixture(scratch.dir, 'not-json', (dir) =>
      writeFileSync(join(dir, 'config.json'), '{"architecture": "exlm",'),
    );
    expect(await predictWith(modelDir)).toMatch(/config\.json: is not valid JSON/);
  });

  it('names a weight missing from the manifest', async () => {
    const modelDir = brokenFixture(scratch.dir, 'missing-weight', (dir) =>
      editManifest(dir, ([group]) => {
        group!.weights = group!.weights.filter((w) => w.name !== 'layers.1.ffn.fc2.bias');
      }),
    );
    expect(await predictWith(modelDir)).toMatch(/missing tensor "layers\.1\.ffn\.fc2\.bias"/);
  });

  it('names a weight of the wrong shape with both shapes', async () => {
    const modelDir = brokenFixture(scratch.dir, 'wrong-shape', (dir) =>
      editManifest(dir, ([group]) => {
        const kernel = group!.weights.find((w) => w.name === 'layers.0.attn.q.kernel');
        kernel!.shape = [32, 16];
      }),
    );
    const stderr = await predictWith(modelDir);
    expect(stderr).toContain('"layers.0.attn.q.kernel"');
    expect(stderr).toContain('[32, 16]');
    expect(stderr).toContain('[32, 32]');
  });

  it('says when the shard holds fewer bytes than the manifest describes', async () => {
    const modelDir = brokenFixture(scratch.dir, 'short-shard', (dir) =>
      truncateSync(join(dir, 'group1-shard1of1.bin'), 1000),
    );
    expect(await predictWith(modelDir)).toMatch(/hold 1000 bytes but weights\.json describes \d+/);
  });
});
