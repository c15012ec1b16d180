import { describe, expect, it } from 'vitest';

import {
  type CatalogEntry,
  checkQuality,
  chooseModels,
  type ModelQuality,
  isValidModelName,
  pairFor,
  parseCatalog,
  pickerModels,
} from './catalog';

const entry = (
  name: string,
  architecture: 'exlm' | 'mlm',
  trained = true,
  domain: 'text' | 'molecules' = 'text',
): CatalogEntry => ({
  name,
  architecture,
  expansion: architecture === 'exlm' ? 4 : 1,
  domain,
  trainingSteps: trained ? 100 : null,
});

const SMILES = [
  entry('exlm-smiles-small', 'exlm', true, 'molecules'),
  entry('mlm-smiles-small', 'mlm', true, 'molecules'),
];

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
      otherDomain: null,
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
      otherDomain: null,
    });
  });
  it('names the fixture when the catalog is empty, so the load error names a folder', () => {
    expect(chooseModels(null, []).pair).toEqual({ exlm: 'tiny-random', mlm: null });
    expect(chooseModels(null, [], 'molecules').pair).toEqual({
      exlm: 'exlm-smiles-small',
      mlm: null,
    });
  });
  it("shows each mode's own shipped pair, and never a model of the other mode", () => {
    const all = [...FULL, ...SMILES];
    expect(chooseModels(null, all, 'molecules')).toEqual({
      pair: { exlm: 'exlm-smiles-small', mlm: 'mlm-smiles-small' },
      missing: null,
      otherDomain: null,
    });
    expect(chooseModels(null, all, 'text').pair.exlm).toBe('exlm-en-small');
    expect(chooseModels('exlm-en-small', all, 'molecules')).toEqual({
      pair: { exlm: 'exlm-smiles-small', mlm: 'mlm-smiles-small' },
      missing: null,
      otherDomain: 'exlm-en-small',
    });
    expect(chooseModels('exlm-smiles-small', all).otherDomain).toBe('exlm-smiles-small');
    // Without its shipped pair, a mode takes the best model it has, else the shipped name.
    const other = entry('exlm-zinc', 'exlm', true, 'molecules');
    expect(chooseModels(null, [...FULL, other], 'molecules').pair.exlm).toBe('exlm-zinc');
    expect(chooseModels(null, FULL, 'molecules').pair.exlm).toBe('exlm-smiles-small');
  });
});

describe('pairFor and pickerModels', () => {
  it('pairs "x" with "x-mlm" and "exlm-x" with "mlm-x", only when that MLM exists', () => {
    expect(pairFor('tiny-random', FULL).mlm).toBe('tiny-random-mlm');
    expect(pairFor('exlm-other', FULL).mlm).toBeNull();
  });
  it('offers trained models first and leaves twins to their ExLM', () => {
    const entries = [...FULL, entry('mlm-alone', 'mlm'), entry('a-new-exlm', 'exlm')];
    expect(pickerModels(entries, { dev: true }).map((e) => e.name)).toEqual([
      'a-new-exlm',
      'exlm-en-small',
      'mlm-alone',
      'tiny-random',
    ]);
  });
  it('offers random-weight models only with the development option or when kept', () => {
    const names = (options?: Parameters<typeof pickerModels>[1]) =>
      pickerModels(FULL, options).map((e) => e.name);
    expect(names()).toEqual(['exlm-en-small']);
    expect(names({ dev: false })).toEqual(['exlm-en-small']);
    expect(names({ dev: true })).toEqual(['exlm-en-small', 'tiny-random']);
    // The model a link opened (or any shown before) stays offered; a twin never is.
    expect(names({ keep: ['tiny-random'] })).toEqual(['exlm-en-small', 'tiny-random']);
    expect(names({ keep: ['tiny-random-mlm'] })).toEqual(['exlm-en-small']);
  });
  it("offers only the mode's models when asked for a domain", () => {
    const all = [...FULL, ...SMILES];
    const names = (domain?: 'text' | 'molecules') =>
      pickerModels(all, { dev: true, domain }).map((e) => e.name);
    expect(names('molecules')).toEqual(['exlm-smiles-small']);
    expect(names('text')).toEqual(['exlm-en-small', 'tiny-random']);
    expect(names()).toEqual(['exlm-en-small', 'exlm-smiles-small', 'tiny-random']);
  });
  it('still falls back to a random model when it is all there is', () => {
    expect(chooseModels(null, FULL.slice(2)).pair.exlm).toBe('tiny-random');
    expect(chooseModels('tiny-random', FULL).pair).toEqual({
      exlm: 'tiny-random',
      mlm: 'tiny-random-mlm',
    });
  });
});

const QUALITY: ModelQuality = {
  sentences: 1000,
  ratios: [
    { ratio: 0.15, masks: 2317, top1: 0.308589, top5: 0.488131, entropy: 4.337034 },
    { ratio: 0.3, masks: 4581, top1: 0.259987, top5: 0.444226, entropy: 4.603082 },
  ],
};

describe('checkQuality', () => {
  it('keeps the measured numbers, sorted by ratio, and drops other fields', () => {
    const written = { tool: 'npm run eval', ...QUALITY, ratios: [...QUALITY.ratios].reverse() };
    expect(checkQuality(written)).toEqual(QUALITY);
    const noMasks = { sentences: 3, ratios: [{ ratio: 0.5, top1: 0, top5: 1, entropy: 0 }] };
    expect(checkQuality(noMasks)).toEqual(noMasks);
  });
  it('says what is wrong with a malformed record', () => {
    const row = QUALITY.ratios[0]!;
    expect(checkQuality(null)).toMatch(/must be an object/);
    expect(checkQuality({ ratios: QUALITY.ratios })).toMatch(/"sentences"/);
    expect(checkQuality({ sentences: 10, ratios: [] })).toMatch(/non-empty list/);
    const bad = (patch: object) => checkQuality({ sentences: 10, ratios: [{ ...row, ...patch }] });
    expect(bad({ ratio: 0 })).toMatch(/entry 0: "ratio"/);
    expect(bad({ top1: 30.9 })).toMatch(/shares from 0 to 1/);
    expect(bad({ top1: 0.6, top5: 0.5 })).toMatch(/cannot be above/);
    expect(bad({ entropy: -1 })).toMatch(/"entropy"/);
    expect(bad({ entropy: '4.3' })).toMatch(/"entropy"/);
    expect(bad({ masks: 1.5 })).toMatch(/"masks"/);
    expect(bad({ validity: 35.3 })).toMatch(/entry 0: "validity" must be a share/);
    expect(bad({ validity: '0.35' })).toMatch(/"validity"/);
    expect(bad({ exact: -0.1 })).toMatch(/entry 0: "exact" must be a share/);
  });
  it("keeps a molecule model's shares of valid and exact fills", () => {
    const molecules: ModelQuality = {
      sentences: 600,
      ratios: [
        {
          ratio: 0.15,
          masks: 3328,
          top1: 0.6,
          top5: 0.95,
          entropy: 1.07,
          validity: 0.35,
          exact: 0.2,
        },
        { ratio: 0.5, masks: 11116, top1: 0.37, top5: 0.81, entropy: 1.69, validity: 0, exact: 0 },
      ],
    };
    const written = { masking: 'SMILES tokens', valid_references: 599, ...molecules };
    expect(checkQuality(written)).toEqual(molecules);
    const scored = [
      { ...entry('exlm-smiles-small', 'exlm', true, 'molecules'), quality: molecules },
    ];
    expect(parseCatalog(JSON.stringify({ models: scored }))[0]?.quality).toEqual(molecules);
  });
});

describe('parseCatalog', () => {
  it('reads what the server writes', () => {
    expect(parseCatalog(JSON.stringify({ models: FULL }))).toEqual(FULL);
  });
  it("reads a model's measured quality and refuses a malformed one", () => {
    const scored = [{ ...entry('exlm-en-small', 'exlm'), quality: QUALITY }, FULL[1]!];
    const parsed = parseCatalog(JSON.stringify({ models: scored }));
    expect(parsed).toEqual(scored);
    expect(parsed[1]).not.toHaveProperty('quality');
    const broken = [{ ...entry('exlm-en-small', 'exlm'), quality: { sentences: 1000 } }];
    expect(() => parseCatalog(JSON.stringify({ models: broken }))).toThrow(
      'entry 0 has a malformed "quality": "ratios" must be a non-empty list',
    );
  });
  it('reads an older catalog without domains as text models, and refuses an unknown domain', () => {
    const old = FULL.map(({ domain: _, ...rest }) => rest);
    expect(parseCatalog(JSON.stringify({ models: old }))).toEqual(FULL);
    expect(parseCatalog(JSON.stringify({ models: SMILES }))).toEqual(SMILES);
    const proteins = [{ ...SMILES[0], domain: 'proteins' }];
    expect(() => parseCatalog(JSON.stringify({ models: proteins }))).toThrow(
      'entry 0 is malformed',
    );
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
