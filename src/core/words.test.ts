import { describe, expect, it } from 'vitest';

import { effectiveMasks, maskedText, remapMasks, splitWords } from './words';

describe('splitWords', () => {
  it('splits like the BERT pre-tokenizer and keeps [MASK] whole', () => {
    const words = splitWords("I can't see the [MASK].");
    expect(words.map((w) => w.text)).toEqual(['I', 'can', "'", 't', 'see', 'the', '[MASK]', '.']);
    expect(words[6]?.literalMask).toBe(true);
    expect(words[1]).toMatchObject({ start: 2, end: 5 });
  });
  it('treats markup as ordinary characters', () => {
    expect(splitWords('<b>x</b>').map((w) => w.text)).toEqual([
      '<',
      'b',
      '>',
      'x',
      '<',
      '/',
      'b',
      '>',
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
