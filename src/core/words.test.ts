import { describe, expect, it } from 'vitest';

import {
  chipParts,
  effectiveMasks,
  findHiddenChars,
  maskedText,
  remapMasks,
  removeHiddenChars,
  showHidden,
  splitWords,
} from './words';

const texts = (text: string) => splitWords(text).map((w) => w.text);

describe('splitWords', () => {
  it('splits like the BERT pre-tokenizer and keeps [MASK] whole', () => {
    const words = splitWords("I can't see the [MASK].");
    expect(words.map((w) => w.text)).toEqual(['I', 'can', "'", 't', 'see', 'the', '[MASK]', '.']);
    expect(words[6]?.literalMask).toBe(true);
    expect(words[1]).toMatchObject({ start: 2, end: 5 });
  });
  it('treats markup as ordinary characters', () => {
    expect(texts('<b>x</b>')).toEqual(['<', 'b', '>', 'x', '<', '/', 'b', '>']);
    expect(texts('<script>alert(1)</script>')).toEqual([
      '<',
      'script',
      '>',
      'alert',
      '(',
      '1',
      ')',
      '<',
      '/',
      'script',
      '>',
    ]);
    expect(texts('<img src=x onerror="a()">')).toEqual([
      '<',
      'img',
      'src',
      '=',
      'x',
      'onerror',
      '=',
      '"',
      'a',
      '(',
      ')',
      '"',
      '>',
    ]);
  });
  it('finds no words in empty or blank text', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' \t\n\r\u00a0\u3000\u2028 ')).toEqual([]);
  });
  it('keeps only the exact [MASK] as a mask; other spellings are ordinary words', () => {
    expect(texts('[mask]')).toEqual(['[', 'mask', ']']);
    expect(texts('[ MASK ]')).toEqual(['[', 'MASK', ']']);
    expect(texts('[MASKED]')).toEqual(['[', 'MASKED', ']']);
    const double = splitWords('[MASK][MASK]x[MASK]y');
    expect(double.map((w) => w.text)).toEqual(['[MASK]', '[MASK]', 'x', '[MASK]', 'y']);
    expect(double.filter((w) => w.literalMask)).toHaveLength(3);
  });
  it('keeps other typed special tokens whole, as the tokenizer does, but not as masks', () => {
    const words = splitWords('a [SEP] b [CLS][PAD][UNK]');
    expect(words.map((w) => w.text)).toEqual(['a', '[SEP]', 'b', '[CLS]', '[PAD]', '[UNK]']);
    expect(words.some((w) => w.literalMask)).toBe(false);
  });
  it('splits ASCII symbols and Unicode punctuation, keeps other symbols and emoji in the word', () => {
    expect(texts('$5 + 3 = 8%')).toEqual(['$', '5', '+', '3', '=', '8', '%']);
    expect(texts('5€ ©2024 «a»')).toEqual(['5€', '©2024', '«', 'a', '»']);
    expect(texts('hi😀😀 👨\u200d👩\u200d👧!')).toEqual(['hi😀😀', '👨\u200d👩\u200d👧', '!']);
  });
  it('sets each CJK ideograph apart, keeps kana and hangul runs', () => {
    expect(texts('日本語です 한국어')).toEqual(['日', '本', '語', 'です', '한국어']);
  });
  it('keeps right-to-left words and combining marks in their words', () => {
    expect(texts('שלום عالم.')).toEqual(['שלום', 'عالم', '.']);
    expect(texts('cafe\u0301 n\u0303o')).toEqual(['cafe\u0301', 'n\u0303o']);
  });
  it('reads numbers, URLs and long words as the tokenizer does', () => {
    expect(texts('3.14 1,000')).toEqual(['3', '.', '14', '1', ',', '000']);
    expect(texts('https://example.org/a?b=c')).toEqual([
      'https',
      ':',
      '/',
      '/',
      'example',
      '.',
      'org',
      '/',
      'a',
      '?',
      'b',
      '=',
      'c',
    ]);
    expect(texts('x'.repeat(500))).toEqual(['x'.repeat(500)]);
  });
  it('puts invisible characters in the word around them, as the tokenizer deletes them', () => {
    expect(texts('a\u200bb c\u00adoop \u202eevil\u202c')).toEqual([
      'a\u200bb',
      'c\u00adoop',
      '\u202eevil\u202c',
    ]);
    expect(texts('x\u0000y \ufeffz')).toEqual(['x\u0000y', '\ufeffz']);
    // A byte order mark is no space to the tokenizer: it joins.
    expect(texts('a\ufeffb')).toEqual(['a\ufeffb']);
    expect(splitWords('a\u200bb').every((w) => !w.ignored)).toBe(true);
  });
  it('marks words the model never sees: only invisible characters or lone accents', () => {
    const words = splitWords('a \u200b\u200f b . \u0301 \ud800 \ufffd c');
    expect(words.map((w) => [w.text, w.ignored])).toEqual([
      ['a', false],
      ['\u200b\u200f', true],
      ['b', false],
      ['.', false],
      ['\u0301', true],
      ['\ud800', true],
      ['\ufffd', true],
      ['c', false],
    ]);
  });
});

describe('maskedText and effectiveMasks', () => {
  it('replaces masked words and keeps spacing', () => {
    expect(maskedText('the  cat sat.', [1, 3])).toBe('the  [MASK] sat[MASK]');
  });
  it('adds typed [MASK]s to the chosen masks', () => {
    expect(effectiveMasks(splitWords('a [MASK] c d'), [3, 9])).toEqual([1, 3]);
  });
  it('never masks a word the model does not see', () => {
    const words = splitWords('a \u200b b');
    expect(effectiveMasks(words, [0, 1, 2])).toEqual([0, 2]);
    expect(maskedText('a \u200b b', [1])).toBe('a \u200b b');
  });
  it('masks a word with invisible characters in it as one word', () => {
    expect(maskedText('a co\u00adop b', [1])).toBe('a [MASK] b');
  });
  it('masks every word of a long text, 200 masks and all', () => {
    const text = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const all = splitWords(text).map((_, i) => i);
    const masked = maskedText(text, effectiveMasks(splitWords(text), all));
    expect(masked).toBe(Array(200).fill('[MASK]').join(' '));
  });
});

describe('remapMasks', () => {
  it('keeps masks before and after an edit, shifted', () => {
    // words: the(0) big(1) cat(2) sat(3) -> the(0) very(1) big(2) cat(3) sat(4)
    expect(remapMasks('the big cat sat', 'the very big cat sat', [0, 2, 3])).toEqual([0, 3, 4]);
  });
  it('drops masks on edited words', () => {
    expect(remapMasks('the cat sat', 'the dog sat', [1, 2])).toEqual([2]);
  });
  it('handles deleting everything', () => {
    expect(remapMasks('the cat', '', [0, 1])).toEqual([]);
  });
});

describe('invisible and control characters', () => {
  it('are found with their code and name', () => {
    const found = findHiddenChars('a\u200bb\u202e\u2066\ufeff\u00ad\u0000\u0007\u0085\u{e0001}');
    expect(found.map((h) => [h.index, h.label, h.name])).toEqual([
      [1, 'U+200B', 'ZERO WIDTH SPACE'],
      [3, 'U+202E', 'RIGHT-TO-LEFT OVERRIDE'],
      [4, 'U+2066', 'LEFT-TO-RIGHT ISOLATE'],
      [5, 'U+FEFF', 'ZERO WIDTH NO-BREAK SPACE (byte order mark)'],
      [6, 'U+00AD', 'SOFT HYPHEN'],
      [7, 'U+0000', 'NULL'],
      [8, 'U+0007', 'BELL'],
      [9, 'U+0085', 'NEXT LINE'],
      [10, 'U+E0001', 'invisible format character'],
    ]);
    expect(found[0]?.marker).toBe('⟨U+200B⟩');
  });
  it('include lone surrogates, private use and U+FFFD, but not tab, newline or spaces', () => {
    expect(findHiddenChars('\ud800 \udfff \ue000 \ufffd').map((h) => h.name)).toEqual([
      'lone surrogate (half of a broken character)',
      'lone surrogate (half of a broken character)',
      'private-use character',
      'REPLACEMENT CHARACTER',
    ]);
    expect(findHiddenChars('a\tb\nc\r\nd\u00a0e\u3000f')).toEqual([]);
  });
  it('leave the joiners and tags inside emoji sequences alone', () => {
    const family = '👨\u200d👩\u200d👧';
    const rainbow = '🏳\ufe0f\u200d🌈';
    const scotland = '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
    expect(findHiddenChars(`${family} ${rainbow} ${scotland} 👩🏽\u200d💻`)).toEqual([]);
    // A joiner between two letters is hidden text, not an emoji.
    expect(findHiddenChars('a\u200db').map((h) => h.label)).toEqual(['U+200D']);
  });
  it('are shown as markers in messages', () => {
    expect(showHidden('evil\u202etxt.exe')).toBe('evil⟨U+202E⟩txt.exe');
    expect(showHidden('plain')).toBe('plain');
  });
  it('are split out of chip labels, each as one part', () => {
    const text = 'a\u200bb \u202e x😀';
    const parts = chipParts(splitWords(text), findHiddenChars(text));
    expect(parts.map((p) => p.map((part) => part.hidden?.label ?? part.text))).toEqual([
      ['a', 'U+200B', 'b'],
      ['U+202E'],
      ['x😀'],
    ]);
  });
  it('are removed in one go, the masks staying on the same words', () => {
    // words: a(0) <U+200B>(1, ignored) co<U+00AD>op(2) [MASK](3) b(4) -> a(0) coop(1) [MASK](2) b(3)
    const before = 'a \u200b co\u00adop [MASK] b\u202e';
    expect(removeHiddenChars(before, [0, 1, 2, 4])).toEqual({
      text: 'a  coop [MASK] b',
      masks: [0, 1, 3],
    });
    expect(removeHiddenChars('no hidden', [1])).toEqual({ text: 'no hidden', masks: [1] });
    expect(removeHiddenChars('\u200b\ufeff', [0])).toEqual({ text: '', masks: [] });
    // Emoji keep their joiners.
    expect(removeHiddenChars('👨\u200d👩\u200d👧\u200b', []).text).toBe('👨\u200d👩\u200d👧');
  });
});
