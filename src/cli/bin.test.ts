// The installed command: bin/exlm.mjs as a subprocess, from a directory other than the repository.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from './model';
import type { PredictResult } from './result';

const BIN = resolve(PACKAGE_ROOT, 'bin/exlm.mjs');

function exlm(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8' });
}

describe('bin/exlm.mjs', () => {
  it('predicts from any working directory with exit code 0', () => {
    const run = exlm(
      'predict',
      '--json',
      '--model',
      resolve(PACKAGE_ROOT, 'models/tiny-random'),
      'a [MASK] .',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as PredictResult;
    expect(result.masks).toHaveLength(1);
    expect(result.fill.tokens).toHaveLength(1);
  });

  it('prints the help', () => {
    const run = exlm('predict', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('exlm predict [--model DIR] [--top-k N] [--json] TEXT');
  });

  it('exits with 2 on unusable arguments and 1 on a bad text', () => {
    const usage = exlm('predict', '--top-k', 'x', 'a [MASK]');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--top-k must be a whole number');
    const empty = exlm('predict', '');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/empty/);
  });
});
