// What a class quiz round keeps from the class: while a round is open and not revealed, neither
// the page nor its link may show a masked word. The editor, the examples, the result views and the
// link all read this one selector, so they agree on what is covered and when it opens again.
import { maskedText } from '../core/words';
import type { ViewId } from './viewIds';
import { selectHideAnswers, selectQuizSlots } from './quizSelectors';
import type { PlaygroundState } from './store';

/** The views that show the models' guesses or the tokens of an older analysis (which may still
 *  hold a word masked since): closed while a round is open, as the guess may be the answer. */
export const QUIZ_COVERED_VIEWS: readonly ViewId[] = [
  'predictions',
  'compare',
  'states',
  'dag',
  'attention',
];

export interface QuizCover {
  /** A round is open and not revealed: the covered views and the examples' notes stay closed. */
  active: boolean;
  /** Word indices of the words the round hides (masked words, not typed [MASK]s), left to right;
   *  empty when no round is open or nothing is masked. */
  hiddenIndices: readonly number[];
  /** The text the page may show and the link may hold: the editor's, or with the hidden words
   *  written as [MASK] while there are any. */
  text: string;
  /** The masks that go with `text`: none while words are hidden (they are typed [MASK]s there). */
  masks: number[];
}

/** The cover for a text, its masks and whether a round is open; pure, for the selector and tests. */
export function quizCoverOf(
  active: boolean,
  text: string,
  masks: number[],
  hiddenIndices: readonly number[],
): QuizCover {
  const covered = active ? hiddenIndices : [];
  if (covered.length === 0) return { active, hiddenIndices: covered, text, masks };
  return { active, hiddenIndices: covered, text: maskedText(text, covered), masks: [] };
}

let last: {
  active: boolean;
  text: string;
  masks: number[];
  slots: ReturnType<typeof selectQuizSlots>;
  cover: QuizCover;
} | null = null;

/** The current cover; the same object while nothing it depends on changes (React needs that). */
export function selectQuizCover(s: PlaygroundState): QuizCover {
  const active = selectHideAnswers(s);
  const slots = selectQuizSlots(s);
  if (
    last === null ||
    last.active !== active ||
    last.text !== s.text ||
    last.masks !== s.masks ||
    last.slots !== slots
  ) {
    const hidden = slots.flatMap((slot) => (slot.hidden === null ? [] : [slot.wordIndex]));
    last = {
      active,
      text: s.text,
      masks: s.masks,
      slots,
      cover: quizCoverOf(active, s.text, s.masks, hidden),
    };
  }
  return last.cover;
}
