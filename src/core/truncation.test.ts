import { describe, expect, it } from 'vitest';

import { fitToLimit } from './truncation';

// One token per word plus [CLS] and [SEP], like a word-level tokenizer.
const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length + 2;

describe('fitToLimit', () => {
  it('leaves text that fits alone', () => {
    expect(fitToLimit('a b c', 5, countWords)).toBeNull();
  });
  it('cuts at a word boundary and reports the rest', () => {
    expect(fitToLimit('a b c d e', 5, countWords)).toEqual({
      limitTokens: 5,
      keptText: 'a b c',
      cutText: 'd e',
    });
  });
  it('handles words that take several tokens', () => {
    // "long" counts as 3 tokens.
    const count = (t: string) =>
      t
        .split(' ')
        .filter(Boolean)
        .reduce((n, w) => n + (w === 'long' ? 3 : 1), 2);
    expect(fitToLimit('a long b', 5, count)).toEqual({
      limitTokens: 5,
      keptText: 'a',
      cutText: 'long b',
    });
  });
});
