// `exlm predict` on hostile text (docs/hostile-inputs.md, the CLI column): every case runs through
// one --input file on the fixture model, so the model loads once; each test reads its lines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { effectiveMasks, maskedText, splitWords } from '../core/words';
import type { PredictResult } from './result';
import { FIXTURE_DIR, fixtureConfig, jsonLines, runCaptured, scratchDir } from './testing';

const CASES = {
  whitespace: ' \t\u3000 ',
  invisibleOnly: '\u200b\u202e\ufeff',
  long5000: 'word '.repeat(1000),
  masks200: Array(200).fill('[MASK]').join(' '),
  allMasked: '[MASK] [MASK] [MASK]',
  script: '<script>alert(1)</script> [MASK] .',
  img: '<img src=x onerror="alert(1)"> [MASK]',
  maskLower: 'the [mask] sat',
  maskSpaced: 'the [ MASK ] sat',
  maskDouble: 'the [MASK][MASK] sat',
  maskGlued: 'x[MASK]y',
  special: 'a [SEP] b [CLS] [MASK]',
  emoji: 'i like 😀 and 👨\u200d👩\u200d👧 [MASK]',
  rtl: 'שלום عالم [MASK] .',
  cjk: '日本語 [MASK]',
  combining: 'cafe\u0301 [MASK]',
  combiningPlain: 'cafe [MASK]',
  zeroWidth: 'the c\u200bat sat on the [MASK] .',
  bidi: 'the \u202ecat\u202c sat on the [MASK] .',
  softHyphen: 'the c\u00adat sat on the [MASK] .',
  nul: 'the c\u0000at sat on the [MASK] .',
  loneSurrogate: 'the c\ud800at sat on the [MASK] .',
  plain: 'the cat sat on the [MASK] .',
  longWord: `${'a'.repeat(500)} [MASK]`,
  numbers: '3.14 and 1,000 and 42 [MASK]',
  url: 'see https://example.org/a?b=c&d=%20 [MASK]',
  escape: 'x\u001b[31mred\u001b[0m [MASK]',
} as const;

type CaseName = keyof typeof CASES;
const NAMES = Object.keys(CASES) as CaseName[];

const scratch = scratchDir();
afterAll(scratch.cleanup);

/** Each case's output line: a result, or {"line", "error"} for a text the model refuses. */
let results: Map<CaseName, PredictResult | { line: number; error: string }>;
let stderr = '';
let code = -1;

beforeAll(async () => {
  const file = join(scratch.dir, 'hostile.jsonl');
  writeFileSync(file, NAMES.map((name) => JSON.stringify({ text: CASES[name] })).join('\n') + '\n');
  const run = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, '--input', file]);
  ({ stderr, code } = run);
  const lines = jsonLines(run.stdout) as (PredictResult | { line: number; error: string })[];
  results = new Map(NAMES.map((name, i) => [name, lines[i] as PredictResult]));
}, 120_000);

/** Words as the model read them: a "##" piece continues the word before it. */
const modelWords = (r: PredictResult): number =>
  r.tokens.slice(1, -1).filter((t) => !t.startsWith('##')).length;

/** Chips the page shows for `text` that the model sees. */
const pageWords = (text: string): number => splitWords(text).filter((w) => !w.ignored).length;

function result(name: CaseName): PredictResult {
  const found = results.get(name);
  if (found === undefined || 'error' in found) throw new Error(`${name}: ${JSON.stringify(found)}`);
  return found;
}

function error(name: CaseName): string {
  const found = results.get(name);
  if (found === undefined || !('error' in found)) throw new Error(`${name} did not fail`);
  return found.error;
}

describe('exlm predict on hostile text', () => {
  it('runs every line, exits 1 for the refused ones, and names them on stderr', () => {
    expect(results.size).toBe(NAMES.length);
    expect(code).toBe(1);
    expect(stderr).toContain('3 of');
  });

  it('refuses blank text as empty, and takes invisible-only text as text without a mask', () => {
    expect(error('whitespace')).toMatch(/The text is empty/);
    expect(result('invisibleOnly').tokens).toEqual(['[CLS]', '[SEP]']);
    expect(result('invisibleOnly').masks).toEqual([]);
  });

  it('refuses 5,000 characters and 200 masks as too long, saying the limit', () => {
    const { max_positions } = fixtureConfig();
    expect(error('long5000')).toMatch(
      new RegExp(`too long: \\d+ tokens.*at most ${max_positions}`),
    );
    expect(error('masks200')).toMatch(/too long: 202 tokens/);
  });

  it('predicts every slot when every word is masked', () => {
    expect(result('allMasked').masks).toHaveLength(3);
  });

  it('reads markup as plain words, one model word per chip', () => {
    for (const name of ['script', 'img', 'url', 'numbers'] as const) {
      expect(modelWords(result(name)), name).toBe(pageWords(CASES[name]));
      expect(result(name).masks, name).toHaveLength(1);
    }
  });

  it('takes only the exact [MASK] as a mask, glued or doubled too', () => {
    expect(result('maskLower').masks).toEqual([]);
    expect(result('maskSpaced').masks).toEqual([]);
    expect(result('maskDouble').masks).toHaveLength(2);
    expect(result('maskGlued').masks).toHaveLength(1);
  });

  it('reads other typed special tokens as those tokens', () => {
    expect(result('special').tokens).toEqual([
      '[CLS]',
      'a',
      '[SEP]',
      'b',
      '[CLS]',
      '[MASK]',
      '[SEP]',
    ]);
  });

  it('reads emoji, right-to-left text, CJK and long words as [UNK] or pieces, without failing', () => {
    for (const name of ['emoji', 'rtl', 'cjk', 'longWord'] as const) {
      expect(modelWords(result(name)), name).toBe(pageWords(CASES[name]));
      expect(result(name).masks, name).toHaveLength(1);
    }
    expect(result('emoji').tokens).toContain('[UNK]');
    expect(result('longWord').tokens).toEqual(['[CLS]', '[UNK]', '[MASK]', '[SEP]']);
  });

  it('drops accents, and invisible and control characters, as the page says it does', () => {
    expect(result('combining').tokens).toEqual(result('combiningPlain').tokens);
    const plain = result('plain');
    for (const name of ['zeroWidth', 'bidi', 'softHyphen', 'nul', 'loneSurrogate'] as const) {
      expect(result(name).tokens, name).toEqual(plain.tokens);
      expect(result(name).masks[0]?.top, name).toEqual(plain.masks[0]?.top);
    }
  });

  it('escapes control characters in its JSON output', async () => {
    const run = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, CASES.escape]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
  });

  it('gives one slot per chip the page masks, for each case', () => {
    for (const name of NAMES) {
      const found = results.get(name);
      if (found === undefined || 'error' in found) continue;
      const words = splitWords(CASES[name]);
      const masks = effectiveMasks(words, []);
      expect(found.masks, name).toHaveLength(masks.length);
      expect(maskedText(CASES[name], masks)).toBe(CASES[name]);
    }
  });
});
