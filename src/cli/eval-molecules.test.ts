// npm run eval on molecule models: the fills put back into their molecules and checked with RDKit,
// the molecule columns of the JSON, the table and config.json, and the refusal of a sample or a
// model of the other domain. The molecule fixtures are the tiny random models with the SMILES
// golden tokenizer in place of their WordPiece one (random weights: no scores are asserted, only
// what must hold whatever the weights).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseConfigText, SPECIAL_IDS } from '../model';
import type { ModelInfo } from '../model';
import { SmilesTokenizer } from '../model/smilesTokenizer';
import { smilesValidity } from '../node/rdkit';
import { BEST_FILL_COUNT } from '../model/bestFills';
import { type EvalResults, formatEvalTable, scoreModel } from './eval';
import { filledIds, FillTally } from './eval-fills';
import { type EvalItem, type EvalSample, maskedInput } from './eval-sample';
import { loadScorer, type ScoredInput, type Scorer } from './eval-scorers';
import { buildText } from './eval-text';
import { PACKAGE_ROOT } from './model';
import { evalScratch, runEvalCaptured } from './testing';

const SMILES_JSON = readFileSync(
  resolve(PACKAGE_ROOT, 'src/model/testdata/smiles-sample.tokenizer.json'),
  'utf8',
);
const tokenizer = new SmilesTokenizer(JSON.parse(SMILES_JSON));
const MOLECULES = ['CC(=O)Oc1ccccc1C(=O)O', 'c1ccc(Cl)cc1', 'CCN(CC)CC', 'OC(=O)C=CC(=O)O'];

const { dir: scratch, writeSample } = evalScratch('exlm-eval-molecules-');

/** A copy of a tiny random fixture that reads SMILES. */
function moleculeFixture(name: string, from = 'tiny-random'): string {
  const folder = join(scratch, 'models', name);
  cpSync(resolve(PACKAGE_ROOT, 'models', from), folder, { recursive: true });
  writeFileSync(join(folder, 'tokenizer.json'), SMILES_JSON);
  return folder;
}

/** The molecules as sample items: one token hidden at 15%, every other token at 50%. */
function moleculeItems(): EvalItem[] {
  return MOLECULES.map((smiles, index) => {
    const ids = Array.from(tokenizer.encode(smiles).ids.slice(1, -1));
    return {
      index,
      domain: 'molecules',
      ids,
      masks: { '0.15': [1], '0.5': ids.map((_, p) => p).filter((p) => p % 2 === 0) },
    };
  });
}

/** A scorer that knows the sample's hidden tokens and fills each slot with `fillOf(hidden)`; its
 *  N best fills are that fill, then each of `thenOf(hidden)` in turn. */
function fakeScorer(
  sample: EvalSample,
  fillOf: (hidden: number) => number,
  thenOf: ((hidden: number) => number)[] = [],
): Scorer {
  const hidden = new Map<string, number[]>();
  for (const item of sample.items) {
    for (const ratio of sample.ratios) {
      const { input, targets } = maskedInput(item, ratio, SPECIAL_IDS);
      hidden.set(input.join(), targets);
    }
  }
  return {
    info: { name: 'fake' } as ModelInfo,
    tokenizer,
    score(input: Int32Array): Promise<ScoredInput> {
      const targets = hidden.get(input.join())!;
      const fill = Int32Array.from(targets, fillOf);
      const slots = Array.from(fill, (id) => ({ top: [id], entropy: 0 }));
      const bestFills = [fill, ...thenOf.map((of) => Int32Array.from(targets, of))];
      return Promise.resolve({ slots, ms: 1, fill, bestFills });
    },
    dispose() {},
  };
}

describe('fills', () => {
  it('puts the fill back at the masked positions and refuses a fill of another length', () => {
    const item = moleculeItems()[0]!;
    const filled = filledIds(item, '0.15', [tokenizer.encode('N').ids[1]!]);
    expect(tokenizer.decode(filled)).toBe('CN(=O)Oc1ccccc1C(=O)O');
    expect(() => filledIds(item, '0.15', [5, 5])).toThrow(/1 masks but a fill of 2 tokens/);
  });

  it('counts valid and exact fills, and the first valid fill among the N best', () => {
    const tally = new FillTally();
    tally.add([5, 6], [5, 6], true, [5, 6]);
    tally.add([5, 7], [5, 6], true, [5, 7]);
    tally.add([8, 8], [5, 6], false, [5, 6]); // the best fill is not valid, a later one is
    tally.add([8, 9], [5, 6], false, null); // none of the N best is valid
    expect(tally.result()).toEqual({
      fills: 4,
      valid_fills: 2,
      validity: 2 / 4,
      exact_fills: 1,
      exact: 1 / 4,
      valid_in_best: 3,
      validity_n_best: 3 / 4,
      exact_in_best: 2,
      exact_n_best: 2 / 4,
    });
    expect(new FillTally().result().validity).toBe(0);
    expect(new FillTally().result().validity_n_best).toBe(0);
  });

  it('scoreModel: the true tokens are exact and valid, "(" everywhere is neither', async () => {
    const { isValid } = await smilesValidity();
    const sample: EvalSample = {
      items: moleculeItems(),
      ratios: ['0.15', '0.5'],
      domain: 'molecules',
    };
    const open = tokenizer.encode('(').ids[1]!;
    for (const [fillOf, share] of [
      [(hidden: number) => hidden, 1],
      [() => open, 0],
    ] as const) {
      const results = await scoreModel(fakeScorer(sample, fillOf), sample, undefined, isValid);
      for (const r of results) {
        expect(r.fills).toBe(MOLECULES.length);
        expect(r.validity).toBe(share);
        expect(r.exact).toBe(share);
        expect(r.validity_n_best).toBe(share);
        expect(r.exact_n_best).toBe(share);
      }
    }
  });

  it('scoreModel: a valid fill after an invalid best fill counts among the N best only', async () => {
    const { isValid } = await smilesValidity();
    const sample: EvalSample = { items: moleculeItems(), ratios: ['0.15'], domain: 'molecules' };
    const open = tokenizer.encode('(').ids[1]!;
    // Second "(" again (not valid), third the test molecule itself, fourth a "C" (which would be
    // valid in some, but the first valid one counts).
    const carbon = tokenizer.encode('C').ids[1]!;
    const then = [() => open, (hidden: number) => hidden, () => carbon];
    const [r] = await scoreModel(
      fakeScorer(sample, () => open, then),
      sample,
      undefined,
      isValid,
    );
    expect([r!.validity, r!.exact]).toEqual([0, 0]);
    expect([r!.validity_n_best, r!.exact_n_best]).toEqual([1, 1]);
    // Oxygen first: of the four molecules with their second token hidden, only CCN(CC)CC gives a
    // molecule with an O there (CON(CC)CC, not the test molecule); the others go on to theirs.
    const oxygen = tokenizer.encode('O').ids[1]!;
    const oxygenFirst = [() => oxygen, (hidden: number) => hidden];
    const [o] = await scoreModel(
      fakeScorer(sample, () => open, oxygenFirst),
      sample,
      undefined,
      isValid,
    );
    expect([o!.valid_in_best, o!.exact_in_best]).toEqual([4, 3]);
  });
});

describe('the text route on a molecule model', () => {
  it('writes the masked molecule as SMILES and scores it as the ids route does', async () => {
    const folder = moleculeFixture('exlm-mol-route');
    const byIds = await loadScorer(folder, 'ids');
    const byText = await loadScorer(folder, 'text');
    try {
      for (const item of moleculeItems()) {
        for (const ratio of Object.keys(item.masks)) {
          const { input } = maskedInput(item, ratio, SPECIAL_IDS);
          expect(buildText(input.subarray(1, -1), (id) => tokenizer.token(id), 'smiles')).toBe(
            tokenizer.decode(input.subarray(1, -1)),
          );
          const viaText = await byText.score(input, 5);
          const viaIds = await byIds.score(input, 5);
          expect(viaText).not.toBeNull();
          expect(viaText!.slots.map((s) => s.top)).toEqual(viaIds!.slots.map((s) => s.top));
          expect(viaText!.fill).toEqual(viaIds!.fill);
        }
      }
    } finally {
      byIds.dispose();
      byText.dispose();
    }
  });
});

describe('npm run eval on molecule models', () => {
  it('scores both fixtures, with the validity of their fills in the JSON, table and config.json', async () => {
    const folders = [moleculeFixture('exlm-mol'), moleculeFixture('mlm-mol', 'tiny-random-mlm')];
    const sample = writeSample('molecules.jsonl', moleculeItems());
    const json = join(scratch, 'results.json');
    const argv = ['--models', folders.join(','), '--sample', sample, '--json', json];
    const { code, stdout, stderr } = await runEvalCaptured([...argv, '--write-config']);
    expect(stderr).not.toMatch(/exlm eval:/);
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(json, 'utf8')) as EvalResults;
    expect(results.domain).toBe('molecules');
    expect(results.validity_checker).toMatch(/^RDKit MinimalLib /);
    expect(results.valid_references).toBe(MOLECULES.length);
    expect(stdout).toContain(`the test molecules themselves: 4 of 4 valid`);
    expect(stdout).toMatch(/, 4 molecules of /);
    expect(stderr).toMatch(/ratio 0\.15: 4 molecules, \d+ masks/);
    expect(`${stdout}${stderr}`).not.toMatch(/sentence/);
    expect(stdout).toContain(formatEvalTable(results));
    expect(stdout).toMatch(
      new RegExp(`valid {3}exact valid@${BEST_FILL_COUNT} exact@${BEST_FILL_COUNT}`),
    );
    expect(results.best_fills).toBe(BEST_FILL_COUNT);
    for (const [m, model] of results.models.entries()) {
      for (const r of model.ratios) {
        expect(r.fills).toBe(MOLECULES.length);
        expect(r.valid_fills).toBeLessThanOrEqual(r.fills!);
        // An exact fill is the test molecule itself, which is valid.
        expect(r.exact_fills).toBeLessThanOrEqual(r.valid_fills!);
        expect(r.validity).toBe(r.valid_fills! / r.fills!);
        // The best fill is among the N best: valid there means valid among them.
        expect(r.valid_in_best).toBeGreaterThanOrEqual(r.valid_fills!);
        expect(r.exact_in_best).toBeLessThanOrEqual(r.valid_in_best!);
        expect(r.validity_n_best).toBe(r.valid_in_best! / r.fills!);
      }
      const config = JSON.parse(readFileSync(join(folders[m]!, 'config.json'), 'utf8')) as {
        evaluation: {
          masking: string;
          ratios: {
            validity: number;
            exact: number;
            validity_n_best: number;
            exact_n_best: number;
          }[];
        };
      };
      expect(config.evaluation.masking).toMatch(/^SMILES tokens/);
      expect(config.evaluation.ratios.map((r) => [r.validity, r.exact])).toEqual(
        model.ratios.map((r) => [+r.validity!.toFixed(6), +r.exact!.toFixed(6)]),
      );
      expect(config.evaluation.ratios.map((r) => [r.validity_n_best, r.exact_n_best])).toEqual(
        model.ratios.map((r) => [+r.validity_n_best!.toFixed(6), +r.exact_n_best!.toFixed(6)]),
      );
      // The page's parser keeps its own fields and passes the record.
      expect(parseConfigText(JSON.stringify(config), 'c').evaluation?.sentences).toBe(4);
    }
  });

  it('--write-cards writes molecule cards, with the validity of both twins', async () => {
    const folders = [moleculeFixture('exlm-card'), moleculeFixture('mlm-card', 'tiny-random-mlm')];
    const split = (molecules: number) => ({ molecules, scaffolds: 2, rows: molecules, tokens: 90 });
    const stats = join(scratch, 'smiles-stats.json');
    writeFileSync(
      stats,
      JSON.stringify({
        kind: 'smiles',
        vocab_size: 26,
        config: { seed: 's', augment: 4 },
        sources: {
          'chembl-set': {
            origin: 'a few molecules',
            terms: 'ChEMBL: CC BY-SA 3.0',
            kept: { train: 6, validation: 1, test: 1 },
          },
        },
        totals: { train: split(6), validation: split(1), test: split(1) },
      }),
    );
    const json = join(scratch, 'cards.json');
    const sample = writeSample('cards.jsonl', moleculeItems());
    const argv = ['--models', folders.join(','), '--sample', sample, '--json', json];
    const { code, stderr } = await runEvalCaptured([...argv, '--stats', stats, '--write-cards']);
    expect(stderr).not.toMatch(/failed/);
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(json, 'utf8')) as EvalResults;
    for (const folder of folders) {
      const card = readFileSync(join(folder, 'README.md'), 'utf8');
      expect(card).toContain('for molecules written as SMILES');
      expect(card).toContain('its weights are shared under the same terms, CC BY-SA 3.0');
      for (const model of results.models) {
        for (const r of model.ratios) {
          const share = (x: number) => `${(100 * x).toFixed(1)}%`;
          expect(card).toContain(`| ${share(r.validity!)} | ${share(r.exact!)} |`);
        }
      }
    }
  }, 180_000); // starts Python, whose torch import takes a while on a busy machine

  it('refuses a text sample on a molecule model, and the other way round', async () => {
    const molecule = moleculeFixture('exlm-mol-refuse');
    const text = resolve(PACKAGE_ROOT, 'models/tiny-random');
    const textSample = writeSample('text.jsonl', [
      { index: 0, ids: [5, 6, 7], masks: { '0.5': [1] } }, // no "domain": a text sample
    ]);
    const wrong = await runEvalCaptured(['--models', molecule, '--sample', textSample]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      `${textSample} is a text sample but ${molecule} is a molecule model: give --sample ` +
        'data/smiles/eval-sample.jsonl (made by /usr/bin/python3 -m training.eval_sample --data-dir data/smiles)',
    );
    const moleculeSample = writeSample('mol.jsonl', moleculeItems());
    const back = await runEvalCaptured(['--models', text, '--sample', moleculeSample]);
    expect(back.code).toBe(2);
    expect(back.stderr).toContain(
      `${moleculeSample} is a molecule sample but ${text} is a text model: give --sample data/eval-sample.jsonl`,
    );
    const mixed = await runEvalCaptured(['--models', `${molecule},${text}`]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(
      /--models mixes molecule models .* and text models .*: score each/,
    );
  });
});
