// npm run eval --write-config: the scores go into config.json as "evaluation", which the config
// parser and the catalog read back; the rest of the file is kept byte for byte.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ExlmTokenizer, parseConfigText } from '../model';
import { scanModelFolders } from '../node/catalog';
import { type EvalResults, runEval } from './eval';
import { evaluationRecord, writeConfigEvaluation } from './eval-config';
import { PACKAGE_ROOT } from './model';
import { captureRun } from './testing';

const scratch = mkdtempSync(join(tmpdir(), 'exlm-eval-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const RUN = {
  tool: 'npm run eval (TypeScript runtime, tfjs wasm)',
  backend: 'wasm',
  route: 'ids',
  sample: 'data/eval-sample.jsonl',
  created: '2026-01-01T00:00:00.000Z',
};
const RATIOS = [
  { ratio: 0.15, sentences: 1000, masks: 2317, top1: 715 / 2317, top5: 1131 / 2317, entropy: 4.3 },
  { ratio: 0.5, sentences: 998, masks: 7550, top1: 0.2144370861, top5: 0.39655, entropy: 4.9 },
];

function copyFixture(name: string): string {
  const folder = join(scratch, 'models', name);
  cpSync(resolve(PACKAGE_ROOT, 'models/tiny-random'), folder, { recursive: true });
  return folder;
}

describe('evaluationRecord', () => {
  it('keeps the run, the masking and per ratio the scores, to 6 decimals', () => {
    const record = evaluationRecord(RUN, RATIOS);
    expect(record).toMatchObject({ ...RUN, sentences: 998 });
    expect(record.masking).toMatch(/^whole words/);
    expect(record.ratios[0]).toEqual({
      ratio: 0.15,
      masks: 2317,
      top1: 0.308589,
      top5: 0.488131,
      entropy: 4.3,
    });
  });
});

describe('writeConfigEvaluation', () => {
  it('adds "evaluation" before "training", keeps the rest as written and replaces it later', () => {
    const folder = copyFixture('scored');
    const path = join(folder, 'config.json');
    // As Python writes it: floats with ".0" and "1e-05", a "training" field last.
    const original = readFileSync(path, 'utf8');
    expect(original).toContain('"rope_base": 10000.0');
    writeConfigEvaluation(folder, evaluationRecord(RUN, RATIOS));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"rope_base": 10000.0');
    expect(text).toContain('"layer_norm_eps": 1e-05');
    expect(text.indexOf('"evaluation"')).toBeLessThan(text.indexOf('"training"'));
    expect(text.replace(/ {2}"evaluation": \{[\s\S]*?\n {2}\},\n/, '')).toBe(original);

    const config = parseConfigText(text, path);
    expect(config.evaluation?.sentences).toBe(998);
    expect(config.evaluation?.ratios.map((r) => r.ratio)).toEqual([0.15, 0.5]);
    expect(scanModelFolders(join(scratch, 'models')).models[0]?.quality).toEqual(config.evaluation);

    // A second run replaces the record in place.
    writeConfigEvaluation(folder, evaluationRecord(RUN, RATIOS.slice(0, 1)));
    const again = readFileSync(path, 'utf8');
    expect(again.match(/"evaluation"/g)).toHaveLength(1);
    expect(parseConfigText(again, path).evaluation?.ratios).toHaveLength(1);
    expect(again.replace(/ {2}"evaluation": \{[\s\S]*?\n {2}\},\n/, '')).toBe(original);
  });

  it('appends it to a config without "training" and refuses a record the page would refuse', () => {
    const folder = copyFixture('plain');
    const path = join(folder, 'config.json');
    const { training: _training, ...untrained } = JSON.parse(readFileSync(path, 'utf8'));
    const before = JSON.stringify(untrained, null, 2);
    writeFileSync(path, before);
    writeConfigEvaluation(folder, evaluationRecord(RUN, RATIOS));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      ...JSON.parse(before),
      evaluation: evaluationRecord(RUN, RATIOS),
    });
    expect(() =>
      writeConfigEvaluation(folder, { sentences: 10, ratios: [{ ratio: 0.15, top1: 2 }] }),
    ).toThrow(/the evaluation to write "ratios" entry 0/);
  });
});

describe('npm run eval -- --write-config', () => {
  it("writes each folder's scores into its config.json, as the results file has them", async () => {
    const folder = copyFixture('evaluated');
    const fixture = resolve(PACKAGE_ROOT, 'models/tiny-random');
    const tokenizer = new ExlmTokenizer(
      JSON.parse(readFileSync(join(fixture, 'tokenizer.json'), 'utf8')),
    );
    const sample = join(scratch, 'sample.jsonl');
    const texts = ['The cat sat on the mat.', 'She went to the store.'];
    const items = texts.map((text, index) => {
      const ids = Array.from(tokenizer.encode(text).ids.slice(1, -1));
      return { index, ids, masks: { '0.15': [1], '0.5': [0, 2] } };
    });
    writeFileSync(sample, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
    const json = join(scratch, 'results.json');
    const argv = ['--models', folder, '--sample', sample, '--json', json, '--write-config'];
    const { code, stdout } = await captureRun(runEval, argv);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote the evaluation into ${join(folder, 'config.json')}`);
    const results = JSON.parse(readFileSync(json, 'utf8')) as EvalResults;
    const config = parseConfigText(readFileSync(join(folder, 'config.json'), 'utf8'), folder);
    expect(config.evaluation).toEqual({
      sentences: 2,
      ratios: results.models[0]!.ratios.map((r) => ({
        ratio: r.ratio,
        masks: r.masks,
        top1: +r.top1.toFixed(6),
        top5: +r.top5.toFixed(6),
        entropy: +r.entropy.toFixed(6),
      })),
    });
    // Without the option, config.json is left alone.
    const untouched = copyFixture('untouched');
    const before = readFileSync(join(untouched, 'config.json'), 'utf8');
    const plain = ['--models', untouched, '--sample', sample, '--json', json];
    expect((await captureRun(runEval, plain)).code).toBe(0);
    expect(readFileSync(join(untouched, 'config.json'), 'utf8')).toBe(before);
  });
});
