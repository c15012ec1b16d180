import { beforeEach, describe, expect, it } from 'vitest';

import type { ModelInfo } from '../../model/types';
import { answerQuiz } from '../quizAnswer.testdata';
import { selectHideAnswers, selectQuizBlocker, selectQuizSlots } from '../quizSelectors';
import { QUIZ_TOP_K } from '../quizScoring';
import { selectAnalysisPlan, selectTwinNeeded } from '../selectors';
import { playgroundStore, resetPlaygroundStore } from '../store';

const state = () => playgroundStore.getState();
const READY = { phase: 'ready', info: {} as ModelInfo, loadMs: 1 } as const;

/** Stores an analysis of the editor's current text, as the controller would. */
const answer = (exlm: string[][], mlm: string[][] | null): void =>
  answerQuiz(playgroundStore, exlm, mlm);

beforeEach(() => {
  resetPlaygroundStore();
  state().setOpenViews(['quiz']);
});

describe('quiz selectors', () => {
  it('needs the twin and a larger top-k while the quiz is open', () => {
    state().setModelNames({ exlm: 'exlm-x', mlm: 'mlm-x' });
    state().setModelLoad('exlm', READY);
    state().setModelLoad('mlm', READY);
    expect(selectTwinNeeded(state())).toBe(true);
    expect(selectAnalysisPlan(state())).toMatchObject({
      models: ['exlm-x', 'mlm-x'],
      topK: QUIZ_TOP_K,
    });
    state().setOpenViews(['predictions']);
    expect(selectTwinNeeded(state())).toBe(false);
    expect(selectAnalysisPlan(state())).toMatchObject({ models: ['exlm-x'], topK: state().topK });
  });
  it('lists the masked words, a typed [MASK] hiding none', () => {
    state().setDocument('the cat sat on [MASK] mat', [1]);
    expect(selectQuizSlots(state())).toEqual([
      { wordIndex: 1, hidden: 'cat' },
      { wordIndex: 4, hidden: null },
    ]);
    expect(selectQuizSlots(state())).toBe(selectQuizSlots(state()));
  });
  it('hides the answers while a round is open, and only while the quiz is open', () => {
    state().setDocument('the cat sat', [1]);
    expect(selectHideAnswers(state())).toBe(true);
    answer([['dog']], null);
    expect(state().reveal()).toBe(true);
    expect(selectHideAnswers(state())).toBe(false);
    state().nextRound();
    expect(selectHideAnswers(state())).toBe(true);
    state().setOpenViews(['predictions']);
    expect(selectHideAnswers(state())).toBe(false);
  });
  it('says why a round cannot be revealed yet', () => {
    state().setDocument('the cat sat', []);
    expect(selectQuizBlocker(state())).toMatch(/Mask a word/);
    state().setDocument('the cat sat', [1]);
    expect(selectQuizBlocker(state())).toMatch(/Waiting for the models/);
    state().setModelNames({ exlm: 'exlm-x', mlm: 'mlm-x' });
    state().setModelLoad('mlm', { phase: 'loading' });
    answer([['cat']], null);
    expect(selectQuizBlocker(state())).toMatch(/MLM twin "mlm-x"/);
    expect(state().reveal()).toBe(false);
    expect(state().quiz.revealed).toBeNull();
    // A twin that failed to load does not hold the round back: it is not scored.
    state().setModelLoad('mlm', { phase: 'error', message: 'gone' });
    expect(selectQuizBlocker(state())).toBeNull();
    // An answer for other text is not the current analysis.
    state().toggleMask(2);
    expect(selectQuizBlocker(state())).toMatch(/Waiting for the models/);
  });
});

describe('quiz slice', () => {
  it('scores rounds against the analysis and keeps a running total until reset', () => {
    state().setDocument('the cat sat on the mat', [1, 5]);
    state().setGuess(1, 'Cat!');
    state().setGuess(5, 'rug, mat');
    answer(
      [
        ['cat', 'dog'],
        ['floor', 'mat'],
      ],
      [
        ['dog', 'cat'],
        ['mat', 'rug'],
      ],
    );
    expect(state().reveal()).toBe(true);
    const round = state().quiz.revealed;
    expect(round?.number).toBe(1);
    expect(round?.text).toBe('the cat sat on the mat');
    expect(round?.models).toEqual({ exlm: 'exlm-x', mlm: 'mlm-x' });
    expect(round?.slots.map((s) => [s.hidden, s.classRight, s.rightGuess])).toEqual([
      ['cat', true, 1],
      ['mat', false, 2],
    ]);
    expect(round?.slots.map((s) => [s.exlm?.rank, s.mlm?.rank])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(state().quiz.totals).toEqual({
      class: { right: 1, of: 2 },
      exlm: { right: 1, of: 2 },
      mlm: { right: 1, of: 2 },
    });
    // Revealed: guesses are frozen and a second reveal changes nothing.
    state().setGuess(5, 'mat');
    expect(state().quiz.guesses[5]).toBe('rug, mat');
    expect(state().reveal()).toBe(false);
    expect(state().quiz.rounds).toHaveLength(1);

    // Next round: guesses cleared, the score stays; the teacher masks another word.
    state().nextRound();
    expect(state().quiz.guesses).toEqual({});
    expect(state().quiz.revealed).toBeNull();
    state().setDocument('the cat sat on the mat', [2]);
    state().setGuess(2, 'sat');
    answer([['sat']], [['lay']]);
    expect(state().reveal()).toBe(true);
    expect(state().quiz.revealed?.number).toBe(2);
    expect(state().quiz.rounds[0]?.text).toBe('the cat sat on the mat');
    expect(state().quiz.totals).toEqual({
      class: { right: 2, of: 3 },
      exlm: { right: 2, of: 3 },
      mlm: { right: 1, of: 3 },
    });

    state().resetQuiz();
    expect(state().quiz.rounds).toEqual([]);
    expect(state().quiz.revealed).toBeNull();
    expect(state().quiz.totals.class).toEqual({ right: 0, of: 0 });
  });
  it('reveals without a twin when none is loaded, scoring only the ExLM and the class', () => {
    state().setDocument('a [MASK] b', [0]);
    state().setGuess(0, '[MASK]');
    answer([['x'], ['y']], null);
    expect(state().reveal()).toBe(true);
    const slots = state().quiz.revealed?.slots ?? [];
    expect(slots.map((s) => [s.hidden, s.classRight])).toEqual([
      ['a', false],
      [null, null],
    ]);
    expect(slots[0]?.guesses).toEqual([]);
    expect(slots[0]?.mlm).toBeNull();
    expect(state().quiz.totals).toEqual({
      class: { right: 0, of: 1 },
      exlm: { right: 0, of: 1 },
      mlm: { right: 0, of: 0 },
    });
  });
});
