import { describe, expect, it } from 'vitest';
import { tryLayout } from './tryLayout';

describe('tryLayout', () => {
  it('returns the value or the error message', () => {
    expect(tryLayout(() => 3)).toEqual({ ok: true, value: 3 });
    expect(
      tryLayout(() => {
        throw new Error('pos1 must walk the source tokens in order');
      }),
    ).toEqual({ ok: false, message: 'pos1 must walk the source tokens in order' });
  });
});
