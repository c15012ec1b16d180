import { describe, expect, it } from 'vitest';

import { describeGoldenSample, type GoldenSample, readRepoJson } from './goldenSample.testdata';
import { ExlmTokenizer } from './tokenizer';

const sample = readRepoJson('src/model/testdata/tokenizer-sample.json') as GoldenSample;
const tokenizer = new ExlmTokenizer(readRepoJson(sample.tokenizer), sample.tokenizer);

describeGoldenSample(
  'tokenizer against the Python side (training/tokenizer.py golden sample)',
  sample,
  tokenizer,
);

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
    const json = readRepoJson(sample.tokenizer) as {
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

  type TokenizerJson = {
    added_tokens: { id: number; content: string }[];
    model: { vocab: Record<string, number> };
  };
  const fixtureJson = (): TokenizerJson => readRepoJson(sample.tokenizer) as TokenizerJson;
  const tokenAt = (json: TokenizerJson, id: number): string =>
    Object.keys(json.model.vocab).find((token) => json.model.vocab[token] === id)!;

  it('rejects [MASK] at id 7, naming the file and the ids', () => {
    const json = fixtureJson();
    json.model.vocab[tokenAt(json, 7)] = 4;
    json.model.vocab['[MASK]'] = 7;
    json.added_tokens.find((t) => t.content === '[MASK]')!.id = 7;
    expect(() => new ExlmTokenizer(json, 'bad/tokenizer.json')).toThrow(
      'bad/tokenizer.json: token [MASK] must have id 4 (found 7)',
    );
  });

  it('rejects another token sharing a special id', () => {
    const json = fixtureJson();
    const other = tokenAt(json, 9);
    json.model.vocab[other] = 4; // listed after [MASK]: the library shows it for id 4
    json.added_tokens = json.added_tokens.filter((t) => t.content !== '[MASK]');
    expect(() => new ExlmTokenizer(json, 'bad/tokenizer.json')).toThrow(
      `bad/tokenizer.json: id 4 must be the token [MASK] (found ${JSON.stringify(other)})`,
    );
  });

  it('rejects more tokens than vocab_size, or an id past it, before building the tokenizer', () => {
    const size = tokenizer.vocabSize;
    const larger = fixtureJson();
    for (let i = 0; i < 3; i++) larger.model.vocab[`extra${i}`] = size + i;
    expect(() => new ExlmTokenizer(larger, 't/tokenizer.json', size)).toThrow(
      `t/tokenizer.json: has ${size + 3} tokens but config.json says vocab_size ${size}`,
    );
    const far = fixtureJson();
    far.model.vocab[tokenAt(far, size - 1)] = 2 ** 40; // the library would walk every id up to it
    const last = tokenizer.token(size - 1);
    expect(() => new ExlmTokenizer(far, 't/tokenizer.json', size)).toThrow(
      `t/tokenizer.json: token ${JSON.stringify(last)} has id ${2 ** 40} but config.json says vocab_size ${size} (ids 0..${size - 1})`,
    );
    // Without a config, ids are held to the limit for model folders.
    expect(() => new ExlmTokenizer(far, 't/tokenizer.json')).toThrow(
      /has id 1099511627776 but the limit for model folders is 1000000/,
    );
    const fraction = fixtureJson();
    fraction.model.vocab['odd'] = 7.5;
    expect(() => new ExlmTokenizer(fraction, 't/tokenizer.json')).toThrow(
      't/tokenizer.json: token "odd" has id 7.5, not an integer of at least 0',
    );
    expect(new ExlmTokenizer(fixtureJson(), 't/tokenizer.json', size).vocabSize).toBe(size);
  });

  it('rejects JSON of another shape', () => {
    for (const json of [[], null, 'tokenizer', { model: {} }])
      expect(() => new ExlmTokenizer(json, 'x/tokenizer.json')).toThrow(
        /^x\/tokenizer\.json: not a usable tokenizer\.json/,
      );
  });

  it('reads a vocabulary with a gap in its ids (no token at that id)', () => {
    const json = fixtureJson();
    delete json.model.vocab[tokenAt(json, 100)];
    const gapped = new ExlmTokenizer(json, 't/tokenizer.json', tokenizer.vocabSize);
    expect(gapped.vocabSize).toBe(tokenizer.vocabSize - 1);
    const allowed = gapped.slotVocabulary(tokenizer.vocabSize);
    expect(allowed[100]).toBe(0);
    expect(gapped.token(100)).toBe('[UNK]');
  });
});
