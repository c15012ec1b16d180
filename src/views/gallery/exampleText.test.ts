import { describe, expect, it } from 'vitest';

import { exampleText } from './exampleText';

const EXAMPLE = { text: 'she went to the store to buy some milk .', masks: [2] };

describe('exampleText', () => {
  it('masks the example’s own words', () => {
    expect(exampleText(EXAMPLE, 'another sentence', [])).toBe(
      'she went [MASK] the store to buy some milk .',
    );
  });
  it('also masks the words a quiz round hides in the same sentence', () => {
    expect(exampleText(EXAMPLE, EXAMPLE.text, [4, 8])).toBe(
      'she went [MASK] the [MASK] to buy some [MASK] .',
    );
  });
  it('leaves other sentences as they are during a round', () => {
    expect(exampleText(EXAMPLE, 'the cat sat on the mat', [1])).toBe(
      'she went [MASK] the store to buy some milk .',
    );
  });
});
