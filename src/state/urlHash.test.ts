import { describe, expect, it } from 'vitest';

import { decodeHash, encodeHash } from './urlHash';

describe('URL hash codec', () => {
  it('round-trips text, masks, model and views', () => {
    const state = {
      text: 'a café & <b>bold</b> #1, 100%',
      masks: [1, 4],
      model: 'exlm-en-small',
      views: ['predictions' as const, 'attention' as const],
    };
    const hash = encodeHash(state);
    expect(hash.startsWith('#text=')).toBe(true);
    expect(decodeHash(hash)).toEqual({ state, problems: [] });
  });
  it('round-trips no masks and no views', () => {
    const state = { text: 'x', masks: [], model: null, views: [] };
    expect(decodeHash(encodeHash(state)).state).toEqual({ text: 'x', masks: [], views: [] });
  });
  it('returns nothing for an empty hash', () => {
    expect(decodeHash('')).toEqual({ state: {}, problems: [] });
    expect(decodeHash('#')).toEqual({ state: {}, problems: [] });
  });
  it('falls back per field and says why', () => {
    const { state, problems } = decodeHash(
      '#text=the%20cat&mask=1,x&model=../etc&views=predictions,bogus&zz=1',
    );
    expect(state).toEqual({ text: 'the cat' });
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/zz/);
    expect(problems.join(' ')).toMatch(/"mask" field/);
    expect(problems.join(' ')).toMatch(/model name/);
    expect(problems.join(' ')).toMatch(/unknown views \(bogus\)/);
  });
  it('rejects masks past the end of the text', () => {
    const { state, problems } = decodeHash('#text=one%20two&mask=5');
    expect(state.masks).toBeUndefined();
    expect(problems[0]).toMatch(/word 5.*only 2 words/);
  });
  it('rejects broken percent escapes as a whole', () => {
    const { state, problems } = decodeHash('#text=%E0%A4%A');
    expect(state).toEqual({});
    expect(problems[0]).toMatch(/not valid URL encoding/);
  });
});
