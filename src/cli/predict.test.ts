// `exlm predict` on the real fixture model, in-process, checked against the PyTorch golden outputs.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type GoldenCase, readGolden } from '../node/goldenFile';
import { noMaskHint } from './predict';
import type { PredictResult } from './result';
import { FIXTURE_DIR, fixtureConfig, jsonLines, runCaptured } from './testing';

const golden = readGolden('tiny-random');

function goldenCase(name: string): GoldenCase {
  const found = golden.cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`golden case ${name} is missing`);
  return found;
}

/** Ids of the golden slot marginal of slot `i`, most probable first. */
function goldenRanking(c: GoldenCase, i: number, vocabSize: number): number[] {
  const row = c.marginals.slice(i * vocabSize, (i + 1) * vocabSize);
  return row.map((_, id) => id).sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0));
}

async function predictJson(...argv: string[]): Promise<PredictResult> {
  const run = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, ...argv]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const [result, ...rest] = jsonLines(run.stdout);
  expect(rest).toEqual([]);
  return result as PredictResult;
}

describe('exlm predict on the fixture', () => {
  it('gives the golden slot distribution and fill as JSON', async () => {
    const c = goldenCase('adjacent_masks');
    const { vocab_size } = fixtureConfig();
    const result = await predictJson('--top-k', '4', c.text);

    expect(result.model).toBe('tiny-random');
    expect(result.tokens[0]).toBe('[CLS]');
    expect(result.tokens.at(-1)).toBe('[SEP]');
    // Left to right, each position holding a [MASK].
    expect(result.masks.map((m) => m.position)).toEqual([2, 3]);
    for (const slot of result.masks) expect(result.tokens[slot.position]).toBe('[MASK]');
    result.masks.forEach((slot, i) => {
      expect(slot.top).toHaveLength(4);
      expect(slot.entropy).toBeCloseTo(c.entropy[i] ?? NaN, 4);
      const best = goldenRanking(c, i, vocab_size)[0] ?? -1;
      expect(slot.top[0]?.prob).toBeCloseTo(c.marginals[i * vocab_size + best] ?? NaN, 4);
      const probs = slot.top.map((t) => t.prob);
      expect(probs).toEqual([...probs].sort((a, b) => b - a));
    });
    expect(result.fill.text).toBe(c.fill_text);
    expect(result.fill.tokens).toHaveLength(2);
  });

  it('prints a readable table without --json', async () => {
    const c = goldenCase('one_mask');
    const run = await runCaptured(['predict', '--model', FIXTURE_DIR, c.text]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(c.text);
    expect(run.stdout).toContain('[MASK] 1 of 1 at position 3');
    expect(run.stdout).toContain(`entropy ${(c.entropy[0] ?? NaN).toFixed(2)} nats`);
    expect(run.stdout).toContain(`best fill: ${c.fill_text}`);
    expect(run.stdout.match(/^ +\d\. /gm)).toHaveLength(5);
  });

  it('uses the fixture (or the shipped model) when --model is not given', async () => {
    const run = await runCaptured(['predict', '--json', 'the [MASK] .']);
    expect(run.code).toBe(0);
    const [result] = jsonLines(run.stdout) as PredictResult[];
    expect(['tiny-random', 'exlm-en-small']).toContain(result?.model);
  });

  it('accepts a text without [MASK]: no slots, the text itself as fill, a hint on stderr', async () => {
    const c = goldenCase('no_mask');
    const run = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, c.text]);
    expect(run.code).toBe(0);
    const [result] = jsonLines(run.stdout) as PredictResult[];
    expect(result?.masks).toEqual([]);
    expect(result?.fill).toEqual({ tokens: [], text: c.fill_text });
    expect(run.stderr).toMatch(/^hint: the text has no \[MASK\] token/);
  });

  it('turns characters outside the vocabulary into [UNK] without failing', async () => {
    const c = goldenCase('unknown_chars');
    const result = await predictJson(c.text);
    expect(result.tokens.filter((t) => t === '[UNK]')).toHaveLength(2);
    expect(result.masks).toHaveLength(1);
    expect(result.fill.text).toBe(c.fill_text);
  });

  it('rejects an empty text with exit code 1', async () => {
    const run = await runCaptured(['predict', '--model', FIXTURE_DIR, '  ']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/empty/);
  });

  it('rejects a text longer than the model reads, saying the limit', async () => {
    const { max_positions } = fixtureConfig();
    const text = Array.from({ length: max_positions }, () => 'cat').join(' ') + ' [MASK]';
    const run = await runCaptured(['predict', '--model', FIXTURE_DIR, text]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${max_positions + 3} tokens`);
    expect(run.stderr).toContain(`at most ${max_positions}`);
  });

  it('leaves no tensor behind', async () => {
    await predictJson('a [MASK] b');
    const before = tf.memory().numTensors;
    await predictJson('a [MASK] b [MASK]');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the hint for an input without [MASK]', () => {
  it("gives an example in the model's own input: a sentence, or a SMILES for a molecule model", () => {
    expect(noMaskHint('wordpiece')).toMatch(/where a word should be guessed, e\.g\. "the cat sat/);
    const molecules = noMaskHint('smiles');
    expect(molecules).toMatch(/where a SMILES token \(an atom, a bond, a branch or a ring digit\)/);
    expect(molecules).toContain('e.g. "CC(=O)[MASK]"');
    expect(molecules).not.toMatch(/word|sentence|cat/);
  });
});
