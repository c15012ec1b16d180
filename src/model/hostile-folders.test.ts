// Hostile model folders (docs/model-format.md, "Hostile folders"): each case is the fixture with one
// file changed, loaded through the page's sources (urlSource with a fake server that answers any
// URL, blobSource over the files handed over) and refused before anything else is read, with a
// message that names the file. folderSource's own checks (links out of the folder, FIFOs) are at
// the end; the CLI runs the same cases on disk in src/cli/model-errors.test.ts.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ExlmModel } from './analyze';
import { folderSource, setNodeBackend } from '../node';
import type { Fetch } from './platform';
import { blobSource, isPlainFileName, type ModelSource, urlSource } from './source';

const FIXTURE = 'models/tiny-random';
const SHARD = 'group1-shard1of1.bin';
/** What a server or a file outside the folder would give: it must never reach a message. */
const SECRET = 'root:x:0:0:TOP-SECRET-OUTSIDE-THE-FOLDER';

type Files = Map<string, Uint8Array<ArrayBuffer>>;

function fixtureFiles(): Files {
  return new Map(
    readdirSync(FIXTURE).map((name) => [name, new Uint8Array(readFileSync(join(FIXTURE, name)))]),
  );
}

function editJson(files: Files, name: string, change: (json: never) => void): void {
  const json = JSON.parse(new TextDecoder().decode(files.get(name))) as never;
  change(json);
  files.set(name, new TextEncoder().encode(JSON.stringify(json)));
}

interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string }[];
}
interface TokenizerJson {
  added_tokens: { id: number; content: string }[];
  model: { vocab: Record<string, number> };
}

const shardPath = (path: string) => (files: Files) =>
  editJson(files, 'weights.json', (groups: ManifestGroup[]) => (groups[0]!.paths = [path]));

const resizeShard = (delta: number) => (files: Files) => {
  const shard = files.get(SHARD)!;
  const resized = new Uint8Array(shard.length + delta);
  resized.set(shard.subarray(0, Math.min(shard.length, resized.length)));
  files.set(SHARD, resized);
};

const configField = (field: string, value: unknown) => (files: Files) =>
  editJson(files, 'config.json', (config: Record<string, unknown>) => (config[field] = value));

const SHARD_BYTES = readFileSync(join(FIXTURE, SHARD)).length;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const notAFileName = (path: string): RegExp =>
  new RegExp(
    `weights\\.json: shard path ${escape(JSON.stringify(path))} is not a file name inside the model folder`,
  );

/** [case, edit of the fixture, the file the message names, the message]. */
const HOSTILE: [string, (files: Files) => void, string, RegExp][] = [
  ...[
    '../../../etc/passwd',
    '/etc/passwd',
    'C:\\Windows\\win.ini',
    '..\\..\\x.bin',
    'https://evil.example/x.bin',
    'http://127.0.0.1/x.bin',
    '//evil.example/x.bin',
    'data:application/octet-stream;base64,AAAA',
    'file:///etc/passwd',
    '%2e%2e/x.bin',
    '%2e%2e%2fx.bin',
    'sub/group1-shard1of1.bin',
    '.hidden.bin',
    '..',
    '',
  ].map((path): [string, (files: Files) => void, string, RegExp] => [
    `shard path ${JSON.stringify(path)}`,
    shardPath(path),
    'weights.json',
    notAFileName(path),
  ]),
  [
    'the same shard listed twice',
    (files) =>
      editJson(files, 'weights.json', (groups: ManifestGroup[]) => groups[0]!.paths.push(SHARD)),
    'weights.json',
    /weights\.json: shard path "group1-shard1of1\.bin" is listed twice/,
  ],
  [
    'a tensor listed twice',
    (files) =>
      editJson(files, 'weights.json', (groups: ManifestGroup[]) =>
        groups[0]!.weights.push({ ...groups[0]!.weights[0]! }),
      ),
    'weights.json',
    /weights\.json: tensor "embed\.weight" appears twice/,
  ],
  [
    'dtype float64',
    (files) =>
      editJson(files, 'weights.json', (groups: ManifestGroup[]) => {
        groups[0]!.weights[0]!.dtype = 'float64';
      }),
    'weights.json',
    /weights\.json group 0: tensor "embed\.weight" has dtype "float64"; expected float32 or float16/,
  ],
  [
    'a shard 1 byte longer',
    resizeShard(1),
    SHARD,
    new RegExp(
      `weight shard \\S*${SHARD} holds ${SHARD_BYTES + 1} bytes but weights\\.json describes ${SHARD_BYTES} \\(1 byte too many\\)`,
    ),
  ],
  [
    'a shard 1 byte shorter',
    resizeShard(-1),
    SHARD,
    new RegExp(
      `weight shard \\S*${SHARD} holds ${SHARD_BYTES - 1} bytes but weights\\.json describes ${SHARD_BYTES} \\(1 byte too few\\)`,
    ),
  ],
  [
    'vocab_size 1e9',
    configField('vocab_size', 1e9),
    'config.json',
    /config\.json: field "vocab_size" must be at most 1000000, the limit for model folders \(got 1000000000\)/,
  ],
  [
    'num_layers 1e4',
    configField('num_layers', 1e4),
    'config.json',
    /config\.json: field "num_layers" must be at most 256, the limit for model folders \(got 10000\)/,
  ],
  [
    'sizes within their limits that imply over 2 GiB of weights',
    (files) =>
      editJson(files, 'config.json', (config: Record<string, unknown>) =>
        Object.assign(config, { vocab_size: 1_000_000, hidden_size: 1024, num_heads: 16 }),
      ),
    'config.json',
    /config\.json: the sizes imply \d+ parameters \(3\.\d GiB as float32\), more than the limit of 536870912 \(2 GiB as float32\); the largest part is vocab_size x hidden_size/,
  ],
  [
    'a tokenizer with [MASK] at id 7',
    (files) =>
      editJson(files, 'tokenizer.json', (json: TokenizerJson) => {
        const seventh = Object.keys(json.model.vocab).find((t) => json.model.vocab[t] === 7)!;
        json.model.vocab[seventh] = 4;
        json.model.vocab['[MASK]'] = 7;
        json.added_tokens.find((t) => t.content === '[MASK]')!.id = 7;
      }),
    'tokenizer.json',
    /tokenizer\.json: token \[MASK\] must have id 4 \(found 7\)/,
  ],
  [
    'a tokenizer vocabulary larger than vocab_size',
    (files) =>
      editJson(files, 'tokenizer.json', (json: TokenizerJson) => {
        for (let i = 0; i < 10; i++) json.model.vocab[`extra${i}`] = 315 + i;
      }),
    'tokenizer.json',
    /tokenizer\.json: has 325 tokens but config\.json says vocab_size 315/,
  ],
  [
    'a tokenizer id past vocab_size',
    (files) =>
      editJson(files, 'tokenizer.json', (json: TokenizerJson) => {
        // As many tokens as vocab_size, but one of them past the last row.
        const byId = (id: number) =>
          Object.keys(json.model.vocab).find((t) => json.model.vocab[t] === id)!;
        delete json.model.vocab[byId(313)];
        json.model.vocab[byId(314)] = 5000;
      }),
    'tokenizer.json',
    /tokenizer\.json: token "yet" has id 5000 but config\.json says vocab_size 315 \(ids 0\.\.314\)/,
  ],
  [
    'a tokenizer id of 4e9 (the tokenizers library would walk every id up to it)',
    (files) =>
      editJson(files, 'tokenizer.json', (json: TokenizerJson) => {
        const last = Object.keys(json.model.vocab).find((t) => json.model.vocab[t] === 314)!;
        json.model.vocab[last] = 4e9;
      }),
    'tokenizer.json',
    /tokenizer\.json: token "yet" has id 4000000000 but config\.json says vocab_size 315/,
  ],
  [
    'a tokenizer.json that is not JSON',
    (files) => files.set('tokenizer.json', new TextEncoder().encode('{"model": ')),
    'tokenizer.json',
    /tokenizer\.json: is not valid JSON/,
  ],
  [
    'a tokenizer.json that is not a tokenizers file',
    (files) => files.set('tokenizer.json', new TextEncoder().encode('["[PAD]", "[UNK]"]')),
    'tokenizer.json',
    /tokenizer\.json: not a usable tokenizer\.json/,
  ],
];

const PREFIX = '/models/hostile/';

/** A server that answers every URL: the model's files under PREFIX, SECRET anywhere else. */
function fakeServer(files: Files): { fetch: Fetch; requested: string[] } {
  const requested: string[] = [];
  const fetch: Fetch = async (url) => {
    requested.push(url);
    const bytes = (url.startsWith(PREFIX) && files.get(url.slice(PREFIX.length))) || undefined;
    const body = bytes ?? new TextEncoder().encode(SECRET.repeat(1 + SHARD_BYTES / SECRET.length));
    return {
      ok: true,
      status: 200,
      statusText: 'OK',
      text: async () => new TextDecoder().decode(body),
      arrayBuffer: async () => body.slice().buffer,
    };
  };
  return { fetch, requested };
}

async function refusal(source: ModelSource): Promise<string> {
  const loaded = await ExlmModel.load(source, 'hostile').then(
    (model) => {
      model.dispose();
      return null;
    },
    (error: unknown) => error,
  );
  expect(loaded).toBeInstanceOf(Error);
  return (loaded as Error).message;
}

beforeAll(() => setNodeBackend('cpu'));

describe('a hostile model folder is refused, naming the file', () => {
  it('loads the unchanged fixture through both page sources (the fakes work)', async () => {
    const server = fakeServer(fixtureFiles());
    const model = await ExlmModel.load(urlSource(PREFIX, server.fetch), 'fixture');
    model.dispose();
    expect(server.requested.map((url) => url.slice(PREFIX.length)).sort()).toEqual([
      'config.json',
      SHARD,
      'tokenizer.json',
      'weights.json',
    ]);
    const blobs = new Map([...fixtureFiles()].map(([name, bytes]) => [name, new Blob([bytes])]));
    (await ExlmModel.load(blobSource(blobs, 'dropped'), 'fixture')).dispose();
  });

  it.each(HOSTILE)('urlSource: %s', async (_case, edit, file, message) => {
    const files = fixtureFiles();
    edit(files);
    const server = fakeServer(files);
    const text = await refusal(urlSource(PREFIX, server.fetch));
    expect(text).toMatch(message);
    expect(text).toContain(`${PREFIX}${file}`);
    expect(text).not.toContain('TOP-SECRET');
    // Nothing but the folder's own plain file names was ever asked for.
    for (const url of server.requested) {
      expect(url.startsWith(PREFIX) && isPlainFileName(url.slice(PREFIX.length))).toBe(true);
    }
  });

  it.each(HOSTILE)('blobSource: %s', async (_case, edit, file, message) => {
    const files = fixtureFiles();
    edit(files);
    const blobs = new Map([...files].map(([name, bytes]) => [name, new Blob([bytes])]));
    const text = await refusal(blobSource(blobs, 'dropped'));
    expect(text).toMatch(message);
    expect(text).toContain(`dropped/${file}`);
  });
});

describe('the sources themselves read plain file names only', () => {
  const names = ['../config.json', '/etc/passwd', 'https://evil.example/x', '%2e%2e', 'a\\b', '.x'];

  it.each(names)('urlSource refuses %j without fetching it', async (name) => {
    const server = fakeServer(fixtureFiles());
    await expect(urlSource(PREFIX, server.fetch).readBinary(name)).rejects.toThrow(
      'is not a file name inside the model folder',
    );
    expect(server.requested).toEqual([]);
  });

  it.each(names)('blobSource refuses %j', async (name) => {
    const blobs = new Map([[name, new Blob([SECRET])]]);
    await expect(blobSource(blobs, 'dropped').readText(name)).rejects.toThrow(
      'is not a file name inside the model folder',
    );
  });
});

describe('folderSource', () => {
  let parent: string;
  let dir: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'exlm-hostile-'));
    dir = join(parent, 'model');
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(join(parent, 'secret.txt'), SECRET);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'inner.txt'), 'inside');
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it.each(['../secret.txt', '/tmp/secret.txt', 'sub/inner.txt', '%2e%2e'])(
    'refuses the name %j before touching the disk',
    async (name) => {
      await expect(folderSource(dir).readText(name)).rejects.toThrow(
        /is not a file name inside the model folder/,
      );
    },
  );

  it('refuses a link to a file outside the folder, without its contents in the message', async () => {
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'outside.bin'));
    const error = await folderSource(dir)
      .readBinary('outside.bin')
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `cannot read model file ${join(dir, 'outside.bin')}: is a link to a file outside the model folder`,
    );
    symlinkSync('../secret.txt', join(dir, 'relative.bin'));
    await expect(folderSource(dir).readText('relative.bin')).rejects.toThrow(
      /relative\.bin: is a link to a file outside the model folder/,
    );
  });

  it('follows a link that stays inside the folder, and a folder that is itself a link', async () => {
    symlinkSync('sub/inner.txt', join(dir, 'inner-link.txt'));
    expect(await folderSource(dir).readText('inner-link.txt')).toBe('inside');
    symlinkSync(dir, join(parent, 'linked-model'));
    expect(await folderSource(join(parent, 'linked-model')).readText('inner-link.txt')).toBe(
      'inside',
    );
  });

  it('refuses a directory and a FIFO (which would block the read)', async () => {
    await expect(folderSource(dir).readText('sub')).rejects.toThrow(/sub: is not a regular file/);
    if (process.platform === 'win32') return;
    execFileSync('mkfifo', [join(dir, 'fifo.bin')]);
    await expect(folderSource(dir).readBinary('fifo.bin')).rejects.toThrow(
      /fifo\.bin: is not a regular file/,
    );
  });
});
