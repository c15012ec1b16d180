import { describe, expect, it } from 'vitest';

import { chooseModels, listAvailableModels, twinCandidates } from './catalog';

const probeOf = (existing: string[]) => async (name: string) => existing.includes(name);

describe('chooseModels', () => {
  it('prefers the shipped pair when it exists', async () => {
    const probe = probeOf(['exlm-en-small', 'mlm-en-small', 'tiny-random', 'tiny-random-mlm']);
    expect(await chooseModels(null, probe)).toEqual({ exlm: 'exlm-en-small', mlm: 'mlm-en-small' });
  });
  it('falls back to the fixture pair', async () => {
    const probe = probeOf(['tiny-random', 'tiny-random-mlm']);
    expect(await chooseModels(null, probe)).toEqual({
      exlm: 'tiny-random',
      mlm: 'tiny-random-mlm',
    });
  });
  it('uses a requested model and finds its twin by name', async () => {
    const probe = probeOf(['my-exlm', 'my-mlm', 'tiny-random']);
    expect(await chooseModels('my-exlm', probe)).toEqual({ exlm: 'my-exlm', mlm: 'my-mlm' });
  });
  it('ignores a requested model that does not exist', async () => {
    const probe = probeOf(['tiny-random']);
    expect(await chooseModels('nope', probe)).toEqual({ exlm: 'tiny-random', mlm: null });
  });
  it('names a folder even when none exists, so the load error can say which', async () => {
    expect(await chooseModels(null, probeOf([]))).toEqual({ exlm: 'tiny-random', mlm: null });
  });
});

describe('twinCandidates and listAvailableModels', () => {
  it('derives twin names', () => {
    expect(twinCandidates('tiny-random')).toEqual(['tiny-random-mlm']);
    expect(twinCandidates('exlm-big')).toEqual(['mlm-big', 'exlm-big-mlm']);
  });
  it('lists only existing known models', async () => {
    expect(await listAvailableModels(probeOf(['tiny-random']))).toEqual(['tiny-random']);
  });
});
