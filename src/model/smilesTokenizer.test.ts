import { describe, expect, it } from 'vitest';

import { describeGoldenSample, type GoldenSample, readRepoJson } from './goldenSample.testdata';
import { SmilesTokenizer } from './smilesTokenizer';

const sample = readRepoJson('src/model/testdata/smiles-sample.json') as GoldenSample;
const fixture = (): Record<string, unknown> =>
  readRepoJson(sample.tokenizer) as Record<string, unknown>;
const tokenizer = new SmilesTokenizer(fixture(), sample.tokenizer);
const vocab = (json: Record<string, unknown>): Record<string, number> =>
  (json.model as { vocab: Record<string, number> }).vocab;

describeGoldenSample(
  'SMILES tokenizer against the Python side (training/smiles_tokenizer.py golden sample)',
  sample,
  tokenizer,
);

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
