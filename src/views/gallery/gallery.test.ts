import { describe, expect, it } from 'vitest';

import { splitWords } from '../../core/words';
import { EXAMPLES } from './examples';

describe('gallery examples', () => {
  it('has at least 8 examples, each masking real words', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(8);
    for (const example of EXAMPLES) {
      const words = splitWords(example.text);
      expect(example.masks.length).toBeGreaterThan(0);
      for (const m of example.masks) {
        expect(m).toBeLessThan(words.length);
        // A mask on punctuation teaches nothing.
        expect(words[m]?.text).toMatch(/^\p{L}+$/u);
      }
    }
  });
  it('includes multi-mask examples', () => {
    expect(EXAMPLES.filter((e) => e.masks.length >= 2).length).toBeGreaterThanOrEqual(4);
  });
});
