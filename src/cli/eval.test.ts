// npm run eval on the tiny random fixtures: the sample reader, the metrics, the text builder, the
// ids route against ExlmModel.analyze (the browser's entry point), and the command end to end.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ExlmTokenizer, SPECIAL_IDS } from '../model';
import type { EvalResults } from './eval';
import { type EvalItem, maskedInput, parseEvalItem, readEvalSample } from './eval-sample';
import { loadScorer } from './eval-scorers';
import { buildText } from './eval-text';
import { evalScratch, FIXTURE_DIR, FIXTURE_MLM_DIR, runEvalCaptured as run } from './testing';

// Words of the fixture's vocabulary (it was built from training/make_fixture.py's cases).
const TEXTS = [
  'The cat sat on the mat.',
  'She went to the store.',
  'The old ship sailed across the sea, and the captain watched the white whale.',
  'They were happy because the sun was bright.',
];

const tokenizer = new ExlmTokenizer(
  JSON.parse(readFileSync(join(FIXTURE_DIR, 'tokenizer.json'), 'utf8')),
);
const { dir: scratch, writeSample } = evalScratch('exlm-eval-');

/** Sample items of TEXTS: one mask at 15%, every other token at 50%. */
function fixtureItems(): EvalItem[] {
  return TEXTS.map((text, index) => {
    const ids = Array.from(tokenizer.encode(text).ids.slice(1, -1));
    return {
      index,
      domain: 'text',
      ids,
      masks: {
        '0.15': [1],
        '0.5': ids.map((_, p) => p).filter((p) => p % 2 === 0),
      },
    };
  });
}

describe('eval sample', () => {
  it('reads items, keeps the ratio order and honours the limit', () => {
    const file = writeSample('sample.jsonl', fixtureItems());
    const sample = readEvalSample(file, 2);
    expect(sample.items).toHaveLength(2);
    expect(sample.ratios).toEqual(['0.15', '0.5']);
    const { input, targets } = maskedInput(sample.items[0]!, '0.5', SPECIAL_IDS);
    expect(input[0]).toBe(SPECIAL_IDS.cls);
    expect(input[input.length - 1]).toBe(SPECIAL_IDS.sep);
    expect(input[1]).toBe(SPECIAL_IDS.mask);
    expect(input[2]).toBe(sample.items[0]!.ids[1]);
    expect(targets).toEqual(sample.items[0]!.ids.filter((_, p) => p % 2 === 0));
  });

  it('names the line and the problem of a bad item', () => {
    expect(() => parseEvalItem('{"index": 1}', 's.jsonl:3')).toThrow(/s\.jsonl:3: expected/);
    expect(() => parseEvalItem('not json', 's.jsonl:4')).toThrow(/s\.jsonl:4: not valid JSON/);
    const outOfRange = JSON.stringify({ index: 0, ids: [7, 8], masks: { '0.5': [2] } });
    expect(() => parseEvalItem(outOfRange, 's.jsonl:5')).toThrow(/increasing positions below 2/);
    const unsorted = JSON.stringify({ index: 0, ids: [7, 8, 9], masks: { '0.5': [2, 1] } });
    expect(() => parseEvalItem(unsorted, 's.jsonl:6')).toThrow(/masks\["0.5"\]/);
    const odd = JSON.stringify({ index: 0, domain: 'proteins', ids: [7], masks: { '0.5': [0] } });
    expect(() => parseEvalItem(odd, 's.jsonl:7')).toThrow(
      /s\.jsonl:7: "domain" must be "text" or "molecules", got "proteins"/,
    );
  });

  it('reads a line without "domain" (samples from before molecules) as text', () => {
    const old = JSON.stringify({ index: 3, ids: [7, 8], masks: { '0.5': [1] } });
    expect(parseEvalItem(old, 's.jsonl:1').domain).toBe('text');
  });

  it('refuses a sample that mixes text and molecules', () => {
    const items = fixtureItems();
    const file = writeSample('mixed.jsonl', [items[0]!, { ...items[1]!, domain: 'molecules' }]);
    expect(() => readEvalSample(file)).toThrow(
      /sentence 1 is for molecules models but the first is for text models/,
    );
  });
});

describe('buildText', () => {
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', '##s', 'sat', '.'];
  const tokenOf = (id: number): string => vocab[id] ?? '[UNK]';
  it('glues ## pieces, keeps [MASK] apart', () => {
    expect(buildText([5, 6, 7, 4, 9], tokenOf)).toBe('the cats [MASK] .');
    expect(buildText([4, 7, 8], tokenOf)).toBe('[MASK]s sat'); // does not round-trip: caller checks
  });
});

describe('ids route', () => {
  it('gives the same slots as ExlmModel.analyze on text (ExLM and MLM fixtures)', async () => {
    for (const folder of [FIXTURE_DIR, FIXTURE_MLM_DIR]) {
      const byIds = await loadScorer(folder, 'ids');
      const byText = await loadScorer(folder, 'text');
      let compared = 0;
      try {
        for (const item of fixtureItems()) {
          for (const ratio of Object.keys(item.masks)) {
            const { input } = maskedInput(item, ratio, SPECIAL_IDS);
            const viaText = await byText.score(input, 5);
            const viaIds = await byIds.score(input, 5);
            expect(viaText).not.toBeNull();
            expect(viaIds!.slots.map((s) => s.top)).toEqual(viaText!.slots.map((s) => s.top));
            viaIds!.slots.forEach((slot, i) =>
              expect(slot.entropy).toBeCloseTo(viaText!.slots[i]!.entropy, 5),
            );
            compared += 1;
          }
        }
      } finally {
        byIds.dispose();
        byText.dispose();
      }
      expect(compared).toBe(TEXTS.length * 2);
    }
  });

  it('the text route skips a masked piece followed by its ## continuation', async () => {
    const vocab = Array.from({ length: tokenizer.vocabSize }, (_, id) => tokenizer.token(id));
    const continuation = vocab.findIndex((token) => token.startsWith('##'));
    const word = vocab.indexOf('cat');
    expect(continuation).toBeGreaterThan(0);
    expect(word).toBeGreaterThan(SPECIAL_IDS.mask);
    const item: EvalItem = {
      index: 0,
      domain: 'text',
      ids: [word, continuation],
      masks: { a: [0], b: [1] },
    };
    const scorer = await loadScorer(FIXTURE_DIR, 'text');
    try {
      // "[MASK]##x" cannot be written as text; "cat [MASK]" can.
      expect(await scorer.score(maskedInput(item, 'a', SPECIAL_IDS).input, 5)).toBeNull();
      expect(await scorer.score(maskedInput(item, 'b', SPECIAL_IDS).input, 5)).not.toBeNull();
    } finally {
      scorer.dispose();
    }
  });
});

describe('npm run eval', () => {
  it('scores both fixtures, prints the table and writes JSON', async () => {
    const sample = writeSample('run.jsonl', fixtureItems());
    const json = join(scratch, 'results.json');
    const { code, stdout, stderr } = await run([
      '--models',
      `${FIXTURE_DIR},${FIXTURE_MLM_DIR}`,
      '--sample',
      sample,
      '--limit',
      '3',
      '--json',
      json,
    ]);
    expect(stderr).not.toMatch(/exlm eval:/);
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(json, 'utf8')) as EvalResults;
    expect(results.backend).toBe('wasm');
    expect(results.sentences).toBe(3);
    expect(results.models.map((m) => [m.model, m.architecture, m.expansion])).toEqual([
      ['tiny-random', 'exlm', 4],
      ['tiny-random-mlm', 'mlm', 1],
    ]);
    const items = fixtureItems().slice(0, 3);
    for (const model of results.models) {
      expect(model.ratios.map((r) => r.ratio)).toEqual([0.15, 0.5]);
      model.ratios.forEach((r, i) => {
        const key = ['0.15', '0.5'][i]!;
        expect(r.masks).toBe(items.reduce((n, item) => n + item.masks[key]!.length, 0));
        expect(r.top5_hits).toBeGreaterThanOrEqual(r.top1_hits);
        expect(r.entropy).toBeGreaterThan(0);
        expect(r.entropy).toBeLessThanOrEqual(Math.log(315));
        expect(stdout).toContain(
          `${model.model.padEnd(20)} ${r.ratio.toFixed(2).padStart(5)} ${String(r.masks).padStart(6)}`,
        );
      });
    }
  });

  it('refuses a sample made with another tokenizer, a missing sample and bad options', async () => {
    const foreign = writeSample('foreign.jsonl', [
      { index: 0, ids: [5, 9000], masks: { '0.5': [0] } },
    ]);
    const wrongVocab = await run([
      '--models',
      FIXTURE_DIR,
      '--sample',
      foreign,
      '--json',
      join(scratch, 'x.json'),
    ]);
    expect(wrongVocab.code).toBe(2);
    expect(wrongVocab.stderr).toMatch(/beyond vocab_size 315 .* another tokenizer/);

    const missing = await run(['--models', FIXTURE_DIR, '--sample', join(scratch, 'none.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/sample file not found: .*training\.eval_sample/);

    expect((await run(['--route', 'words'])).stderr).toMatch(/--route must be one of ids, text/);
    expect((await run(['--limit', '0'])).stderr).toMatch(/--limit must be a whole number/);
    const noModel = await run(['--models', join(scratch, 'nope'), '--sample', foreign]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/config\.json not found/);
  });

  it('--write-cards writes both cards (into copies of the fixtures) with both tables', async () => {
    const models = join(scratch, 'models');
    const copies = [FIXTURE_DIR, FIXTURE_MLM_DIR].map((folder) => {
      const copy = join(models, folder.split('/').pop()!);
      cpSync(folder, copy, { recursive: true });
      return copy;
    });
    const split = { sentences: 3, tokens: 30 };
    const source = { version: '1', license: 'MIT', terms: 'README: terms', splits: {} };
    const stats = join(scratch, 'stats.json');
    writeFileSync(
      stats,
      JSON.stringify({
        vocab_size: 315,
        sources: {
          'nlp-corpus': { ...source, splits: { train: split, validation: split, test: split } },
        },
        totals: { train: split, validation: split, test: split },
      }),
    );
    const json = join(scratch, 'cards.json');
    const sample = writeSample('cards.jsonl', fixtureItems());
    const argv = ['--models', copies.join(','), '--sample', sample, '--limit', '2'];
    const { code, stdout, stderr } = await run([
      ...argv,
      '--json',
      json,
      '--stats',
      stats,
      '--write-cards',
    ]);
    expect(stderr).not.toMatch(/failed/);
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(json, 'utf8')) as EvalResults;
    for (const copy of copies) {
      expect(stdout).toContain(`wrote ${join(copy, 'README.md')}`);
      const card = readFileSync(join(copy, 'README.md'), 'utf8');
      for (const model of results.models) {
        for (const r of model.ratios)
          expect(card).toContain(`| ${r.masks} | ${(100 * r.top1).toFixed(1)}% |`);
      }
    }
    expect(existsSync(join(FIXTURE_DIR, 'README.md'))).toBe(false);
  }, 180_000); // starts Python, whose torch import takes a while on a busy machine
});
