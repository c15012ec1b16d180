import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { ExlmTokenizer } from './tokenizer';

interface SampleCase {
  text: string;
  /** Without [CLS]/[SEP]. */
  ids: number[];
  tokens: string[];
  decoded: string;
}

const readJson = (repoPath: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${repoPath}`, import.meta.url), 'utf8'));

const sample = readJson('src/model/testdata/tokenizer-sample.json') as {
  tokenizer: string;
  cases: SampleCase[];
};
const tokenizer = new ExlmTokenizer(readJson(sample.tokenizer), sample.tokenizer);

describe('tokenizer against the Python side (training/tokenizer.py golden sample)', () => {
  it.each(sample.cases.map((c) => [JSON.stringify(c.text).slice(0, 60), c] as const))(
    '%s',
    (_label, c) => {
      const encoded = tokenizer.encode(c.text);
      expect(Array.from(encoded.ids)).toEqual([2, ...c.ids, 3]);
      expect(encoded.tokens).toEqual(['[CLS]', ...c.tokens, '[SEP]']);
      expect(tokenizer.decode(c.ids)).toBe(c.decoded);
    },
  );
});

describe('ExlmTokenizer', () => {
  it('turns a literal [MASK] into id 4 and adds [CLS]/[SEP]', () => {
    const { ids, tokens } = tokenizer.encode('the cat [MASK] on the mat');
    expect(ids[0]).toBe(2);
    expect(ids[ids.length - 1]).toBe(3);
    expect(ids[3]).toBe(4);
    expect(tokens[3]).toBe('[MASK]');
    expect(tokenizer.token(4)).toBe('[MASK]');
  });

  it('gives a slot vocabulary without special tokens and "##" pieces', () => {
    const size = tokenizer.vocabSize + 3; // a model may have more rows than the tokenizer has ids
    const allowed = tokenizer.slotVocabulary(size);
    const pieces: number[] = [];
    const words: number[] = [];
    for (let id = 0; id < tokenizer.vocabSize; id++) {
      if (tokenizer.token(id).startsWith('##')) pieces.push(id);
      else if (id > 4) words.push(id);
    }
    expect(pieces.length).toBeGreaterThan(0);
    expect(pieces.every((id) => allowed[id] === 0)).toBe(true);
    expect(words.every((id) => allowed[id] === 1)).toBe(true);
    expect(Array.from(allowed.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(allowed.subarray(tokenizer.vocabSize))).toEqual([0, 0, 0]);
  });

  it('joins WordPiece pieces and can drop special tokens when decoding', () => {
    const ids = tokenizer.encode('she [MASK] some milk.').ids;
    expect(tokenizer.decode(ids)).toBe('[CLS] she [MASK] some milk. [SEP]');
    expect(tokenizer.decode(ids, true)).toBe('she some milk.');
    expect(tokenizer.decode([])).toBe('');
  });

  it("rejects a tokenizer.json whose special ids differ from the project's", () => {
    const json = readJson(sample.tokenizer) as {
      added_tokens: { id: number; content: string }[];
      model: { vocab: Record<string, number> };
    };
    // Swap [MASK] (4) and [SEP] (3).
    for (const token of json.added_tokens) {
      if (token.content === '[MASK]') token.id = 3;
      else if (token.content === '[SEP]') token.id = 4;
    }
    json.model.vocab['[MASK]'] = 3;
    json.model.vocab['[SEP]'] = 4;
    expect(() => new ExlmTokenizer(json, 'bad/tokenizer.json')).toThrow(
      /bad\/tokenizer\.json: token \[SEP\] must have id 3 \(found 4\)/,
    );
  });

  it('rejects something that is not a tokenizer.json', () => {
    expect(() => new ExlmTokenizer({ hello: 1 }, 'x/tokenizer.json')).toThrow(
      /x\/tokenizer\.json: not a usable tokenizer\.json/,
    );
  });
});
