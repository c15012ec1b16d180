import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { scanModelFolders } from './catalog';

const MODELS = resolve(import.meta.dirname, '../../../models');
let dir: string | null = null;

afterEach(() => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('scanModelFolders', () => {
  it('lists the repository models with architecture and training steps', () => {
    const { models } = scanModelFolders(MODELS);
    const fixture = models.find((m) => m.name === 'tiny-random');
    expect(fixture).toEqual({
      name: 'tiny-random',
      architecture: 'exlm',
      expansion: 4,
      trainingSteps: null,
    });
    expect(models.find((m) => m.name === 'tiny-random-mlm')?.architecture).toBe('mlm');
  });

  it('picks up a folder dropped in and reports the ones it cannot use', () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-catalog-'));
    cpSync(join(MODELS, 'tiny-random'), join(dir, 'my-model'), { recursive: true });
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'config.json'), '{"architecture": "gpt"}');
    const { models, skipped } = scanModelFolders(dir);
    expect(models.map((m) => m.name)).toEqual(['my-model']);
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatch(/^broken: .*config\.json: field "architecture"/);
    expect(skipped[1]).toBe('empty: no config.json');
  });

  it('never reads a config.json that links outside its folder', () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-catalog-'));
    writeFileSync(join(dir, 'secret.txt'), 'top secret text');
    mkdirSync(join(dir, 'sneaky'));
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'sneaky', 'config.json'));
    const { models, skipped } = scanModelFolders(dir);
    expect(models).toEqual([]);
    expect(skipped).toEqual(['sneaky: config.json is a link to a file outside the model folder']);
  });

  it('treats a missing folder as an empty catalog', () => {
    expect(scanModelFolders('/nonexistent/models')).toEqual({ models: [], skipped: [] });
  });
});
