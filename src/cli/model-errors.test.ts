// A model folder that cannot be used stops the command with exit code 2 and a message naming the
// path, field or tensor at fault.
import { rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenFixture, editJson, FIXTURE_DIR, runCaptured, scratchDir } from './testing';

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
    expect(await predictWith(modelDir)).toMatch(/holds 1000 bytes but weights\.json describes \d+/);
  });
});

// Hostile folders (docs/model-format.md): refused with exit 2, the file named, and nothing read
// from outside the folder. The file outside is as long as the shard, so reading it would load.
const SHARD = 'group1-shard1of1.bin';
const SHARD_BYTES = statSync(join(FIXTURE_DIR, SHARD)).size;
const SECRET = join(scratch.dir, 'secret.bin');
writeFileSync(SECRET, 'TOP-SECRET '.repeat(SHARD_BYTES).slice(0, SHARD_BYTES));

const shardPath = (path: string) => (dir: string) =>
  editManifest(dir, ([group]) => (group!.paths = [path]));
const resizeShard = (delta: number) => (dir: string) =>
  truncateSync(join(dir, SHARD), SHARD_BYTES + delta);
type Tokenizer = {
  added_tokens: { id: number; content: string }[];
  model: { vocab: Record<string, number> };
};
const editTokenizer = (change: (json: Tokenizer) => void) => (dir: string) =>
  editJson(join(dir, 'tokenizer.json'), (json) => change(json as unknown as Tokenizer));

describe('exlm predict with a hostile model folder', () => {
  it.each<[string, (dir: string) => void, string, string]>([
    [
      'traversal',
      shardPath('../secret.bin'),
      'weights.json',
      'shard path "../secret.bin" is not a file name inside the model folder',
    ],
    [
      'deep traversal',
      shardPath('../../../etc/passwd'),
      'weights.json',
      'shard path "../../../etc/passwd" is not a file name',
    ],
    [
      'an absolute path',
      shardPath(SECRET),
      'weights.json',
      `shard path ${JSON.stringify(SECRET)} is not a file name`,
    ],
    [
      'a URL',
      shardPath('https://evil.example/x.bin'),
      'weights.json',
      'shard path "https://evil.example/x.bin" is not a file name',
    ],
    [
      'an encoded traversal',
      shardPath('%2e%2e/secret.bin'),
      'weights.json',
      'shard path "%2e%2e/secret.bin" is not a file name',
    ],
    [
      'a backslash traversal',
      shardPath('..\\secret.bin'),
      'weights.json',
      'shard path "..\\\\secret.bin" is not a file name',
    ],
    [
      'a shard 1 byte longer',
      resizeShard(1),
      SHARD,
      `holds ${SHARD_BYTES + 1} bytes but weights.json describes ${SHARD_BYTES} (1 byte too many)`,
    ],
    [
      'a shard 1 byte shorter',
      resizeShard(-1),
      SHARD,
      `holds ${SHARD_BYTES - 1} bytes but weights.json describes ${SHARD_BYTES} (1 byte too few)`,
    ],
    [
      'vocab_size 1e9',
      (dir) => editJson(join(dir, 'config.json'), (c) => (c.vocab_size = 1e9)),
      'config.json',
      'field "vocab_size" must be at most 1000000',
    ],
    [
      'num_layers 1e4',
      (dir) => editJson(join(dir, 'config.json'), (c) => (c.num_layers = 1e4)),
      'config.json',
      'field "num_layers" must be at most 256',
    ],
    [
      '[MASK] at id 7',
      editTokenizer((json) => {
        const seventh = Object.keys(json.model.vocab).find((t) => json.model.vocab[t] === 7)!;
        json.model.vocab[seventh] = 4;
        json.model.vocab['[MASK]'] = 7;
        json.added_tokens.find((t) => t.content === '[MASK]')!.id = 7;
      }),
      'tokenizer.json',
      'token [MASK] must have id 4 (found 7)',
    ],
    [
      'a tokenizer larger than vocab_size',
      editTokenizer((json) => {
        for (let i = 0; i < 10; i++) json.model.vocab[`extra${i}`] = 315 + i;
      }),
      'tokenizer.json',
      'has 325 tokens but config.json says vocab_size 315',
    ],
    [
      'a shard linked outside',
      (dir) => {
        rmSync(join(dir, SHARD));
        symlinkSync(SECRET, join(dir, SHARD));
      },
      SHARD,
      'is a link to a file outside the model folder',
    ],
    [
      'config.json linked outside',
      (dir) => {
        rmSync(join(dir, 'config.json'));
        symlinkSync('../secret.bin', join(dir, 'config.json'));
      },
      'config.json',
      'is a link to a file outside the model folder',
    ],
  ])('refuses %s, naming the file', async (name, edit, file, message) => {
    const modelDir = brokenFixture(scratch.dir, `hostile-${name.replaceAll(/\W+/g, '-')}`, edit);
    const stderr = await predictWith(modelDir);
    expect(stderr).toContain(join(modelDir, file));
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('TOP-SECRET');
  });
});
