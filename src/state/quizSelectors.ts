// What the class quiz derives from the store: its slots, whether the answers must stay hidden,
// and what (if anything) keeps the round from being revealed.
import type { Word } from '../core/words';
import { selectCurrentResult, selectEffectiveMasks, selectWords } from './selectors';
import type { PlaygroundState } from './store';

/** A masked word of the current round. */
export interface QuizSlot {
  /** Index of the word in the editor's text. */
  wordIndex: number;
  /** The word that is masked; null for a typed [MASK], which hides nothing. */
  hidden: string | null;
}

/** The masked words, left to right (the order of the analysis' slots). */
export function quizSlotsOf(words: readonly Word[], masks: readonly number[]): QuizSlot[] {
  return masks.map((wordIndex) => {
    const word = words[wordIndex];
    return { wordIndex, hidden: word === undefined || word.literalMask ? null : word.text };
  });
}

let lastSlots: { words: Word[]; masks: number[]; slots: QuizSlot[] } | null = null;

/** The current round's slots; the same array while the text and masks stay the same. */
export function selectQuizSlots(s: PlaygroundState): QuizSlot[] {
  const words = selectWords(s);
  const masks = selectEffectiveMasks(s);
  if (lastSlots === null || lastSlots.words !== words || lastSlots.masks !== masks) {
    lastSlots = { words, masks, slots: quizSlotsOf(words, masks) };
  }
  return lastSlots.slots;
}

export const selectQuizOpen = (s: PlaygroundState): boolean => s.openViews.includes('quiz');

/** True while a quiz round is open and not revealed: the views must not show the masked words
 *  (the editor's chips show "?", the predictions leave out "was …"). */
export const selectHideAnswers = (s: PlaygroundState): boolean =>
  selectQuizOpen(s) && s.quiz.revealed === null;

/** Why the round cannot be revealed now, in words; null when it can. */
export function selectQuizBlocker(s: PlaygroundState): string | null {
  if (s.quiz.revealed !== null) return 'This round is revealed: start the next round.';
  if (!selectQuizSlots(s).some((slot) => slot.hidden !== null)) {
    return 'Mask a word in the editor first (click it).';
  }
  const result = selectCurrentResult(s);
  if (result === null || s.analyzing) return 'Waiting for the models to read this sentence…';
  const twin = s.modelNames.mlm;
  if (result.mlm === null && twin !== null && s.modelLoad.mlm.phase !== 'error') {
    return `Waiting for the MLM twin "${twin}"…`;
  }
  return null;
}
