import { beforeEach, describe, expect, it } from 'vitest';

import type { Analysis } from '../model/types';
import {
  selectCurrentResult,
  selectEffectiveMasks,
  selectInputProblem,
  selectModelInput,
} from './selectors';
import { playgroundStore, resetPlaygroundStore } from './store';
import { applyHash } from './urlSync';

const state = () => playgroundStore.getState();

// Only the fields the store looks at matter here; the rest of an Analysis is irrelevant to it.
const fakeAnalysis = { model: 'm' } as unknown as Analysis;

beforeEach(() => resetPlaygroundStore());

describe('document slice', () => {
  it('toggles masks and builds the model input', () => {
    state().setDocument('the cat sat', []);
    state().toggleMask(1);
    expect(state().masks).toEqual([1]);
    expect(selectModelInput(state())).toBe('the [MASK] sat');
    state().toggleMask(1);
    expect(selectModelInput(state())).toBe('the cat sat');
  });
  it('keeps masks on the same words while typing', () => {
    state().setDocument('the cat sat', [2]);
    state().setText('oh the cat sat');
    expect(selectModelInput(state())).toBe('oh the cat [MASK]');
  });
  it('cannot unmask a typed [MASK], and counts it as a mask', () => {
    state().setDocument('a [MASK] b', []);
    state().toggleMask(1);
    expect(state().masks).toEqual([]);
    expect(selectEffectiveMasks(state())).toEqual([1]);
  });
  it('names input problems', () => {
    state().setDocument('  ', []);
    expect(selectInputProblem(state())).toBe('empty');
    state().setDocument('a b', []);
    expect(selectInputProblem(state())).toBe('no-mask');
    state().setDocument('a b', [0, 1]);
    expect(selectInputProblem(state())).toBe('all-masked');
    state().setDocument('a b', [0]);
    expect(selectInputProblem(state())).toBeNull();
  });
  it('never masks a word the model does not see, and counts none of them', () => {
    state().setDocument('\u200b \u202e', []);
    expect(selectInputProblem(state())).toBe('empty');
    state().setDocument('a \u200b b', [0]);
    state().toggleMask(1);
    expect(state().masks).toEqual([0]);
    state().toggleMask(2);
    expect(selectInputProblem(state())).toBe('all-masked');
    expect(selectModelInput(state())).toBe('[MASK] \u200b [MASK]');
  });
});

describe('results slice', () => {
  it('keeps only the answer to the newest request', () => {
    state().setDocument('a b', [0]);
    const first = state().beginAnalysis();
    const second = state().beginAnalysis();
    const input = selectModelInput(state());
    const result = (seq: number) => ({
      seq,
      input,
      exlm: fakeAnalysis,
      mlm: null,
      truncation: null,
      roundTripMs: 1,
    });
    expect(state().acceptResult(result(first))).toBe(false);
    expect(state().results).toBeNull();
    expect(state().analyzing).toBe(true);
    expect(state().acceptResult(result(second))).toBe(true);
    expect(state().analyzing).toBe(false);
    expect(selectCurrentResult(state())?.seq).toBe(second);
  });
  it('hides a result once the text changed', () => {
    state().setDocument('a b', [0]);
    const seq = state().beginAnalysis();
    state().acceptResult({
      seq,
      input: selectModelInput(state()),
      exlm: fakeAnalysis,
      mlm: null,
      truncation: null,
      roundTripMs: 1,
    });
    state().setText('a b c');
    expect(selectCurrentResult(state())).toBeNull();
  });
  it('ignores failures of superseded requests', () => {
    const old = state().beginAnalysis();
    state().beginAnalysis();
    state().failAnalysis(old, 'boom');
    expect(state().analysisError).toBeNull();
  });
});

describe('view slice', () => {
  it('toggles views in a fixed order and clamps options', () => {
    state().setOpenViews([]);
    state().toggleView('dag');
    state().toggleView('predictions');
    expect(state().openViews).toEqual(['predictions', 'dag']);
    state().setTopK(99);
    expect(state().topK).toBe(10);
    state().setDagThreshold(-1);
    expect(state().dagThreshold).toBe(0);
  });
});

describe('applyHash', () => {
  it('restores text, masks, views and model', () => {
    applyHash(playgroundStore, '#text=the%20cat%20sat&mask=1&model=tiny-random&views=dag');
    expect(selectModelInput(state())).toBe('the [MASK] sat');
    expect(state().openViews).toEqual(['dag']);
    expect(state().requestedModel).toBe('tiny-random');
    expect(state().notices).toEqual([]);
  });
  it('keeps defaults and adds a warning for a malformed hash', () => {
    const before = state().text;
    applyHash(playgroundStore, '#text=%E0%A4%A');
    expect(state().text).toBe(before);
    expect(state().notices[0]?.kind).toBe('warning');
  });
});

describe('selectors', () => {
  it('return the same arrays for the same state (React would loop otherwise)', () => {
    state().setDocument('a b c', [1]);
    expect(selectEffectiveMasks(state())).toBe(selectEffectiveMasks(state()));
  });
});
