import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { SmilesTokenizer } from './smilesTokenizer';

interface SampleCase {
  text: string;
  /** Without [CLS]/[SEP]. */
  ids: number[];
  tokens: string[];
  decoded: string;
}

const readJson = (repoPath: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${repoPath}`, import.meta.url), 'utf8'));

const sample = readJson('src/model/testdata/smiles-sample.json') as {
  tokenizer: string;
  cases: SampleCase[];
};
const fixture = (): Record<string, unknown> =>
  readJson(sample.tokenizer) as Record<string, unknown>;
const tokenizer = new SmilesTokenizer(fixture(), sample.tokenizer);
const vocab = (json: Record<string, unknown>): Record<string, number> =>
  (json.model as { vocab: Record<string, number> }).vocab;

describe('SMILES tokenizer against the Python side (training/smiles_tokenizer.py golden sample)', () => {
  it.each(sample.cases.map((c) => [JSON.stringify(c.text), c] as const))('%s', (_label, c) => {
    const encoded = tokenizer.encode(c.text);
    expect(Array.from(encoded.ids)).toEqual([2, ...c.ids, 3]);
    expect(encoded.tokens).toEqual(['[CLS]', ...c.tokens, '[SEP]']);
    expect(tokenizer.decode(c.ids)).toBe(c.decoded);
  });
});

describe('SmilesTokenizer', () => {
  it('joins the tokens of a SMILES back into it', () => {
    const smiles = 'OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O';
    const { ids, tokens } = tokenizer.encode(smiles);
    expect(tokens.slice(1, -1).join('')).toBe(smiles);
    expect(tokenizer.decode(ids, true)).toBe(smiles);
    expect(tokenizer.decode(ids)).toBe(`[CLS]${smiles}[SEP]`);
  });

  it('lets a masked slot hold every token but the special ones', () => {
    const allowed = tokenizer.slotVocabulary(tokenizer.vocabSize + 3);
    expect(Array.from(allowed.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
    expect(allowed.subarray(5, tokenizer.vocabSize).every((flag) => flag === 1)).toBe(true);
    expect(Array.from(allowed.subarray(tokenizer.vocabSize))).toEqual([0, 0, 0]);
    expect(tokenizer.token(tokenizer.vocabSize + 1)).toBe('[UNK]');
  });

  it('refuses a file of another type or with another pattern', () => {
    expect(
      () => new SmilesTokenizer({ ...fixture(), type: 'wordpiece' }, 'x/tokenizer.json'),
    ).toThrow('x/tokenizer.json: not a SMILES tokenizer');
    const json = fixture();
    json.pre_tokenizer = { type: 'Split', pattern: { Regex: '(a+)+$' } };
    expect(() => new SmilesTokenizer(json, 'x/tokenizer.json')).toThrow(
      'pre_tokenizer.pattern.Regex must be',
    );
  });

  it('refuses special tokens at other ids, shared ids and ids beyond the embedding', () => {
    const swapped = fixture();
    Object.assign(vocab(swapped), { '[CLS]': 3, '[SEP]': 2 });
    expect(() => new SmilesTokenizer(swapped, 'x/tokenizer.json')).toThrow(
      'x/tokenizer.json: token [CLS] must have id 2 (found 3)',
    );
    const shared = fixture();
    vocab(shared).C = 4;
    expect(() => new SmilesTokenizer(shared, 'x/tokenizer.json')).toThrow('both have id 4');
    expect(() => new SmilesTokenizer(fixture(), 'x/tokenizer.json', 10)).toThrow(
      'config.json says vocab_size 10',
    );
    const noVocab = fixture();
    noVocab.model = { type: 'WordLevel' };
    expect(() => new SmilesTokenizer(noVocab, 'x/tokenizer.json')).toThrow(
      'x/tokenizer.json: model.vocab must map each token to its id',
    );
  });
});
