// The model-folder loader picks the tokenizer that tokenizer.json's "type" names: the tiny random
// fixture loaded with its own WordPiece file (no type, or "wordpiece"), with the SMILES golden
// tokenizer, and refused with a type this version does not know.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { ExlmModel } from './analyze';
import { loadTokenizer } from './modelTokenizer';
import { setNodeBackend } from '../node';
import { SmilesTokenizer } from './smilesTokenizer';
import { blobSource } from './source';
import { ExlmTokenizer } from './tokenizer';

const FIXTURE = 'models/tiny-random';
const SMILES_TOKENIZER = 'src/model/testdata/smiles-sample.tokenizer.json';

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** The fixture's files as a dropped folder, with tokenizer.json replaced by `tokenizer`. */
async function loadWith(tokenizer: unknown, label = 'dropped'): Promise<ExlmModel> {
  const files = new Map(
    readdirSync(FIXTURE).map((name) => [name, new Blob([readFileSync(join(FIXTURE, name))])]),
  );
  files.set('tokenizer.json', new Blob([JSON.stringify(tokenizer)]));
  return ExlmModel.load(blobSource(files, label), 'fixture');
}

beforeAll(() => setNodeBackend('cpu'));

describe('loading a model folder by its tokenizer type', () => {
  const wordpiece = readJson(join(FIXTURE, 'tokenizer.json'));

  it.each([
    ['no type', wordpiece],
    ['"wordpiece"', { ...wordpiece, type: 'wordpiece' }],
  ])('%s: the WordPiece tokenizer of text models', async (_label, json) => {
    expect(wordpiece).not.toHaveProperty('type');
    const model = await loadWith(json);
    try {
      expect(model.tokenizer).toBeInstanceOf(ExlmTokenizer);
      expect(model.tokenizer.type).toBe('wordpiece');
      const analysis = await model.analyze('the [MASK] sat');
      expect(analysis.masks).toHaveLength(1);
    } finally {
      model.dispose();
    }
  });

  it('"smiles": the SMILES tokenizer, whose slots hold SMILES tokens only', async () => {
    const json = readJson(SMILES_TOKENIZER);
    const smiles = new SmilesTokenizer(json);
    const model = await loadWith(json);
    try {
      expect(model.tokenizer).toBeInstanceOf(SmilesTokenizer);
      expect(model.tokenizer.type).toBe('smiles');
      const analysis = await model.analyze('CC(=O)Oc1ccccc1C([MASK])O');
      expect(analysis.tokens.slice(1, -1).join('')).toBe('CC(=O)Oc1ccccc1C([MASK])O');
      const top = analysis.masks[0]!.top;
      expect(top.length).toBeGreaterThan(0);
      for (const guess of top) {
        expect(guess.id).toBeGreaterThanOrEqual(5);
        expect(guess.id).toBeLessThan(smiles.vocabSize);
      }
    } finally {
      model.dispose();
    }
  });

  it.each([['bpe'], [7], [null]])(
    'type %j: refused, naming the folder, the type and the supported types',
    async (type) => {
      const error = await loadWith({ ...wordpiece, type }, 'models/odd').then(
        (model) => {
          model.dispose();
          return null;
        },
        (reason: unknown) => reason as Error,
      );
      expect(error?.message).toBe(
        `model folder models/odd: models/odd/tokenizer.json has tokenizer type ${JSON.stringify(type)}, ` +
          'which this version cannot read; the supported types are "wordpiece" and "smiles" (no type is "wordpiece")',
      );
    },
  );

  it('checks the SMILES file like any other: ids beyond the embedding are refused', () => {
    expect(() => loadTokenizer(readJson(SMILES_TOKENIZER), 'm/tokenizer.json', 'm', 10)).toThrow(
      'm/tokenizer.json: has 26 tokens but config.json says vocab_size 10',
    );
  });
});
