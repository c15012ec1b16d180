import { describe, expect, it } from 'vitest';

import { isNextRoundKey } from './quizKeys';

const keys = { altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code: 'KeyN' };

describe('isNextRoundKey', () => {
  it('is Alt+N and nothing else', () => {
    expect(isNextRoundKey({ ...keys, altKey: true })).toBe(true);
    expect(isNextRoundKey(keys)).toBe(false);
    expect(isNextRoundKey({ ...keys, altKey: true, ctrlKey: true })).toBe(false);
    expect(isNextRoundKey({ ...keys, altKey: true, shiftKey: true })).toBe(false);
    expect(isNextRoundKey({ ...keys, altKey: true, metaKey: true })).toBe(false);
    expect(isNextRoundKey({ ...keys, altKey: true, code: 'KeyM' })).toBe(false);
  });
});
