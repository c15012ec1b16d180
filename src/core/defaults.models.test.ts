// The sentence the page opens with, against the shipped ExLM: the first thing a newcomer sees must
// be the model getting a word right. The sentence is one of the first-sentences test set
// (training/first-sentences.json, never trained on), masked where that set hides a word, and the
// shipped ExLM's first guess for every mask is an accepted answer there.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExlmModel } from '../model';
import { loadModelFromFolder, setNodeBackend } from '../node';
import { SHIPPED_PAIR } from './catalog';
import { DEFAULT_MASKS, DEFAULT_TEXT } from './defaults';
import { maskedText } from './words';

const ROOT = resolve(import.meta.dirname, '../..');
const EXLM = resolve(ROOT, 'models', SHIPPED_PAIR.exlm);

interface FirstSentence {
  text: string;
  answers: string[][];
}
const FIRST: FirstSentence[] = (
  JSON.parse(readFileSync(resolve(ROOT, 'training/first-sentences.json'), 'utf8')) as {
    sentences: FirstSentence[];
  }
).sentences;

/** Words as the first-sentences file writes them: lowercase, separated by single spaces. */
const normal = (text: string): string => text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');

const opening = FIRST.find(
  (s) => normal(s.text) === normal(maskedText(DEFAULT_TEXT, DEFAULT_MASKS)),
);

describe('the opening sentence', () => {
  it('is a first-sentences entry, masked where that entry hides its words', () => {
    expect(
      opening,
      `"${maskedText(DEFAULT_TEXT, DEFAULT_MASKS)}" is not in training/first-sentences.json`,
    ).toBeDefined();
  });

  describe.skipIf(!existsSync(EXLM))('on the shipped ExLM (wasm)', () => {
    let model: ExlmModel | undefined;
    beforeAll(async () => {
      await setNodeBackend('wasm');
      model = await loadModelFromFolder(EXLM);
    }, 120_000);
    afterAll(() => model?.dispose());

    it('gets every hidden word first', async () => {
      const analysis = await model!.analyze(maskedText(DEFAULT_TEXT, DEFAULT_MASKS), {
        topK: 5,
        attention: false,
      });
      analysis.masks.forEach((slot, i) => {
        const top = slot.top.map((t) => `${t.token} ${(100 * t.prob).toFixed(1)}%`).join(', ');
        expect(opening?.answers[i], `slot ${i}: ${top}`).toContain(slot.top[0]!.token);
      });
    });
  });
});
