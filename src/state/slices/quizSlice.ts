// The class quiz: what the class guessed for each masked word of the current round, the rounds
// revealed so far and the running score of the class against ExLM and its MLM twin. The views
// state intents (setGuess, reveal, nextRound, resetQuiz); reveal scores the round against the
// analysis in the store (src/state/quizScoring.ts) and keeps the result until resetQuiz.
import type { StateCreator } from 'zustand';

import { selectQuizBlocker, selectQuizSlots } from '../quizSelectors';
import {
  EMPTY_TOTALS,
  type QuizSlotResult,
  type QuizTotals,
  addTotals,
  roundScore,
  scoreSlot,
} from '../quizScoring';
import { selectCurrentResult } from '../selectors';
import type { PlaygroundState } from '../store';

/** One revealed round, as it was when revealed (later edits of the text do not change it). */
export interface QuizRound {
  /** 1-based, in the order the rounds were revealed. */
  number: number;
  /** The editor's text the round was played on. */
  text: string;
  /** The models that answered: the ExLM and its twin (null when none was loaded). */
  models: { exlm: string; mlm: string | null };
  /** Every masked word, left to right. */
  slots: QuizSlotResult[];
  score: QuizTotals;
}

export interface QuizState {
  /** What the class said for each masked word, by the word's index in the text, as typed. */
  guesses: Readonly<Record<number, string>>;
  /** The round just revealed (also the last of `rounds`); null while the class is guessing. */
  revealed: QuizRound | null;
  rounds: QuizRound[];
  /** The sum of the rounds' scores. */
  totals: QuizTotals;
}

export interface QuizSlice {
  quiz: QuizState;
  setGuess: (wordIndex: number, typed: string) => void;
  /** Scores the round against the current analysis; false (and nothing changes) while the
   *  round cannot be revealed (selectQuizBlocker says why). */
  reveal: () => boolean;
  /** Clears the guesses and hides the answers again; the score stays. */
  nextRound: () => void;
  /** Forgets every round and the score. */
  resetQuiz: () => void;
}

export const INITIAL_QUIZ: QuizState = {
  guesses: {},
  revealed: null,
  rounds: [],
  totals: EMPTY_TOTALS,
};

export const createQuizSlice: StateCreator<PlaygroundState, [], [], QuizSlice> = (set, get) => ({
  quiz: INITIAL_QUIZ,
  setGuess: (wordIndex, typed) =>
    set((s) =>
      s.quiz.revealed !== null
        ? {}
        : { quiz: { ...s.quiz, guesses: { ...s.quiz.guesses, [wordIndex]: typed } } },
    ),
  reveal: () => {
    const s = get();
    const result = selectCurrentResult(s);
    if (selectQuizBlocker(s) !== null || result === null) return false;
    const slots = selectQuizSlots(s).map((slot, i) =>
      scoreSlot(
        { ...slot, typed: s.quiz.guesses[slot.wordIndex] ?? '' },
        result.exlm.masks[i],
        result.mlm?.masks[i],
      ),
    );
    const round: QuizRound = {
      number: s.quiz.rounds.length + 1,
      text: s.text,
      models: { exlm: result.exlm.model, mlm: result.mlm?.model ?? null },
      slots,
      score: roundScore(slots),
    };
    set({
      quiz: {
        ...s.quiz,
        revealed: round,
        rounds: [...s.quiz.rounds, round],
        totals: addTotals(s.quiz.totals, round.score),
      },
    });
    return true;
  },
  nextRound: () => set((s) => ({ quiz: { ...s.quiz, guesses: {}, revealed: null } })),
  resetQuiz: () => set({ quiz: INITIAL_QUIZ }),
});
