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
  it('never shows the same example twice', () => {
    const keys = EXAMPLES.map((e) => `${e.text}#${e.masks.join(',')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('backs every caption with claims about real slots', () => {
    for (const example of EXAMPLES) {
      expect(example.why.trim(), example.text).not.toBe('');
      expect(example.expect.length, example.text).toBeGreaterThan(0);
      for (const claim of example.expect) {
        if (claim.slot !== undefined) {
          expect(claim.slot, example.text).toBeLessThan(example.masks.length);
        } else {
          // A claim without a slot is about the fill.
          expect(claim.fill, example.text).toBeDefined();
        }
        for (const [word, [min, max]] of Object.entries(claim.probs ?? {})) {
          expect(min, `${example.text}: ${word}`).toBeLessThanOrEqual(max);
        }
        // Every word a claim names appears in the caption.
        const named = [claim.top, ...(claim.topIncludes ?? []), ...Object.keys(claim.probs ?? {})];
        for (const word of named) {
          if (word !== undefined) expect(example.why, example.text).toContain(word);
        }
      }
    }
  });
});
