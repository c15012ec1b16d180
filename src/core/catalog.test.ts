import { describe, expect, it } from 'vitest';

import {
  type CatalogEntry,
  chooseModels,
  isValidModelName,
  pairFor,
  parseCatalog,
  pickerModels,
} from './catalog';

const entry = (name: string, architecture: 'exlm' | 'mlm', trained = true): CatalogEntry => ({
  name,
  architecture,
  expansion: architecture === 'exlm' ? 4 : 1,
  trainingSteps: trained ? 100 : null,
});

const FULL = [
  entry('exlm-en-small', 'exlm'),
  entry('mlm-en-small', 'mlm'),
  entry('tiny-random', 'exlm', false),
  entry('tiny-random-mlm', 'mlm', false),
];

describe('chooseModels', () => {
  it('prefers the shipped pair on a first visit', () => {
    expect(chooseModels(null, FULL)).toEqual({
      pair: { exlm: 'exlm-en-small', mlm: 'mlm-en-small' },
      missing: null,
    });
  });
  it('falls back to the best model there is', () => {
    expect(chooseModels(null, FULL.slice(2)).pair).toEqual({
      exlm: 'tiny-random',
      mlm: 'tiny-random-mlm',
    });
  });
  it('uses a requested model and finds its twin by name', () => {
    const entries = [...FULL, entry('exlm-big', 'exlm'), entry('mlm-big', 'mlm')];
    expect(chooseModels('exlm-big', entries).pair).toEqual({ exlm: 'exlm-big', mlm: 'mlm-big' });
  });
  it('names a requested model that is missing and shows the default instead', () => {
    expect(chooseModels('nope', FULL)).toEqual({
      pair: { exlm: 'exlm-en-small', mlm: 'mlm-en-small' },
      missing: 'nope',
    });
  });
  it('names the fixture when the catalog is empty, so the load error names a folder', () => {
    expect(chooseModels(null, []).pair).toEqual({ exlm: 'tiny-random', mlm: null });
  });
});

describe('pairFor and pickerModels', () => {
  it('pairs "x" with "x-mlm" and "exlm-x" with "mlm-x", only when that MLM exists', () => {
    expect(pairFor('tiny-random', FULL).mlm).toBe('tiny-random-mlm');
    expect(pairFor('exlm-other', FULL).mlm).toBeNull();
  });
  it('offers trained models first and leaves twins to their ExLM', () => {
    const entries = [...FULL, entry('mlm-alone', 'mlm'), entry('a-new-exlm', 'exlm')];
    expect(pickerModels(entries).map((e) => e.name)).toEqual([
      'a-new-exlm',
      'exlm-en-small',
      'mlm-alone',
      'tiny-random',
    ]);
  });
});

describe('parseCatalog', () => {
  it('reads what the server writes', () => {
    expect(parseCatalog(JSON.stringify({ models: FULL }))).toEqual(FULL);
  });
  it('says what is wrong with a bad catalog', () => {
    expect(() => parseCatalog('<html>')).toThrow('is not JSON');
    expect(() => parseCatalog('{}')).toThrow('has no "models" list');
    expect(() => parseCatalog('{"models": [{"name": "../x"}]}')).toThrow('entry 0 is malformed');
  });
});

describe('isValidModelName', () => {
  it('accepts folder names and refuses paths', () => {
    expect(isValidModelName('exlm-en-small')).toBe(true);
    for (const bad of ['', '../etc', 'a/b', '.hidden', 'a..b', 'x'.repeat(65)]) {
      expect(isValidModelName(bad)).toBe(false);
    }
  });
});
