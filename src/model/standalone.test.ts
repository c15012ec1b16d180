import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('src/model on its own', () => {
  it('runs in a Node program that loads only tfjs-core and a backend', () => {
    // A child process: in this one, other test files' imports may already have registered tfjs'
    // chained tensor methods, which would hide a model that still relied on them.
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/model/standalone.testdata.ts', 'models/tiny-random'],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const result = JSON.parse(out.trim().split('\n')[0] ?? '') as {
      chained: boolean;
      masks: number;
      fill: string;
    };
    expect(result.chained).toBe(false); // the program really lacks the chained methods
    expect(result.masks).toBe(1);
    expect(result.fill).toMatch(/^the \S+ sat on the mat\.$/);
  }, 60_000);
});
