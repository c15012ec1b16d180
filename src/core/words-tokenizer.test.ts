// The editor's words against the model's own tokenizer (the fixture's tokenizer.json, configured as
// the shipped models' are): a chip must be exactly one word to the model, invisible characters
// must be nothing to it, and masking chips must give the model one [MASK] per chip.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { seededRandom } from '../model/seededRandom';
import { ExlmTokenizer } from '../model/tokenizer';
import { effectiveMasks, maskedText, removeHiddenChars, splitWords } from './words';

const tokenizer = new ExlmTokenizer(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../models/tiny-random/tokenizer.json', import.meta.url)),
      'utf8',
    ),
  ),
);

/** Tokens of `text` between [CLS] and [SEP]. */
const tokensOf = (text: string): string[] => tokenizer.encode(text).tokens.slice(1, -1);

/** Words as the model sees them: a "##" piece continues the word before it. */
const modelWordCount = (text: string): number =>
  tokensOf(text).filter((token) => !token.startsWith('##')).length;

/** Chips the model sees. */
const pageWordCount = (text: string): number => splitWords(text).filter((w) => !w.ignored).length;

describe('splitWords agrees with the tokenizer', () => {
  it('on every character of the BMP and a sample of the others, between letters and spaces', () => {
    const codePoints: number[] = [];
    for (let cp = 0; cp < 0x10000; cp++) codePoints.push(cp);
    for (let cp = 0x10000; cp < 0x110000; cp += 97) codePoints.push(cp);
    const disagree: string[] = [];
    for (const cp of codePoints) {
      const char = String.fromCodePoint(cp);
      for (const text of [`x${char}y`, ` ${char} `]) {
        if (modelWordCount(text) !== pageWordCount(text)) {
          disagree.push(`U+${cp.toString(16).toUpperCase()} in ${JSON.stringify(text)}`);
        }
      }
    }
    expect(disagree).toEqual([]);
  }, 120_000);

  const PIECES = [
    'the',
    'cat',
    'É',
    'naïve',
    '日本',
    'です',
    'مرحبا',
    '😀',
    '👨\u200d👩\u200d👧',
    '[MASK]',
    '[mask]',
    '[SEP]',
    '[',
    ']',
    '<b>',
    '&',
    '$5',
    '€',
    '3.14',
    'http://a.b/c',
    ' ',
    ' ',
    '\n',
    '\t',
    'e\u0301',
    '\u0301',
    '\u200b',
    '\u202e',
    '\u2066',
    '\ufeff',
    '\u00ad',
    '\u0000',
    '\u0007',
    '\ud800',
    '\ufffd',
    '\ue000',
    '\u3000',
    '\u00a0',
    '≠',
    '—',
    '…',
    'x'.repeat(30),
  ];

  function randomText(random: () => number): string {
    let text = '';
    const n = 1 + Math.floor(random() * 25);
    for (let i = 0; i < n; i++) text += PIECES[Math.floor(random() * PIECES.length)];
    return text;
  }

  it('on 1,500 random hostile texts: the same words, and one [MASK] per masked chip', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1500; i++) {
      const text = randomText(random);
      expect(pageWordCount(text), JSON.stringify(text)).toBe(modelWordCount(text));
      const words = splitWords(text);
      const masks = effectiveMasks(
        words,
        words.flatMap((_, index) => (random() < 0.4 ? [index] : [])),
      );
      const input = maskedText(text, masks);
      expect(
        tokensOf(input).filter((t) => t === '[MASK]'),
        JSON.stringify(input),
      ).toHaveLength(masks.length);
      expect(modelWordCount(input), JSON.stringify(input)).toBe(pageWordCount(text));
    }
  });

  it('on invisible characters: removing them changes no token the model reads', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 500; i++) {
      const text = randomText(random);
      expect(tokensOf(removeHiddenChars(text, []).text), JSON.stringify(text)).toEqual(
        tokensOf(text),
      );
    }
  });
});
