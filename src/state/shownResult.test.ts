// The last result and whether it is stale: what the views show while a new analysis runs.
import { beforeEach, describe, expect, it } from 'vitest';

import type { Analysis } from '../model/types';
import { selectCurrentResult, selectShownResult } from './selectors';
import { playgroundStore, resetPlaygroundStore } from './store';

const state = () => playgroundStore.getState();
// Only the fields the store looks at matter here.
const fakeAnalysis = { model: 'm' } as unknown as Analysis;

function answer(input: string): void {
  const seq = state().beginAnalysis();
  state().acceptResult({
    seq,
    input,
    exlm: fakeAnalysis,
    mlm: null,
    truncation: null,
    roundTripMs: 1,
  });
}

beforeEach(() => resetPlaygroundStore());

describe('selectShownResult', () => {
  it('is null before the first result', () => {
    state().setDocument('the cat sat', [1]);
    expect(selectShownResult(state())).toBeNull();
  });

  it('keeps the last result, stale while the text differs, fresh once it matches again', () => {
    state().setDocument('the cat sat', [1]);
    answer('the [MASK] sat');
    const fresh = selectShownResult(state());
    expect(fresh?.stale).toBe(false);
    expect(fresh?.result.input).toBe('the [MASK] sat');
    // The same object while nothing changed: React's useSyncExternalStore needs that.
    expect(selectShownResult(state())).toBe(fresh);

    state().setText('the cat sat down');
    state().beginAnalysis();
    const stale = selectShownResult(state());
    expect(stale?.stale).toBe(true);
    expect(stale?.result.input).toBe('the [MASK] sat');
    // The current result (what settled() and the exports read) is still none.
    expect(selectCurrentResult(state())).toBeNull();

    answer('the [MASK] sat down');
    expect(selectShownResult(state())?.stale).toBe(false);
    expect(selectShownResult(state())?.result.input).toBe('the [MASK] sat down');
  });

  it('stays stale when the new analysis fails, and goes when results are cleared', () => {
    state().setDocument('a b', [0]);
    answer('[MASK] b');
    state().setText('a c');
    const seq = state().beginAnalysis();
    state().failAnalysis(seq, 'boom');
    expect(selectShownResult(state())?.stale).toBe(true);
    state().clearResults();
    expect(selectShownResult(state())).toBeNull();
  });
});
