// `exlm convert-fairseq`: its arguments, its messages when Python cannot run, and one real round
// trip: the fixture exported to fairseq format by the Python CLI, converted back by exlm, and both
// folders analyzed alike by src/model.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFromFolder, setNodeBackend } from '../node';
import { parseCliArgs } from './args';
import { converterArgv, pythonCommand } from './convert-fairseq';
import { UsageError } from './errors';
import { PACKAGE_ROOT } from './model';
import { FIXTURE_DIR, runCaptured, scratchDir } from './testing';

const GPT2 = ['--gpt2-encoder', 'encoder.json', '--gpt2-bpe', 'vocab.bpe'];
const BASE = ['convert-fairseq', '--checkpoint', 'x.pt', '--dict', 'dict.txt', '--out', 'out'];

describe('parseCliArgs convert-fairseq', () => {
  it('reads the GPT-2 form with its defaults', () => {
    expect(parseCliArgs([...BASE, ...GPT2])).toEqual({
      command: 'convert-fairseq',
      checkpoint: 'x.pt',
      dict: 'dict.txt',
      gpt2Encoder: 'encoder.json',
      gpt2Bpe: 'vocab.bpe',
      tokenizer: undefined,
      out: 'out',
      dtype: 'float16',
      force: false,
    });
  });

  it('reads the tokenizer form with --dtype and --force', () => {
    const args = parseCliArgs([...BASE, '--tokenizer', 't.json', '--dtype', 'float32', '--force']);
    expect(args).toMatchObject({ tokenizer: 't.json', gpt2Encoder: undefined, dtype: 'float32' });
    expect(args.command === 'convert-fairseq' && args.force).toBe(true);
  });

  it('answers --help in both places', () => {
    expect(parseCliArgs(['convert-fairseq', '--help'])).toEqual({
      command: 'help',
      topic: 'convert-fairseq',
    });
    expect(parseCliArgs(['help', 'convert-fairseq'])).toEqual({
      command: 'help',
      topic: 'convert-fairseq',
    });
  });

  it.each([
    [['convert-fairseq', '--dict', 'd', '--out', 'o', ...GPT2], /needs --checkpoint/],
    [['convert-fairseq', '--checkpoint', 'c', '--out', 'o', ...GPT2], /needs --dict/],
    [['convert-fairseq', '--checkpoint', 'c', '--dict', 'd', ...GPT2], /needs --out/],
    [BASE, /--gpt2-encoder encoder\.json with --gpt2-bpe vocab\.bpe, or --tokenizer/],
    [[...BASE, ...GPT2, '--tokenizer', 't.json'], /either --tokenizer or the GPT-2 files/],
    [[...BASE, '--gpt2-encoder', 'encoder.json'], /go together: give both GPT-2 files/],
    [[...BASE, '--tokenizer', ''], /--tokenizer needs a file name/],
    [[...BASE, ...GPT2, '--dtype', 'int8'], /--dtype must be float16 or float32, got "int8"/],
    [[...BASE, ...GPT2, 'extra'], /extra/],
    [[...BASE, ...GPT2, '--colour'], /--colour/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('hands the converter absolute paths', () => {
    const args = parseCliArgs([...BASE, ...GPT2, '--force']);
    if (args.command !== 'convert-fairseq') throw new Error('not parsed as convert-fairseq');
    const argv = converterArgv(args);
    expect(argv.slice(0, 3)).toEqual(['-m', 'training.fairseq', 'convert']);
    expect(argv[argv.indexOf('--checkpoint') + 1]).toBe(join(process.cwd(), 'x.pt'));
    expect(argv[argv.indexOf('--gpt2-bpe') + 1]).toBe(join(process.cwd(), 'vocab.bpe'));
    expect(argv.slice(-3)).toEqual(['--dtype', 'float16', '--force']);
  });
});

describe('exlm convert-fairseq', () => {
  const scratch = scratchDir();
  const ckpt = join(scratch.dir, 'tiny.pt');
  const dict = join(scratch.dir, 'dict.txt');
  const tokenizer = join(FIXTURE_DIR, 'tokenizer.json');
  const savedPython = process.env.PYTHON;

  beforeAll(() => {
    // our fixture as an official checkpoint, by the Python side's export
    execFileSync(
      pythonCommand(),
      [
        '-m',
        'training.fairseq',
        'export',
        '--model',
        FIXTURE_DIR,
        '--out',
        ckpt,
        '--dict-out',
        dict,
      ],
      { cwd: PACKAGE_ROOT, stdio: 'pipe', input: '' },
    );
  }, 60_000);
  afterEach(() => {
    if (savedPython === undefined) delete process.env.PYTHON;
    else process.env.PYTHON = savedPython;
  });
  afterAll(() => scratch.cleanup());

  function convertArgs(out: string, ...more: string[]): string[] {
    return [
      'convert-fairseq',
      '--checkpoint',
      ckpt,
      '--dict',
      dict,
      '--tokenizer',
      tokenizer,
      '--out',
      out,
      ...more,
    ];
  }

  it('prints its help, and the main help lists it', async () => {
    const run = await runCaptured(['convert-fairseq', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('python3-torch python3-numpy');
    expect((await runCaptured(['--help'])).stdout).toContain('exlm convert-fairseq [options]');
  });

  it('refuses a missing input file and a non-empty --out before starting Python', async () => {
    const missing = await runCaptured([
      'convert-fairseq',
      '--checkpoint',
      join(scratch.dir, 'nope.pt'),
      '--dict',
      dict,
      '--tokenizer',
      tokenizer,
      '--out',
      join(scratch.dir, 'o1'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--checkpoint: no such file: ${join(scratch.dir, 'nope.pt')}`);

    const full = join(scratch.dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const run = await runCaptured(convertArgs(full));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out .*full exists and is not empty: .*--force/);
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('says what to install when Python or torch is missing', async () => {
    process.env.PYTHON = join(scratch.dir, 'no-such-python3');
    const noPython = await runCaptured(convertArgs(join(scratch.dir, 'o2')));
    expect(noPython.code).toBe(2);
    expect(noPython.stderr).toContain(`cannot run ${process.env.PYTHON}`);
    expect(noPython.stderr).toContain('python3-torch python3-numpy');

    // an interpreter without torch fails on its first import
    const fake = join(scratch.dir, 'python-without-torch');
    writeFileSync(
      fake,
      '#!/bin/sh\necho "ModuleNotFoundError: No module named \'torch\'" >&2\nexit 1\n',
    );
    chmodSync(fake, 0o755);
    process.env.PYTHON = fake;
    const noTorch = await runCaptured(convertArgs(join(scratch.dir, 'o3')));
    expect(noTorch.code).toBe(2);
    expect(noTorch.stderr).toContain(`${fake} cannot import torch`);
    expect(noTorch.stderr).toContain('sudo apt-get install python3-torch python3-numpy');
  });

  it("passes on the converter's reason for refusing a checkpoint", async () => {
    const short = join(scratch.dir, 'short.txt');
    writeFileSync(short, readFileSync(dict, 'utf8').split('\n').slice(1).join('\n'));
    const run = await runCaptured([
      'convert-fairseq',
      '--checkpoint',
      ckpt,
      '--dict',
      short,
      '--tokenizer',
      tokenizer,
      '--out',
      join(scratch.dir, 'o4'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /short\.txt: 309 symbols.* but encoder\.sentence_encoder\.embed_tokens\.weight has 315 rows/,
    );
    expect(run.stderr).toContain('the conversion failed');
  });

  it('converts the exported fixture into a folder that analyzes like the original', async () => {
    const out = join(scratch.dir, 'converted');
    const run = await runCaptured(convertArgs(out, '--dtype', 'float32'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/converted tiny\.pt \(p_roberta_ext_denselink_prenorm, k=4/);
    expect(run.stdout).toContain(`exlm predict --model ${out}`);

    await setNodeBackend('wasm');
    const original = await loadModelFromFolder(FIXTURE_DIR);
    const converted = await loadModelFromFolder(out);
    try {
      expect(converted.config.architecture).toBe('exlm');
      for (const text of ['The cat [MASK] on the mat.', 'She [MASK] [MASK] to the store.']) {
        const a = await original.analyze(text, { topK: 5, attention: false });
        const b = await converted.analyze(text, { topK: 5, attention: false });
        expect(b.tokens).toEqual(a.tokens);
        expect(b.masks).toHaveLength(a.masks.length);
        b.masks.forEach((slot, i) => {
          const want = a.masks[i]!;
          expect(slot.top.map((t) => t.token)).toEqual(want.top.map((t) => t.token));
          slot.top.forEach((t, j) => expect(t.prob).toBeCloseTo(want.top[j]!.prob, 5));
          expect(slot.entropy).toBeCloseTo(want.entropy, 4);
        });
        expect(b.fill.text).toBe(a.fill.text);
      }
    } finally {
      original.dispose();
      converted.dispose();
    }
  });
});
