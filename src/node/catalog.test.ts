import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { scanModelFolders } from './catalog';

const MODELS = resolve(import.meta.dirname, '../../models');
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
      domain: 'text',
      trainingSteps: null,
    });
    expect(models.find((m) => m.name === 'tiny-random-mlm')?.architecture).toBe('mlm');
  });

  it('reads the domain from tokenizer.json\'s "type": "smiles" is a molecule model', () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-catalog-'));
    cpSync(join(MODELS, 'tiny-random'), join(dir, 'smiles-model'), { recursive: true });
    const tokenizer = join(dir, 'smiles-model', 'tokenizer.json');
    const json = JSON.parse(readFileSync(tokenizer, 'utf8'));
    writeFileSync(tokenizer, JSON.stringify({ ...json, type: 'smiles' }));
    cpSync(join(MODELS, 'tiny-random'), join(dir, 'words'), { recursive: true });
    writeFileSync(
      join(dir, 'words', 'tokenizer.json'),
      JSON.stringify({ ...json, type: 'wordpiece' }),
    );
    const { models } = scanModelFolders(dir);
    expect(models.map((m) => [m.name, m.domain])).toEqual([
      ['smiles-model', 'molecules'],
      ['words', 'text'],
    ]);
  });

  it('reports a folder without a readable tokenizer.json, never one that links outside', () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-catalog-'));
    for (const name of ['none', 'garbled', 'sneaky']) {
      cpSync(join(MODELS, 'tiny-random'), join(dir, name), { recursive: true });
    }
    rmSync(join(dir, 'none', 'tokenizer.json'));
    writeFileSync(join(dir, 'garbled', 'tokenizer.json'), '{"type": ');
    writeFileSync(join(dir, 'secret.json'), '{"type": "smiles"}');
    rmSync(join(dir, 'sneaky', 'tokenizer.json'));
    symlinkSync(join(dir, 'secret.json'), join(dir, 'sneaky', 'tokenizer.json'));
    const { models, skipped } = scanModelFolders(dir);
    expect(models).toEqual([]);
    expect(skipped).toEqual([
      'garbled: tokenizer.json is not JSON',
      'none: no tokenizer.json',
      'sneaky: tokenizer.json is a link to a file outside the model folder',
    ]);
  });

  /** A shipped model's measured quality, rounded as the docs print it: per ratio top-1 and top-5
   *  (%), entropy, and with `fills` the valid and exact best fills (%). */
  function roundedQuality(name: string, fills = false) {
    const quality = scanModelFolders(MODELS).models.find((m) => m.name === name)?.quality;
    const ratios = quality?.ratios.map((r) => [
      r.ratio,
      +(100 * r.top1).toFixed(1),
      +(100 * r.top5).toFixed(1),
      +r.entropy.toFixed(3),
      ...(fills
        ? [+(100 * (r.validity ?? NaN)).toFixed(1), +(100 * (r.exact ?? NaN)).toFixed(1)]
        : []),
    ]);
    return { sentences: quality?.sentences, ratios };
  }

  it("passes on the shipped models' measured quality from config.json", () => {
    // docs/exlm-training.md: 1,000 test sentences; top-1 / top-5 / entropy at 15, 30, 50%.
    expect(roundedQuality('exlm-en-small')).toEqual({
      sentences: 1000,
      ratios: [
        [0.15, 32.1, 50.6, 4.194],
        [0.3, 28.3, 46.8, 4.441],
        [0.5, 24.4, 42.6, 4.693],
      ],
    });
    expect(roundedQuality('mlm-en-small')).toEqual({
      sentences: 1000,
      ratios: [
        [0.15, 31.7, 49.9, 4.187],
        [0.3, 28.2, 47.0, 4.444],
        [0.5, 23.9, 42.9, 4.69],
      ],
    });
    expect(roundedQuality('tiny-random').sentences).toBeUndefined();
  });

  it("passes on the shipped molecule models' measured quality, valid and exact fills too", () => {
    // docs/molecules.md: 600 held-out test molecules; top-1 / top-5 / entropy / valid best fills /
    // best fills that give back the molecule, at 15, 30, 50% of the tokens masked.
    expect(roundedQuality('exlm-smiles-small', true)).toEqual({
      sentences: 600,
      ratios: [
        [0.15, 82.9, 98.7, 0.64, 64.2, 40.3],
        [0.3, 76.9, 97.4, 0.843, 34.2, 11.8],
        [0.5, 62.2, 92.9, 1.223, 8.8, 1.2],
      ],
    });
    expect(roundedQuality('mlm-smiles-small', true)).toEqual({
      sentences: 600,
      ratios: [
        [0.15, 83.7, 98.8, 0.581, 65.3, 42.3],
        [0.3, 77.8, 97.9, 0.738, 36.8, 14.2],
        [0.5, 65.6, 94.5, 1.085, 10.5, 2.0],
      ],
    });
  });

  it('reports a folder whose "evaluation" is malformed', () => {
    dir = mkdtempSync(join(tmpdir(), 'exlm-catalog-'));
    cpSync(join(MODELS, 'tiny-random'), join(dir, 'scored'), { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, 'scored', 'config.json'), 'utf8'));
    config.evaluation = { sentences: 1000, ratios: [{ ratio: 0.15, top1: 0.9, top5: 0.5 }] };
    writeFileSync(join(dir, 'scored', 'config.json'), JSON.stringify(config));
    const { models, skipped } = scanModelFolders(dir);
    expect(models).toEqual([]);
    expect(skipped[0]).toMatch(/^scored: .*field "evaluation" "ratios" entry 0: "top1" cannot be/);
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
