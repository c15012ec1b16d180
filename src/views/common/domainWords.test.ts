import { describe, expect, it } from 'vitest';

import type { CatalogEntry } from '../../core/catalog';
import { DOMAIN_WORDS, modelDomain } from './domainWords';

const entry = (name: string, domain: CatalogEntry['domain']): CatalogEntry => ({
  name,
  architecture: 'exlm',
  expansion: 4,
  domain,
  trainingSteps: 1000,
});

const CATALOG = [entry('exlm-en-small', 'text'), entry('exlm-smiles-small', 'molecules')];

describe('the domain of a shown model', () => {
  it("is its catalog entry's, whatever the page's mode", () => {
    expect(modelDomain(CATALOG, 'exlm-smiles-small', 'text')).toBe('molecules');
    expect(modelDomain(CATALOG, 'exlm-en-small', 'molecules')).toBe('text');
  });

  it("is the page's mode for a model the catalog does not list (a folder from disk)", () => {
    expect(modelDomain(CATALOG, 'my-model (from disk)', 'molecules')).toBe('molecules');
    expect(modelDomain(null, 'exlm-smiles-small', 'text')).toBe('text');
    expect(modelDomain(CATALOG, null, 'molecules')).toBe('molecules');
  });

  it('speaks of molecules and SMILES tokens, never of sentences or words, for molecules', () => {
    expect(Object.values(DOMAIN_WORDS.molecules).join(' ')).not.toMatch(/sentence|word/);
    expect(DOMAIN_WORDS.text).toEqual({
      input: 'sentence',
      inputs: 'sentences',
      token: 'word',
      tokens: 'words',
    });
  });
});
