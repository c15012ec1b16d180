import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { resolveModelDir } from './model';
import { MODELS_DIR } from './paths';
import { FIXTURE_DIR, runCaptured } from './testing';

let dir: string | null = null;
afterEach(() => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('exlm models', () => {
  it('lists the repository models with their twins', async () => {
    const run = await runCaptured(['models', '--json']);
    expect(run.code).toBe(0);
    const { models } = JSON.parse(run.stdout) as { models: { name: string; twin: string }[] };
    expect(models.find((m) => m.name === 'tiny-random')?.twin).toBe('tiny-random-mlm');
  });

  it('shows a folder dropped in, and says why another is skipped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-models-'));
    cpSync(FIXTURE_DIR, join(dir, 'exlm-mine'), { recursive: true });
    cpSync(resolve(MODELS_DIR, 'tiny-random-mlm'), join(dir, 'mlm-mine'), { recursive: true });
    mkdirSync(join(dir, 'notes'));
    const run = await runCaptured(['models', '--dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^exlm-mine +ExLM, k = 4, random test weights, twin mlm-mine$/m);
    expect(run.stdout).toMatch(/^mlm-mine +MLM, random test weights \(twin: shown in Compare\)$/m);
    expect(run.stdout).toContain('skipped: notes: no config.json');
  });

  it('refuses unknown options with a pointer to the help', async () => {
    const run = await runCaptured(['models', '--nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--nope'");
  });
});

describe('--model NAME', () => {
  it('finds a folder of models/ by name, and prefers a real path', () => {
    expect(resolveModelDir('tiny-random-mlm')).toBe(resolve(MODELS_DIR, 'tiny-random-mlm'));
    expect(resolveModelDir(FIXTURE_DIR)).toBe(FIXTURE_DIR);
    expect(resolveModelDir('no-such-model')).toBe(resolve('no-such-model'));
  });

  it('predicts with a model named by its folder', async () => {
    const run = await runCaptured([
      'predict',
      '--json',
      '--model',
      'tiny-random-mlm',
      'a [MASK] b',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).model).toBe('tiny-random-mlm');
  });
});
