import { beforeEach, describe, expect, it } from 'vitest';

import { answerQuiz } from './quizAnswer.testdata';
import { quizCoverOf, selectQuizCover } from './quizCover';
import { playgroundStore, resetPlaygroundStore } from './store';

const state = () => playgroundStore.getState();

beforeEach(() => {
  resetPlaygroundStore();
  state().setOpenViews(['quiz', 'predictions']);
});

describe('quizCoverOf', () => {
  it('writes the hidden words as [MASK], with no mask index left', () => {
    expect(quizCoverOf(true, 'the old man sat', [1, 3], [1, 3])).toEqual({
      active: true,
      hiddenIndices: [1, 3],
      text: 'the [MASK] man [MASK]',
      masks: [],
    });
  });
  it('keeps typed [MASK]s and the spacing of the rest', () => {
    expect(quizCoverOf(true, 'a  [MASK] b,  c', [2], [2]).text).toBe('a  [MASK] [MASK],  c');
  });
  it('leaves the text as it is when nothing is hidden or no round is open', () => {
    expect(quizCoverOf(true, 'the cat', [], [])).toEqual({
      active: true,
      hiddenIndices: [],
      text: 'the cat',
      masks: [],
    });
    expect(quizCoverOf(false, 'the cat', [1], [1])).toEqual({
      active: false,
      hiddenIndices: [],
      text: 'the cat',
      masks: [1],
    });
  });
});

describe('selectQuizCover', () => {
  it('covers the masked words while a round is open, and nothing from the reveal on', () => {
    state().setDocument('the old man sat by the river', [1, 6]);
    const cover = selectQuizCover(state());
    expect(cover).toMatchObject({
      active: true,
      hiddenIndices: [1, 6],
      text: 'the [MASK] man sat by the [MASK]',
      masks: [],
    });
    // The same object while nothing changes: views re-render only when the cover does.
    expect(selectQuizCover(state())).toBe(cover);

    answerQuiz(playgroundStore, [['young'], ['sea']], null);
    expect(state().reveal()).toBe(true);
    expect(selectQuizCover(state())).toEqual({
      active: false,
      hiddenIndices: [],
      text: 'the old man sat by the river',
      masks: [1, 6],
    });
    // The next round covers them again; the store's text never changed.
    state().nextRound();
    expect(selectQuizCover(state()).text).toBe('the [MASK] man sat by the [MASK]');
    expect(state().text).toBe('the old man sat by the river');
  });
  it('is open but hides nothing while no word is masked, and a typed [MASK] hides nothing', () => {
    state().setDocument('the cat sat', []);
    expect(selectQuizCover(state())).toMatchObject({ active: true, hiddenIndices: [] });
    state().setDocument('the [MASK] sat', []);
    expect(selectQuizCover(state())).toMatchObject({
      active: true,
      hiddenIndices: [],
      text: 'the [MASK] sat',
    });
  });
  it('covers nothing once the quiz is closed', () => {
    state().setDocument('the cat sat', [1]);
    state().setOpenViews(['predictions']);
    expect(selectQuizCover(state())).toMatchObject({ active: false, text: 'the cat sat' });
  });
});
